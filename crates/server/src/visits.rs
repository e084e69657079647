//! A visit report uploaded by a device ("visit" mutation, issue 11): checked
//! with the domain's own rules, its timeline line written by the server from
//! the typed report, its status move applied through
//! `domain::status::transition`, a promise to pay added to the case, and
//! the device's hash chain checked and recorded.
//!
//! A broken chain is **flagged, not rejected**: the report is what happened
//! at the door, and refusing it would lose the evidence while proving
//! nothing (a device restored from a backup, or one whose report was
//! dropped on the way, would have every later report refused). The server
//! keeps the break on the case's record of the report
//! (`VisitRecordDto::chain`, with the hash it expected) and says so on the
//! timeline line, so the back office sees it on the case it reads; the
//! chain then goes on from this report.

use crate::offers::{recent, Refusal};
use domain::visit::{
    check_at_door, status_after, timeline_line, DoorPolicy, VisitError, VisitResult,
};
use domain::CaseStatus;
use server_storage::{Effect, Named};
use sync_proto::*;

/// What a visit report does to its case, decided from the case as stored
/// now (already checked to be the advisor's and open) and the device's
/// chain head.
pub fn effect(
    who: &crate::receipts::Taker<'_>,
    m: &Mutation,
    mut file: CaseFileDto,
    named: &Named,
) -> Result<Effect, Refusal> {
    let (advisor, device, now) = (who.advisor, who.device, who.at.naive_utc());
    let invalid = |reason: String| Err((RejectCode::InvalidBody, reason));
    let body: VisitBody = serde_json::from_value(m.body.clone()).map_err(|e| {
        (
            RejectCode::InvalidBody,
            format!("malformed visit report: {e}"),
        )
    })?;
    let report = match body.report() {
        Ok(r) => r,
        Err(field) => {
            return invalid(format!(
                "the report's {field:?} is missing, unknown or out of range"
            ))
        }
    };
    // The doorstep identity check again, against the server's own copy of
    // the debtor: a device cannot claim it met the debtor.
    let case = crate::offers::stored_case(&file)?;
    if let Err(e) = check_at_door(&report, &case.debtor, &DoorPolicy::default()) {
        return invalid(refusal(&e));
    }
    recent(report.ended_at, now, "a visit report")?;
    if let Some(fix) = &body.fix {
        let ok = (-90.0..=90.0).contains(&fix.lat)
            && (-180.0..=180.0).contains(&fix.lon)
            && (0.0..=100_000.0).contains(&fix.accuracy_m)
            && fix.provider.chars().count() <= 40;
        if !ok {
            return invalid("the position fix is out of range".into());
        }
    }
    if let Some(prev) = &body.prev_sha256 {
        if prev.len() != 64 || !prev.bytes().all(|b| b.is_ascii_hexdigit()) {
            return invalid("the previous report's hash is not a SHA-256 in hex".into());
        }
    }
    if let Some(c) = report.corrects {
        if !file.visits.iter().any(|v| v.id == c) {
            return invalid(format!(
                "the report corrects {c}, which is no report of this case"
            ));
        }
    }
    if let VisitResult::SettlementSigned { settlement } = &report.result {
        if !file.activities.iter().any(|a| a.id == *settlement) {
            return invalid(format!("settlement {settlement} is not on this case"));
        }
    }
    // The status moves only as the workflow allows; a refusal rejects the
    // report (the device checked the same before it saved it).
    let from = CaseStatus::from_code(&file.status).ok_or_else(|| {
        (
            RejectCode::Internal,
            format!("the stored case has the status {:?}", file.status),
        )
    })?;
    match status_after(from, report.result.kind()) {
        Ok(Some(to)) => file.status = to.code().to_owned(),
        Ok(None) => {}
        Err(e) => return Err((RejectCode::TransitionRefused, e.to_string())),
    }
    if let Some(p) =
        domain::visit::promise(&report, domain::PromiseId(m.id), domain::CaseId(m.case_id))
    {
        file.promises.push(PromiseDto {
            id: p.id.0,
            made_on: p.made_on,
            due_on: p.due_on,
            amount: p.amount.amount(),
            status: p.status.code().to_owned(),
        });
    }
    // Money at the door: its signed receipt, judged before anything is
    // written; the payment waits on the case as taken in the field.
    let field_payment =
        crate::receipts::judge(&file, m, &report, body.signed_receipt.as_ref(), who)?;
    file.field_payments.extend(field_payment);
    let sha256 = visit_link(m);
    let holds = body.prev_sha256 == named.chain;
    let mut line = timeline_line(&report);
    if !holds {
        line.push_str(" Uwaga: łańcuch raportów urządzenia przerwany.");
    }
    file.activities.push(ActivityDto {
        id: m.id,
        at: m.created_at,
        kind: domain::ActivityKind::Visit.code().to_owned(),
        author: advisor.to_owned(),
        summary: line,
        received_at: Some(now),
    });
    // The case keeps the report without the receipt's PDF (it stays in
    // the mutation, for the back office's receipt endpoint), so a case
    // does not grow by a document with every payment.
    let mut body = body;
    if let Some(r) = body.signed_receipt.as_mut() {
        r.pdf.clear();
    }
    file.visits.push(VisitRecordDto {
        id: m.id,
        device_id: device,
        body,
        received_at: now,
        sha256,
        chain: if holds {
            ChainCheck::Holds
        } else {
            ChainCheck::Broken
        },
        expected_prev: if holds { None } else { named.chain.clone() },
    });
    Ok(Effect::case(file))
}

/// The reason of a report the domain refuses, for the receipt.
fn refusal(e: &VisitError) -> String {
    match e {
        VisitError::NotAllowed { contact, result } => {
            format!("the contact {contact:?} does not allow the result {result:?}")
        }
        VisitError::AboveDoorLimit { max } => format!(
            "a payment at the door is at most {} (the company's cash limit)",
            domain::format::format_pln(*max)
        ),
        VisitError::Identity(i) => format!(
            "the person met was not confirmed as the debtor: {i} ({})",
            i.polish()
        ),
        other => other.to_string(),
    }
}
