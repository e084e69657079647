//! The promise ledger on the server: before a case with its promises and
//! payments is stored, the same domain rule the device runs offline
//! (`domain::ledger::judge`) decides which promise is kept, pending or
//! broken today, and a promise newly broken moves the case to "broken
//! promise" through `status::system_marks_broken_promise`. What is stored
//! and sent is that verdict, so device and server agree.

use chrono::NaiveDate;
use domain::status::PromiseRules;
use domain::PromiseId;
use sync_proto::CaseFileDto;

/// The rules the server judges promises by: the device's too
/// (`app::promise_rules`), 3 grace days, until the policy carries its own.
pub fn promise_rules() -> PromiseRules {
    PromiseRules::default()
}

/// Writes the ledger's verdict on `today` into `dto` (whose domain reading
/// is `file`): the case's status when a promise newly broke, and each
/// promise's status. Answers whether anything changed.
pub fn apply(dto: &mut CaseFileDto, file: &domain::CaseFile, today: NaiveDate) -> bool {
    let verdict = domain::ledger::judge(file, today, &promise_rules());
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
