fn main() {
    // The UI is embedded when this crate compiles: rebuild it whenever
    // `cargo xtask build-ui` rewrote the dist folder, or the app would serve
    // the previous build's files (a stale wasm next to a new script).
    println!("cargo:rerun-if-changed=src-ui/dist");
    tauri_build::build()
}
