//! Dependency rules of the house (STYLE.md "Boundaries",
//! docs/ARCHITECTURE.md "Dependencies point one way"), checked over
//! `cargo metadata` so that `cargo test` fails when one breaks.

use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, Package};
use std::collections::{BTreeSet, HashMap};

fn metadata() -> Metadata {
    MetadataCommand::new()
        .manifest_path(crate::root().join("Cargo.toml"))
        .exec()
        .expect("cargo metadata runs")
}

fn workspace_package<'a>(m: &'a Metadata, name: &str) -> &'a Package {
    m.workspace_packages()
        .into_iter()
        .find(|p| p.name.as_str() == name)
        .expect("package exists")
}

/// Every package `name` depends on through normal dependencies, transitively.
fn normal_closure(m: &Metadata, name: &str) -> BTreeSet<String> {
    let resolve = m.resolve.as_ref().expect("resolved");
    let nodes: HashMap<_, _> = resolve.nodes.iter().map(|n| (&n.id, n)).collect();
    let by_id: HashMap<_, _> = m.packages.iter().map(|p| (&p.id, p)).collect();
    let start = &workspace_package(m, name).id;
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        for dep in &nodes[id].deps {
            let normal = dep
                .dep_kinds
                .iter()
                .any(|k| k.kind == DependencyKind::Normal);
            if normal && seen.insert(by_id[&dep.pkg].name.to_string()) {
                stack.push(&dep.pkg);
            }
        }
    }
    seen
}

/// I/O and framework crates the pure domain must never reach.
const IO_CRATES: &[&str] = &[
    "rusqlite",
    "libsqlite3-sys",
    "reqwest",
    "hyper",
    "tauri",
    "leptos",
    "tokio",
    "printpdf",
    "axum",
    "sqlx",
    "postgres",
    "tokio-postgres",
    "web-sys",
];

#[test]
fn domain_depends_on_no_io_crate() {
    let m = metadata();
    let closure = normal_closure(&m, "domain");
    let bad: Vec<&str> = IO_CRATES
        .iter()
        .copied()
        .filter(|c| closure.contains(*c))
        .collect();
    assert!(
        bad.is_empty(),
        "crates/domain must stay pure, but it reaches {bad:?}"
    );
    // Entities are converted into wire types, never serialized themselves.
    let direct: Vec<&str> = workspace_package(&m, "domain")
        .dependencies
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert!(
        !direct.contains(&"serde"),
        "crates/domain must not name serde: {direct:?}"
    );
}

/// Which workspace packages may name each external technology directly.
const OWNERS: &[(&str, &[&str])] = &[
    ("tauri", &["partner"]),
    ("leptos", &["partner-ui"]),
    ("web-sys", &["partner-ui"]),
    ("wasm-bindgen", &["partner-ui"]),
    ("rusqlite", &["store", "server-storage"]),
    ("postgres", &["server-storage"]),
    ("tokio-postgres", &["server-storage"]),
    ("r2d2_postgres", &["server-storage"]),
    ("reqwest", &["sync-client"]),
    ("axum", &["server"]),
    ("printpdf", &["settlement"]),
    ("lopdf", &["settlement"]),
    ("cms", &["settlement"]),
    ("x509-cert", &["settlement"]),
    ("p256", &["settlement"]),
];

#[test]
fn each_technology_has_one_owning_crate() {
    let m = metadata();
    let mut violations = Vec::new();
    for p in m.workspace_packages() {
        for d in &p.dependencies {
            // Tests may reach into a replica to check what the app shows.
            if d.kind != DependencyKind::Normal {
                continue;
            }
            if let Some((tech, owners)) = OWNERS.iter().find(|(t, _)| *t == d.name) {
                if !owners.contains(&p.name.as_str()) {
                    violations.push(format!("{} names {tech} (owned by {owners:?})", p.name));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn the_tidy_check_sees_a_violation() {
    // Guards the check itself: the app package does reach tauri, so the
    // closure walk must find it there.
    let m = metadata();
    assert!(normal_closure(&m, "partner").contains("tauri"));
    assert!(normal_closure(&m, "store").contains("rusqlite"));
    assert!(normal_closure(&m, "server-storage").contains("postgres"));
}

/// Which workspace crates each workspace crate may name as a normal
/// dependency: the one written form of ARCHITECTURE.md's direction
/// ("domain ← api, sync-proto ← store, sync-client ← app ← src-tauri, xtask,
/// tests; domain ← sync-proto ← server-storage ← server"). `demo` (the
/// deterministic portfolio) and `settlement` (the signed document) sit just
/// above `domain` and are shared by the device and the server; `bench` is a
/// harness over `domain`. The device side (store, sync-client, app,
/// src-tauri, src-ui) and the server side (server-storage, server) meet only
/// in `sync-proto`, `api` and below, and in the top-level xtask and tests.
/// A new crate is added here, or the test fails.
const ALLOWED_EDGES: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("api", &["domain"]),
    ("sync-proto", &["domain"]),
    ("demo", &["domain"]),
    ("settlement", &["domain"]),
    ("bench", &["domain"]),
    ("evidence", &[]),
    ("import", &["domain"]),
    ("store", &["domain", "sync-proto"]),
    ("sync-client", &["domain", "sync-proto"]),
    (
        "app",
        &[
            "domain",
            "api",
            "sync-proto",
            "store",
            "sync-client",
            "demo",
            "settlement",
            "evidence",
        ],
    ),
    ("partner", &["domain", "api", "store", "sync-client", "app"]),
    ("partner-ui", &["domain", "api"]),
    ("server-storage", &["domain", "sync-proto"]),
    (
        "server",
        &[
            "domain",
            "sync-proto",
            "server-storage",
            "demo",
            "settlement",
            "evidence",
            "import",
        ],
    ),
    (
        "xtask",
        &[
            "domain",
            "api",
            "sync-proto",
            "demo",
            "settlement",
            "store",
            "sync-client",
            "app",
            "server-storage",
            "server",
            "evidence",
        ],
    ),
    // The end-to-end tests name the crates as dev-dependencies, except the
    // device's write path for the kill -9 test's writer process (src/bin).
    ("e2e", &["domain", "sync-proto", "store", "app"]),
];

/// Every normal dependency edge between workspace crates, as (from, to).
fn workspace_edges(m: &Metadata) -> Vec<(String, String)> {
    let members: BTreeSet<&str> = m
        .workspace_packages()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let mut edges = Vec::new();
    for p in m.workspace_packages() {
        for d in &p.dependencies {
            if d.kind == DependencyKind::Normal && members.contains(d.name.as_str()) {
                edges.push((p.name.to_string(), d.name.clone()));
            }
        }
    }
    edges
}

/// The edges and crates that break [`ALLOWED_EDGES`], one line each.
fn direction_violations(crates: &[String], edges: &[(String, String)]) -> Vec<String> {
    let allowed = |from: &str| ALLOWED_EDGES.iter().find(|(c, _)| *c == from);
    let mut bad: Vec<String> = crates
        .iter()
        .filter(|c| allowed(c).is_none())
        .map(|c| format!("{c} is not in tidy.rs ALLOWED_EDGES: add it with the crates it may use"))
        .collect();
    for (from, to) in edges {
        if let Some((_, to_ok)) = allowed(from) {
            if !to_ok.contains(&to.as_str()) {
                bad.push(format!(
                    "{from} depends on {to}, against the direction in docs/ARCHITECTURE.md \
                     (tidy.rs ALLOWED_EDGES lets {from} use {to_ok:?})"
                ));
            }
        }
    }
    bad
}

#[test]
fn workspace_dependencies_point_one_way() {
    let m = metadata();
    let crates: Vec<String> = m
        .workspace_packages()
        .iter()
        .map(|p| p.name.to_string())
        .collect();
    let bad = direction_violations(&crates, &workspace_edges(&m));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_direction_check_sees_a_violation() {
    // Guards the check itself: a store that reaches the app, and a crate
    // nobody placed, are both reported.
    let crates = vec!["store".to_owned(), "newcomer".to_owned()];
    let edges = vec![("store".to_owned(), "app".to_owned())];
    let bad = direction_violations(&crates, &edges);
    assert_eq!(bad.len(), 2, "{bad:#?}");
    // And the real graph has edges for the check to judge.
    assert!(workspace_edges(&metadata()).contains(&("app".to_owned(), "store".to_owned())));
}

/// Files allowed to name the operating system's random generator: the
/// sanctioned key sources. clippy.toml bans `OsRng` as a type, but clippy
/// only sees it in `use` items and type annotations, not as the value
/// `&mut rand_core::OsRng`, so this scan closes the gap.
const OS_RNG_SOURCES: &[&str] = &[
    // The device's signing key, made once when the device logs in.
    "crates/app/src/settlement.rs",
    // The replica's encryption key, made once when the replica is created.
    "crates/store/src/key.rs",
    // The server's CA key, and the randomness of the certificates it issues.
    "crates/server/src/ca.rs",
    "crates/server/src/handlers.rs",
];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        if path.is_dir() {
            if name != "target" && name != "dist" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_key_sources_name_the_os_rng() {
    let root = crate::root();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut bad = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&root).expect("under the root");
        let rel = rel.to_string_lossy().replace('\\', "/");
        // Tests and benchmarks make throw-away keys; their results do not
        // depend on the key's value.
        let throwaway = rel.starts_with("tests/")
            || rel.contains("/tests/")
            || rel.contains("/benches/")
            || rel == "xtask/src/tidy.rs";
        if throwaway || OS_RNG_SOURCES.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("OsRng") {
                bad.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "randomness is injected (STYLE.md Boundaries 3); only the key sources in \
         tidy.rs OS_RNG_SOURCES take it from the OS: {bad:#?}"
    );
}
