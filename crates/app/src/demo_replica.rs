//! Creating a replica filled with the demo portfolio.

use chrono::NaiveDate;
use std::path::Path;
use store::{Store, StoreError};

/// What a demo replica is made of.
#[derive(Debug, Clone)]
pub struct DemoReplica {
    pub seed: u64,
    pub cases: usize,
    pub advisors: usize,
    pub today: NaiveDate,
}

/// Generates the demo portfolio and writes it into a fresh replica at
/// `path`, replacing any file there. Returns the open replica.
pub fn create_demo_replica(path: &Path, spec: &DemoReplica) -> Result<Store, StoreError> {
    // A missing file is what we want; any other failure shows up in open().
    let _ = Store::remove_files(path);
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: spec.seed,
        cases: spec.cases,
        advisors: spec.advisors,
        today: spec.today,
    });
    let mut store = Store::open(path)?;
    store.import(&portfolio.advisors, &portfolio.cases)?;
    Ok(store)
}
