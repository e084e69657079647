//! The pure decisions of a sync run.

use sync_proto::{Mutation, Outcome, Receipt};
use uuid::Uuid;

/// The uploads of one run: the pending mutations in order, in batches.
pub fn batches(pending: Vec<Mutation>, max: usize) -> Vec<Vec<Mutation>> {
    sized_batches(
        pending.into_iter().map(|m| (m, 0)).collect(),
        max,
        usize::MAX,
    )
}

/// The uploads of one run: the pending mutations (each with its size in
/// bytes as JSON) in order, in batches of at most `max` items and at most
/// `max_bytes` bytes (photos make items large); an item larger than
/// `max_bytes` on its own goes alone.
pub fn sized_batches(
    pending: Vec<(Mutation, usize)>,
    max: usize,
    max_bytes: usize,
) -> Vec<Vec<Mutation>> {
    let mut out: Vec<Vec<Mutation>> = Vec::new();
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for (m, size) in pending {
        let full = batch.len() >= max.max(1) || bytes.saturating_add(size) > max_bytes;
        if full && !batch.is_empty() {
            out.push(std::mem::take(&mut batch));
            bytes = 0;
        }
        bytes = bytes.saturating_add(size);
        batch.push(m);
    }
    if !batch.is_empty() {
        out.push(batch);
    }
    out
}

/// What the device records for one outbox item after the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// On the server (now or earlier): done.
    Applied(Uuid),
    /// Refused for good: shown in "needs attention", never retried blindly.
    Rejected { id: Uuid, reason: String },
}

/// Turns receipts into outbox updates. A receipt for an id that was not in
/// the batch is ignored (it cannot settle anything of ours); an item with no
/// receipt stays pending and goes again next time.
pub fn settle(batch: &[Mutation], receipts: &[Receipt]) -> Vec<Settled> {
    batch
        .iter()
        .filter_map(|m| receipts.iter().find(|r| r.id == m.id))
        .map(|r| match &r.outcome {
            Outcome::Applied | Outcome::Duplicate => Settled::Applied(r.id),
            Outcome::Rejected { code, reason } => Settled::Rejected {
                id: r.id,
                reason: format!("{reason} ({code})"),
            },
        })
        .collect()
}

/// Whether to download now: only when nothing captured here waits for upload,
/// because a downloaded case replaces the local one and would hide changes
/// the server has not seen yet.
pub fn may_download(pending_after_upload: usize) -> bool {
    pending_after_upload == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(n: u128) -> Mutation {
        Mutation {
            id: Uuid::from_u128(n),
            case_id: Uuid::from_u128(100),
            created_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            kind: "note".into(),
            body: serde_json::json!({"text": "x"}),
        }
    }

    #[test]
    fn batches_keep_order_and_size() {
        let b = batches((1..=7).map(m).collect(), 3);
        let ids: Vec<Vec<u128>> = b
            .iter()
            .map(|b| b.iter().map(|m| m.id.as_u128()).collect())
            .collect();
        assert_eq!(ids, vec![vec![1, 2, 3], vec![4, 5, 6], vec![7]]);
        assert!(batches(vec![], 3).is_empty());
        assert_eq!(
            batches((1..=2).map(m).collect(), 0).len(),
            2,
            "a zero batch size still makes progress"
        );
    }

    #[test]
    fn sized_batches_keep_order_and_stay_within_bytes() {
        let items: Vec<(Mutation, usize)> = (0..7).map(|n| (m(n), 400)).collect();
        let b = sized_batches(items, 5, 1000);
        let ids: Vec<Vec<u128>> = b
            .iter()
            .map(|b| b.iter().map(|m| m.id.as_u128()).collect())
            .collect();
        assert_eq!(ids, vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![6]]);
        // One item larger than the limit goes alone, and the rest still
        // respect the item count.
        let items = vec![(m(0), 10), (m(1), 5000), (m(2), 10), (m(3), 10), (m(4), 10)];
        let sizes: Vec<usize> = sized_batches(items, 2, 1000).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![1, 1, 2, 1]);
    }

    #[test]
    fn receipts_settle_only_their_own_items() {
        let batch = vec![m(1), m(2), m(3)];
        let receipts = vec![
            Receipt {
                id: Uuid::from_u128(2),
                outcome: Outcome::Duplicate,
            },
            Receipt {
                id: Uuid::from_u128(1),
                outcome: Outcome::Applied,
            },
            Receipt {
                id: Uuid::from_u128(9),
                outcome: Outcome::Applied,
            },
            Receipt {
                id: Uuid::from_u128(3),
                outcome: Outcome::Rejected {
                    code: "case_not_assigned".into(),
                    reason: "not yours".into(),
                },
            },
        ];
        assert_eq!(
            settle(&batch, &receipts),
            vec![
                Settled::Applied(Uuid::from_u128(1)),
                Settled::Applied(Uuid::from_u128(2)),
                Settled::Rejected {
                    id: Uuid::from_u128(3),
                    reason: "not yours (case_not_assigned)".into()
                },
            ]
        );
        // A lost answer settles nothing: everything stays pending.
        assert!(settle(&batch, &[]).is_empty());
    }

    #[test]
    fn download_waits_for_pending_uploads() {
        assert!(may_download(0));
        assert!(!may_download(1));
    }
}
