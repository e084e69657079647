//! The promise ledger on the server: before a case with its promises and
//! payments is stored, the same domain rule the device runs offline
//! (`domain::ledger::judge`) decides which promise is kept, pending or
//! broken today, and a promise newly broken moves the case to "broken
//! promise" through `status::system_marks_broken_promise`. What is stored
//! and sent is that verdict, so device and server agree.

use chrono::NaiveDate;
use domain::status::PromiseRules;
use domain::PromiseId;
use std::collections::HashMap;
use sync_proto::{CaseFileDto, OfferPolicyDto};
use uuid::Uuid;

/// The rules the server judges a case's promises by: the grace days of the
/// policy of the advisor who holds it (`own`, else the standard policy),
/// the policy that advisor's devices get with the download and judge by
/// offline (`app::promise_rules`).
pub fn promise_rules(own: Option<&OfferPolicyDto>) -> PromiseRules {
    PromiseRules {
        grace_days: own.map_or_else(
            || OfferPolicyDto::standard().promise_grace_days,
            |p| p.promise_grace_days,
        ),
    }
}

/// Writes the ledger's verdict on `today` under `rules` into `dto` (whose
/// domain reading is `file`): the case's status when a promise newly broke,
/// and each promise's status. Answers whether anything changed.
pub fn apply(
    dto: &mut CaseFileDto,
    file: &domain::CaseFile,
    today: NaiveDate,
    rules: &PromiseRules,
) -> bool {
    let verdict = domain::ledger::judge(file, today, rules);
    let mut changed = false;
    if let Some(to) = verdict.moves_to {
        dto.status = to.code().to_owned();
        changed = true;
    }
    for p in &mut dto.promises {
        if let Some(line) = verdict.ledger.line(PromiseId(p.id)) {
            if p.status != line.state.code() {
                p.status = line.state.code().to_owned();
                changed = true;
            }
        }
    }
    changed
}

/// The case `dto` with the ledger's verdict on `today` under `rules`, or
/// `None` when the verdict changes nothing (or the case cannot be read).
fn revised(dto: &CaseFileDto, today: NaiveDate, rules: &PromiseRules) -> Option<CaseFileDto> {
    let file = domain::CaseFile::try_from(dto).ok()?;
    let mut out = dto.clone();
    apply(&mut out, &file, today, rules).then_some(out)
}

/// The server judges every held case's promises on `today`, without anyone
/// writing the case: a promise whose grace days ran out since it was last
/// stored is broken here as on the holder's device (which judges offline
/// with the same rule and the same policy), and the change reaches every
/// device with the next download. Answers how many cases changed.
///
/// Each case is read and judged outside any transaction; only a case whose
/// verdict changes is written (`Storage::change_case`), judged again inside
/// the write on the case as stored then, so a visit or payment that arrived
/// meanwhile is kept.
pub fn sweep(
    storage: &dyn server_storage::Storage,
    today: NaiveDate,
) -> Result<usize, server_storage::StorageError> {
    let mut rules_of: HashMap<Uuid, PromiseRules> = HashMap::new();
    let mut changed = 0;
    for (id, holder) in storage.held_case_ids()? {
        let rules = match rules_of.get(&holder) {
            Some(r) => *r,
            None => {
                let own = storage.user(holder)?.and_then(|u| u.offer_policy);
                let r = promise_rules(own.as_ref());
                rules_of.insert(holder, r);
                r
            }
        };
        let Some(stored) = storage.case(id)? else {
            continue;
        };
        if revised(&stored, today, &rules).is_none() {
            continue;
        }
        storage.change_case(id, &|now| Ok(revised(&now, today, &rules).unwrap_or(now)))?;
        changed += 1;
    }
    Ok(changed)
}

/// Runs [`sweep`] once a day on the server's clock (checked every ten
/// minutes), for as long as the server runs: what `partner-server` spawns.
pub async fn daily(state: crate::ServerState) {
    let mut judged: Option<NaiveDate> = None;
    loop {
        let today = (state.clock)().date();
        if judged != Some(today) {
            let storage = state.storage.clone();
            match tokio::task::spawn_blocking(move || sweep(storage.as_ref(), today)).await {
                Ok(Ok(n)) => {
                    judged = Some(today);
                    println!("partner-server: promises judged on {today}: {n} cases changed");
                }
                Ok(Err(e)) => eprintln!("partner-server: judging promises failed: {e}"),
                Err(e) => eprintln!("partner-server: judging promises failed: {e}"),
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(600)).await;
    }
}
