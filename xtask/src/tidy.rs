//! Dependency rules of the house (STYLE.md "Boundaries"), checked over
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
