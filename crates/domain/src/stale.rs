//! A device that has not synced for too long locks its case data (issue
//! #15): a tablet lost on Monday and opened the next week shows nothing
//! until it syncs, and a revoked one is wiped by that sync. Sync itself and
//! the login stay open; nothing captured is lost.

use chrono::NaiveDate;

/// The policy's default: case data locks after this many days without a
/// sync.
pub const LOCK_AFTER_DAYS: i64 = 7;

/// The days since the last sync, when they exceed `limit`: case data is
/// then locked. `None` while it is open — also on a device that never
/// synced (it downloaded nothing: the demo's replicas), and when the clock
/// stands before the last sync.
pub fn locked_for(last_sync: Option<NaiveDate>, today: NaiveDate, limit: i64) -> Option<i64> {
    let days = (today - last_sync?).num_days();
    (days > limit).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn seven_days_without_a_sync_are_open_the_eighth_locks() {
        // Synced on Wednesday 25 November 2026.
        let synced = Some(d(2026, 11, 25));
        assert_eq!(locked_for(synced, d(2026, 11, 25), LOCK_AFTER_DAYS), None);
        // Wednesday 2 December: 7 days, still open.
        assert_eq!(locked_for(synced, d(2026, 12, 2), LOCK_AFTER_DAYS), None);
        // Thursday 3 December: 8 days, locked.
        assert_eq!(locked_for(synced, d(2026, 12, 3), LOCK_AFTER_DAYS), Some(8));
        // Over the new year: 25 November to 4 January is 40 days.
        assert_eq!(locked_for(synced, d(2027, 1, 4), LOCK_AFTER_DAYS), Some(40));
    }

    #[test]
    fn a_device_that_never_synced_or_whose_clock_went_back_is_open() {
        assert_eq!(locked_for(None, d(2027, 6, 1), LOCK_AFTER_DAYS), None);
        assert_eq!(
            locked_for(Some(d(2026, 12, 3)), d(2026, 11, 1), LOCK_AFTER_DAYS),
            None
        );
    }
}
