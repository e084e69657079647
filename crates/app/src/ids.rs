//! Where new ids come from: random on a device, a counter in tests.

use uuid::Uuid;

pub trait IdSource: Send {
    fn next_id(&mut self) -> Uuid;
}

/// Random (v4) ids: the one sanctioned generator of the device.
#[derive(Debug, Default, Clone, Copy)]
pub struct RandomIds;

impl IdSource for RandomIds {
    #[allow(clippy::disallowed_methods)]
    fn next_id(&mut self) -> Uuid {
        Uuid::new_v4()
    }
}

/// Ids from a counter, for deterministic tests: `prefix` keeps the ids of
/// several devices apart.
#[derive(Debug, Clone)]
pub struct SeqIds {
    pub prefix: u64,
    pub next: u64,
}

impl IdSource for SeqIds {
    fn next_id(&mut self) -> Uuid {
        self.next += 1;
        Uuid::from_u64_pair(self.prefix, self.next)
    }
}
