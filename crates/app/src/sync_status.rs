//! What the sync status bar and the "needs attention" list show.

use crate::storage_error;
use api::{AttentionItem, CommandError, SyncProblem, SyncStatus};
use store::{OutboxState, Store};
use sync_client::SyncError;

/// The problem to show for a failed sync.
pub fn problem(e: &SyncError) -> SyncProblem {
    match e {
        SyncError::Unreachable(_) => SyncProblem::Offline,
        SyncError::UpgradeRequired(_) => SyncProblem::UpgradeRequired,
        SyncError::DeviceRevoked(_) => SyncProblem::DeviceRevoked,
        SyncError::Unauthorized(_) => SyncProblem::LoginRequired,
        SyncError::Refused { message, .. } => SyncProblem::Refused {
            message: message.clone(),
        },
        SyncError::Decode(m) => SyncProblem::Refused { message: m.clone() },
    }
}

/// The status from the replica; `running`, `received` and `problem` come
/// from the sync in progress or the last one, which only the caller knows.
pub fn sync_status(
    store: &Store,
    running: bool,
    received: usize,
    problem: Option<SyncProblem>,
) -> Result<SyncStatus, CommandError> {
    let (pending, needs_attention) = store.outbox_counts().map_err(storage_error)?;
    let logged_in = store.sync_value("token").map_err(storage_error)?.is_some();
    Ok(SyncStatus {
        logged_in_as: if logged_in {
            store.sync_value("user").map_err(storage_error)?
        } else {
            None
        },
        server: store.sync_value("server").map_err(storage_error)?,
        last_sync: store
            .sync_value("last_sync")
            .map_err(storage_error)?
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok()),
        pending,
        needs_attention,
        running,
        received,
        problem: if logged_in || problem.is_some() {
            problem
        } else {
            Some(SyncProblem::LoginRequired)
        },
        team_lead: crate::login::is_team_lead(store).map_err(storage_error)?,
        back_office: crate::login::is_back_office(store).map_err(storage_error)?,
        // The shell knows whether it is locked; the replica whether a PIN
        // is set.
        locked: false,
        pin_set: crate::lock::pin_set(store)?,
        decisions: store
            .unseen_decisions()
            .map_err(storage_error)?
            .into_iter()
            .map(|d| api::DecisionNotice {
                case_id: d.case_id.map(|c| c.to_string()),
                plan_date: d.plan_date,
                approved: d.approved,
            })
            .collect(),
    })
}

/// The captured changes the server refused, newest first.
pub fn attention_items(store: &Store) -> Result<Vec<AttentionItem>, CommandError> {
    let mut items: Vec<AttentionItem> = store
        .outbox(OutboxState::Rejected)
        .map_err(storage_error)?
        .into_iter()
        .map(|i| AttentionItem {
            created_at: i.created_at,
            kind: i.kind.clone(),
            case_number: None,
            reason: i.last_error.unwrap_or_default(),
            message_id: (i.kind == sync_proto::kinds::MESSAGE).then(|| i.mutation_id.to_string()),
        })
        .collect();
    items.reverse();
    Ok(items)
}
