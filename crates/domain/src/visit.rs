//! The visit report (PRODUCT.md capability 7, issue 11): what happened at
//! the door, on two axes as collection systems record them — who the
//! advisor reached ([`Contact`]) and what came of it ([`VisitResult`]) —
//! with notes, the next step, a follow-up date and the visit's times.
//!
//! The rules here are the one check of a report: the device calls
//! [`check`] before it saves one and the server calls it again on every
//! upload. Which results a contact allows is [`allowed`]; the status a
//! report moves its case to is [`status_after`], which asks
//! [`crate::status::transition`] and nothing else.

use crate::identity::{confirm, IdentityClaim, IdentityError};
use crate::model::Debtor;
use crate::money::Money;
use crate::status::{transition, Actor, CaseStatus, TransitionError};
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use uuid::Uuid;

/// The longest notes of a report, in characters.
pub const MAX_NOTES: usize = 4000;
/// The longest short text (next step, who, reason, what, receipt number).
pub const MAX_SHORT_TEXT: usize = 500;
/// How far ahead a promise, a revisit or a follow-up may be set, in days.
pub const MAX_AHEAD_DAYS: u64 = 366;
/// The longest a visit may last.
pub const MAX_VISIT_HOURS: i64 = 12;

/// What the company allows an advisor to take in cash at the door. A
/// policy value with a default: cash carried by one person is a risk to
/// that person and to the money, and a large cash payment is better made
/// to the account. The default, 15 000 zł, is the company's choice, not a
/// statute: the cash limit of art. 19 of the entrepreneurs law binds
/// payments between businesses, and the debtors here are consumers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoorPolicy {
    /// The most one payment at the door may be.
    pub max_cash: Money,
}

impl Default for DoorPolicy {
    fn default() -> Self {
        DoorPolicy {
            max_cash: Money::from_grosze(1_500_000),
        }
    }
}

/// Who the third party at the door was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThirdParty {
    /// Domownik.
    HouseholdMember,
    /// Sąsiad.
    Neighbour,
    Other,
}

/// Why nobody was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nobody {
    /// Nikogo nie zastano.
    NotAtHome,
    /// Nikt nie otworzył.
    NoAnswer,
}

/// What is wrong with the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressProblem {
    /// The client moved away.
    Moved,
    /// No such address, or not the client's.
    WrongAddress,
    /// Nobody lives there.
    Empty,
    /// The building is gone.
    Demolished,
}

/// Whom the advisor reached: the first axis of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// The debtor in person.
    RightParty,
    /// Someone else; `description` in the advisor's words (may be empty).
    ThirdParty {
        who: ThirdParty,
        description: String,
    },
    Nobody(Nobody),
    AddressInvalid(AddressProblem),
    /// The debtor died.
    Deceased,
}

/// The kind of a [`Contact`], without its details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactKind {
    RightParty,
    ThirdParty,
    Nobody,
    AddressInvalid,
    Deceased,
}

impl ContactKind {
    pub const ALL: [ContactKind; 5] = [
        Self::RightParty,
        Self::ThirdParty,
        Self::Nobody,
        Self::AddressInvalid,
        Self::Deceased,
    ];
}

impl Contact {
    pub fn kind(&self) -> ContactKind {
        match self {
            Contact::RightParty => ContactKind::RightParty,
            Contact::ThirdParty { .. } => ContactKind::ThirdParty,
            Contact::Nobody(_) => ContactKind::Nobody,
            Contact::AddressInvalid(_) => ContactKind::AddressInvalid,
            Contact::Deceased => ContactKind::Deceased,
        }
    }
}

/// How a promised payment will be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayChannel {
    /// Przelew.
    BankTransfer,
    /// Na poczcie.
    PostOffice,
    /// Płatność online (BLIK, pay-by-link).
    Online,
    /// Gotówka u doradcy przy następnej wizycie.
    Cash,
}

/// What came of the visit: the second axis of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitResult {
    /// Deklaracja wpłaty.
    PromiseToPay {
        amount: Money,
        due_on: NaiveDate,
        channel: PayChannel,
    },
    /// Money taken at the door, with the receipt's number.
    PaidAtDoor {
        amount: Money,
        receipt: String,
    },
    /// A settlement signed during the visit: the id of its "settlement"
    /// mutation.
    SettlementSigned {
        settlement: Uuid,
    },
    /// The client refused to talk or to pay.
    Refused {
        reason: String,
    },
    /// The client disputes the claim.
    Dispute {
        what: String,
    },
    /// Hardship or vulnerability noticed.
    Hardship {
        what: String,
    },
    /// Come back on a day, within a time window.
    Revisit {
        on: NaiveDate,
        from: NaiveTime,
        until: NaiveTime,
    },
    Nothing,
}

/// The kind of a [`VisitResult`], without its details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultKind {
    PromiseToPay,
    PaidAtDoor,
    SettlementSigned,
    Refused,
    Dispute,
    Hardship,
    Revisit,
    Nothing,
}

impl ResultKind {
    pub const ALL: [ResultKind; 8] = [
        Self::PromiseToPay,
        Self::PaidAtDoor,
        Self::SettlementSigned,
        Self::Refused,
        Self::Dispute,
        Self::Hardship,
        Self::Revisit,
        Self::Nothing,
    ];
}

impl VisitResult {
    pub fn kind(&self) -> ResultKind {
        match self {
            VisitResult::PromiseToPay { .. } => ResultKind::PromiseToPay,
            VisitResult::PaidAtDoor { .. } => ResultKind::PaidAtDoor,
            VisitResult::SettlementSigned { .. } => ResultKind::SettlementSigned,
            VisitResult::Refused { .. } => ResultKind::Refused,
            VisitResult::Dispute { .. } => ResultKind::Dispute,
            VisitResult::Hardship { .. } => ResultKind::Hardship,
            VisitResult::Revisit { .. } => ResultKind::Revisit,
            VisitResult::Nothing => ResultKind::Nothing,
        }
    }
}

/// Which results a contact allows. Only the debtor in person can promise,
/// pay, sign, refuse the debt or dispute it: nothing about the debt is
/// disclosed to a third party (KPF ZDP), so from a household member or a
/// neighbour the advisor can only learn of hardship, be refused, arrange a
/// revisit or record nothing. With nobody at the door only a revisit or
/// nothing; at an invalid address or after a death, nothing (the next step
/// says what to do).
pub fn allowed(contact: ContactKind, result: ResultKind) -> bool {
    use ResultKind as R;
    match contact {
        ContactKind::RightParty => true,
        ContactKind::ThirdParty => {
            matches!(result, R::Refused | R::Hardship | R::Revisit | R::Nothing)
        }
        ContactKind::Nobody => matches!(result, R::Revisit | R::Nothing),
        ContactKind::AddressInvalid | ContactKind::Deceased => result == R::Nothing,
    }
}

/// The results `contact` allows, in the order the screen offers them.
pub fn allowed_results(contact: ContactKind) -> Vec<ResultKind> {
    ResultKind::ALL
        .into_iter()
        .filter(|&r| allowed(contact, r))
        .collect()
}

/// A visit report as the advisor saved it. Final once saved: a correction
/// is a new report whose `corrects` names the one it corrects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitReport {
    pub contact: Contact,
    pub result: VisitResult,
    pub notes: String,
    pub next_step: String,
    pub follow_up: Option<NaiveDate>,
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    /// The report (its mutation id) this one corrects.
    pub corrects: Option<Uuid>,
    /// With the debtor in person: what they told to prove it
    /// ([`crate::identity`]); required then, and only then.
    pub identity: Option<IdentityClaim>,
}

/// The part of a report a [`VisitError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisitField {
    Contact,
    /// Who the third party was, in words.
    Who,
    Result,
    Amount,
    DueOn,
    /// How a promised payment will be made.
    Channel,
    Receipt,
    Settlement,
    /// The refusal's reason, the dispute's or the hardship's "what".
    Details,
    RevisitOn,
    Window,
    Notes,
    NextStep,
    FollowUp,
    StartedAt,
    EndedAt,
    Corrects,
    /// The doorstep identity check.
    Identity,
}

/// Why a report is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VisitError {
    #[error("the contact {contact:?} does not allow the result {result:?}")]
    NotAllowed {
        contact: ContactKind,
        result: ResultKind,
    },
    #[error("{0:?} is required")]
    Required(VisitField),
    #[error("{0:?} is too long")]
    TooLong(VisitField),
    /// An amount that is zero here, or not a valid amount.
    #[error("{0:?} is not a valid amount")]
    Amount(VisitField),
    /// A payment at the door above the [`DoorPolicy`] limit.
    #[error("a payment at the door is at most {max:?}")]
    AboveDoorLimit { max: Money },
    /// A date or a time out of its range (before the visit, too far ahead,
    /// the end before the start, a visit longer than a working day).
    #[error("{0:?} is out of range")]
    OutOfRange(VisitField),
    /// The person met was not confirmed as the debtor.
    #[error("identity: {0}")]
    Identity(IdentityError),
}

impl VisitError {
    /// The part of the report the error is about.
    pub fn field(&self) -> VisitField {
        match self {
            VisitError::NotAllowed { .. } => VisitField::Result,
            VisitError::Required(f)
            | VisitError::TooLong(f)
            | VisitError::Amount(f)
            | VisitError::OutOfRange(f) => *f,
            VisitError::AboveDoorLimit { .. } => VisitField::Amount,
            VisitError::Identity(_) => VisitField::Identity,
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn short(s: &str, field: VisitField, required: bool) -> Result<(), VisitError> {
    if required && s.trim().is_empty() {
        return Err(VisitError::Required(field));
    }
    if chars(s) > MAX_SHORT_TEXT {
        return Err(VisitError::TooLong(field));
    }
    Ok(())
}

/// A day from the visit's day up to [`MAX_AHEAD_DAYS`] after it.
fn ahead(day: NaiveDate, visit: NaiveDate, field: VisitField) -> Result<(), VisitError> {
    let last = visit.checked_add_days(Days::new(MAX_AHEAD_DAYS));
    if day < visit || last.is_none_or(|l| day > l) {
        return Err(VisitError::OutOfRange(field));
    }
    Ok(())
}

/// The one check of a report, on the device and on the server: the pair
/// of contact and result allowed, texts within their sizes, amounts above
/// zero, the end not before the start and the visit at most
/// [`MAX_VISIT_HOURS`] long, promised and follow-up days from the visit's
/// day to a year after it, a revisit's window in order. Amounts were read
/// through [`crate::offer::input_amount`] (two places, not negative, the
/// engine's ceiling) before they became a `Money`; a payment at the door
/// is at most the default [`DoorPolicy`] (see [`check_with`]).
pub fn check(r: &VisitReport) -> Result<(), VisitError> {
    check_with(r, &DoorPolicy::default())
}

/// [`check`] under the door policy `door`.
pub fn check_with(r: &VisitReport, door: &DoorPolicy) -> Result<(), VisitError> {
    let (contact, result) = (r.contact.kind(), r.result.kind());
    if !allowed(contact, result) {
        return Err(VisitError::NotAllowed { contact, result });
    }
    if let Contact::ThirdParty { description, .. } = &r.contact {
        short(description, VisitField::Who, false)?;
    }
    // Only the debtor in person is asked who they are; nobody else's
    // answers are kept.
    match (&r.contact, &r.identity) {
        (Contact::RightParty, None) => return Err(VisitError::Required(VisitField::Identity)),
        (Contact::RightParty, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(VisitError::OutOfRange(VisitField::Identity)),
    }
    if r.ended_at < r.started_at {
        return Err(VisitError::OutOfRange(VisitField::EndedAt));
    }
    if r.ended_at - r.started_at > TimeDelta::hours(MAX_VISIT_HOURS) {
        return Err(VisitError::OutOfRange(VisitField::EndedAt));
    }
    let day = r.started_at.date();
    match &r.result {
        VisitResult::PromiseToPay { amount, due_on, .. } => {
            if amount.grosze() <= 0 {
                return Err(VisitError::Amount(VisitField::Amount));
            }
            ahead(*due_on, day, VisitField::DueOn)?;
        }
        VisitResult::PaidAtDoor { amount, receipt } => {
            if amount.grosze() <= 0 {
                return Err(VisitError::Amount(VisitField::Amount));
            }
            if *amount > door.max_cash {
                return Err(VisitError::AboveDoorLimit { max: door.max_cash });
            }
            short(receipt, VisitField::Receipt, true)?;
        }
        VisitResult::SettlementSigned { settlement } => {
            if settlement.is_nil() {
                return Err(VisitError::Required(VisitField::Settlement));
            }
        }
        VisitResult::Refused { reason: t }
        | VisitResult::Dispute { what: t }
        | VisitResult::Hardship { what: t } => short(t, VisitField::Details, true)?,
        VisitResult::Revisit { on, from, until } => {
            ahead(*on, day, VisitField::RevisitOn)?;
            if until <= from {
                return Err(VisitError::OutOfRange(VisitField::Window));
            }
        }
        VisitResult::Nothing => {}
    }
    if chars(&r.notes) > MAX_NOTES {
        return Err(VisitError::TooLong(VisitField::Notes));
    }
    short(&r.next_step, VisitField::NextStep, false)?;
    if let Some(f) = r.follow_up {
        ahead(f, day, VisitField::FollowUp)?;
    }
    if r.corrects.is_some_and(|c| c.is_nil()) {
        return Err(VisitError::Required(VisitField::Corrects));
    }
    Ok(())
}

/// [`check_with`] and the doorstep identity check against the case's
/// debtor: what the device runs before it saves a report and the server
/// on every report it receives, each against its own copy of the debtor.
pub fn check_at_door(
    r: &VisitReport,
    debtor: &Debtor,
    door: &DoorPolicy,
) -> Result<(), VisitError> {
    check_with(r, door)?;
    match &r.identity {
        Some(claim) => confirm(debtor, claim).map_err(VisitError::Identity),
        None => Ok(()),
    }
}

/// Whether a report made at `ended_at` may still be taken on `now`: not
/// more than a day ahead of the taker's clock (a device's clock may be
/// off) and not older than `max_age_days`.
pub fn recent(ended_at: NaiveDateTime, now: NaiveDateTime, max_age_days: i64) -> bool {
    ended_at <= now + TimeDelta::days(1) && ended_at >= now - TimeDelta::days(max_age_days)
}

/// The status a result asks for: a promise to pay or a signed settlement
/// as it says, anything else "visited" (a visit happened, whoever opened).
pub fn status_asked(result: ResultKind) -> CaseStatus {
    match result {
        ResultKind::PromiseToPay => CaseStatus::PromiseToPay,
        ResultKind::SettlementSigned => CaseStatus::SettlementSigned,
        _ => CaseStatus::Visited,
    }
}

/// The promise to pay a report adds to its case, if it records one: its id
/// is the report's, made on the day the visit ended, pending. The device
/// adds it to its replica when the report is saved (so the ledger, the case
/// list and the planner see it before any sync) and the server to the case
/// it stores, so both hold the same promise.
pub fn promise(
    report: &VisitReport,
    id: crate::PromiseId,
    case: crate::CaseId,
) -> Option<crate::Promise> {
    match &report.result {
        VisitResult::PromiseToPay { amount, due_on, .. } => Some(crate::Promise {
            id,
            case_id: case,
            made_on: report.ended_at.date(),
            due_on: *due_on,
            amount: *amount,
            status: crate::PromiseStatus::Pending,
        }),
        _ => None,
    }
}

/// The status a report moves its case to, through
/// [`crate::status::transition`] as the advisor: `Ok(None)` when the case
/// is in that status already (a second visit to a visited case changes
/// nothing, which is not a refusal), an error when the workflow refuses
/// the move (e.g. a promise on a case that is paying: the report is
/// refused, never saved with the status silently left).
pub fn status_after(
    from: CaseStatus,
    result: ResultKind,
) -> Result<Option<CaseStatus>, TransitionError> {
    match transition(from, status_asked(result), Actor::Advisor) {
        Ok(to) => Ok(Some(to)),
        Err(TransitionError::Unchanged(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The report's line on the case timeline, in Polish, from the typed
/// report alone (the server writes it itself; the device shows the same).
/// Free text (notes, reasons) stays out of it: the line is the codes and
/// the numbers, the report keeps the words.
pub fn timeline_line(r: &VisitReport) -> String {
    use crate::format::{format_date, format_pln};
    let contact = match &r.contact {
        Contact::RightParty => "rozmowa z klientem",
        Contact::ThirdParty { who, .. } => match who {
            ThirdParty::HouseholdMember => "rozmowa z domownikiem",
            ThirdParty::Neighbour => "rozmowa z sąsiadem",
            ThirdParty::Other => "rozmowa z osobą trzecią",
        },
        Contact::Nobody(Nobody::NotAtHome) => "nikogo nie zastano",
        Contact::Nobody(Nobody::NoAnswer) => "nikt nie otworzył",
        Contact::AddressInvalid(a) => match a {
            AddressProblem::Moved => "klient wyprowadził się",
            AddressProblem::WrongAddress => "błędny adres",
            AddressProblem::Empty => "lokal pusty",
            AddressProblem::Demolished => "budynek wyburzony",
        },
        Contact::Deceased => "klient zmarł",
    };
    let result = match &r.result {
        VisitResult::PromiseToPay {
            amount,
            due_on,
            channel,
        } => format!(
            "deklaracja wpłaty {} do {} ({})",
            format_pln(*amount),
            format_date(*due_on),
            match channel {
                PayChannel::BankTransfer => "przelew",
                PayChannel::PostOffice => "poczta",
                PayChannel::Online => "płatność online",
                PayChannel::Cash => "gotówka u doradcy",
            }
        ),
        VisitResult::PaidAtDoor { amount, receipt } => format!(
            "wpłata {} przyjęta w terenie, potwierdzenie wpłaty nr {receipt}",
            format_pln(*amount)
        ),
        VisitResult::SettlementSigned { .. } => "podpisana ugoda".to_owned(),
        VisitResult::Refused { .. } => "odmowa".to_owned(),
        VisitResult::Dispute { .. } => "klient kwestionuje roszczenie".to_owned(),
        VisitResult::Hardship { .. } => "trudna sytuacja klienta".to_owned(),
        VisitResult::Revisit { on, from, until } => format!(
            "ponowna wizyta {} {}–{}",
            format_date(*on),
            from.format("%H:%M"),
            until.format("%H:%M")
        ),
        VisitResult::Nothing => "bez ustaleń".to_owned(),
    };
    let mut line = format!(
        "Wizyta {}–{}: {contact}; {result}.",
        r.started_at.format("%d.%m.%Y %H:%M"),
        r.ended_at.format("%H:%M")
    );
    if let Some(f) = r.follow_up {
        line.push_str(&format!(" Kontakt ponowny {}.", format_date(f)));
    }
    if r.corrects.is_some() {
        line.push_str(" Korekta wcześniejszego raportu.");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn t(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    use crate::identity::tests::anna;

    #[test]
    fn the_debtor_in_person_must_be_confirmed_and_nobody_else_is_asked() {
        let door = DoorPolicy::default();
        let promise = VisitResult::PromiseToPay {
            amount: Money::from_grosze(30_000),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            channel: PayChannel::BankTransfer,
        };
        let ok = report(Contact::RightParty, promise.clone());
        assert_eq!(check_at_door(&ok, &anna(), &door), Ok(()));
        let mut unasked = ok.clone();
        unasked.identity = None;
        assert_eq!(
            check_at_door(&unasked, &anna(), &door),
            Err(VisitError::Required(VisitField::Identity))
        );
        let mut wrong = ok.clone();
        wrong.identity.as_mut().unwrap().fact =
            crate::identity::IdentityFact::PeselEnd("3488".into());
        assert_eq!(
            check_at_door(&wrong, &anna(), &door),
            Err(VisitError::Identity(IdentityError::FactMismatch))
        );
        assert_eq!(
            check_at_door(&wrong, &anna(), &door).unwrap_err().field(),
            VisitField::Identity
        );
        // A neighbour is not asked, and a claim on their report is refused.
        let neighbour = Contact::ThirdParty {
            who: ThirdParty::Neighbour,
            description: String::new(),
        };
        let mut third = report(neighbour, VisitResult::Nothing);
        assert_eq!(check_at_door(&third, &anna(), &door), Ok(()));
        third.identity = ok.identity.clone();
        assert_eq!(
            check_at_door(&third, &anna(), &door),
            Err(VisitError::OutOfRange(VisitField::Identity))
        );
    }

    fn report(contact: Contact, result: VisitResult) -> VisitReport {
        let identity = (contact == Contact::RightParty).then(|| IdentityClaim {
            name: "Anna Wójcik".into(),
            fact: crate::identity::IdentityFact::PeselEnd("3489".into()),
        });
        VisitReport {
            identity,
            contact,
            result,
            notes: "Klient w domu, rozmowa spokojna.".into(),
            next_step: "Telefon po terminie".into(),
            follow_up: NaiveDate::from_ymd_opt(2026, 11, 20),
            started_at: t(10, 10, 0),
            ended_at: t(10, 10, 25),
            corrects: None,
        }
    }

    fn promise() -> VisitResult {
        VisitResult::PromiseToPay {
            amount: Money::new(dec!(300)),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
            channel: PayChannel::BankTransfer,
        }
    }

    #[test]
    fn the_allowed_pairs_as_a_table() {
        let table: Vec<String> = ContactKind::ALL
            .into_iter()
            .map(|c| format!("{c:?}: {:?}", allowed_results(c)))
            .collect();
        expect_test::expect![[r#"
            [
                "RightParty: [PromiseToPay, PaidAtDoor, SettlementSigned, Refused, Dispute, Hardship, Revisit, Nothing]",
                "ThirdParty: [Refused, Hardship, Revisit, Nothing]",
                "Nobody: [Revisit, Nothing]",
                "AddressInvalid: [Nothing]",
                "Deceased: [Nothing]",
            ]
        "#]]
        .assert_debug_eq(&table);
    }

    #[test]
    fn a_promise_from_the_debtor_is_taken_and_from_a_neighbour_refused() {
        assert_eq!(check(&report(Contact::RightParty, promise())), Ok(()));
        let neighbour = Contact::ThirdParty {
            who: ThirdParty::Neighbour,
            description: "pani z naprzeciwka".into(),
        };
        assert_eq!(
            check(&report(neighbour, promise())),
            Err(VisitError::NotAllowed {
                contact: ContactKind::ThirdParty,
                result: ResultKind::PromiseToPay
            })
        );
        assert_eq!(
            check(&report(
                Contact::Nobody(Nobody::NotAtHome),
                VisitResult::PaidAtDoor {
                    amount: Money::new(dec!(50)),
                    receipt: "KP/1".into()
                }
            ))
            .map_err(|e| e.field()),
            Err(VisitField::Result)
        );
    }

    #[test]
    fn times_dates_amounts_and_texts_are_in_range() {
        let mut r = report(Contact::RightParty, promise());
        r.ended_at = t(10, 9, 59);
        assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::EndedAt)));
        r.ended_at = t(10, 23, 0);
        assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::EndedAt)));

        let mut r = report(Contact::RightParty, promise());
        r.result = VisitResult::PromiseToPay {
            amount: Money::ZERO,
            due_on: NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
            channel: PayChannel::Online,
        };
        assert_eq!(check(&r), Err(VisitError::Amount(VisitField::Amount)));
        r.result = VisitResult::PromiseToPay {
            amount: Money::new(dec!(1)),
            due_on: NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
            channel: PayChannel::Online,
        };
        assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::DueOn)));
        r.result = VisitResult::PromiseToPay {
            amount: Money::new(dec!(1)),
            due_on: NaiveDate::from_ymd_opt(2027, 11, 12).unwrap(),
            channel: PayChannel::Online,
        };
        assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::DueOn)));

        let mut r = report(
            Contact::Nobody(Nobody::NoAnswer),
            VisitResult::Revisit {
                on: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
                from: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
                until: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
            },
        );
        assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::Window)));
        r.result = VisitResult::Nothing;
        r.notes = "ą".repeat(MAX_NOTES);
        assert_eq!(check(&r), Ok(()));
        r.notes.push('x');
        assert_eq!(check(&r), Err(VisitError::TooLong(VisitField::Notes)));

        let r = report(
            Contact::RightParty,
            VisitResult::Refused {
                reason: "  ".into(),
            },
        );
        assert_eq!(check(&r), Err(VisitError::Required(VisitField::Details)));
    }

    fn paid(grosze: i64) -> VisitResult {
        VisitResult::PaidAtDoor {
            amount: Money::from_grosze(grosze),
            receipt: "KP/2026/11/0102030405".into(),
        }
    }

    #[test]
    fn a_payment_at_the_door_is_above_zero_and_at_most_the_limit() {
        let r = |g| check(&report(Contact::RightParty, paid(g)));
        assert_eq!(r(1), Ok(()));
        assert_eq!(r(15_000_00), Ok(()));
        let limit = Err(VisitError::AboveDoorLimit {
            max: Money::new(dec!(15000)),
        });
        assert_eq!(r(15_000_01), limit);
        assert_eq!(r(1_000_000_00), limit);
        assert_eq!(r(0), Err(VisitError::Amount(VisitField::Amount)));
        assert_eq!(r(-100), Err(VisitError::Amount(VisitField::Amount)));
        assert_eq!(r(15_000_01).map_err(|e| e.field()), Err(VisitField::Amount));
        // Another company's policy.
        let strict = DoorPolicy {
            max_cash: Money::new(dec!(500)),
        };
        let at = |g| check_with(&report(Contact::RightParty, paid(g)), &strict);
        assert_eq!(at(500_00), Ok(()));
        assert!(at(500_01).is_err());
        let mut blank = report(Contact::RightParty, paid(100));
        blank.result = VisitResult::PaidAtDoor {
            amount: Money::new(dec!(1)),
            receipt: " ".into(),
        };
        assert_eq!(
            check(&blank),
            Err(VisitError::Required(VisitField::Receipt))
        );
        expect_test::expect!["Wizyta 10.11.2026 10:00–10:25: rozmowa z klientem; wpłata 150,00 zł przyjęta w terenie, potwierdzenie wpłaty nr KP/2026/11/0102030405. Kontakt ponowny 20.11.2026."]
            .assert_eq(&timeline_line(&report(Contact::RightParty, paid(150_00))));
    }

    #[test]
    fn the_status_moves_only_through_the_workflow() {
        use CaseStatus::*;
        assert_eq!(
            status_after(New, ResultKind::PromiseToPay),
            Ok(Some(PromiseToPay))
        );
        assert_eq!(
            status_after(VisitPlanned, ResultKind::Nothing),
            Ok(Some(Visited))
        );
        assert_eq!(status_after(Visited, ResultKind::Revisit), Ok(None));
        assert_eq!(
            status_after(Visited, ResultKind::SettlementSigned),
            Ok(Some(SettlementSigned))
        );
        // A paying client's promise is not a workflow move: refused.
        assert_eq!(
            status_after(Paying, ResultKind::PromiseToPay),
            Err(TransitionError::NotAllowed {
                from: Paying,
                to: PromiseToPay
            })
        );
        // Only the back office touches a closed case.
        assert!(status_after(Closed, ResultKind::Nothing).is_err());
    }

    #[test]
    fn the_timeline_line_is_polish_and_from_the_codes() {
        expect_test::expect!["Wizyta 10.11.2026 10:00–10:25: rozmowa z klientem; deklaracja wpłaty 300,00 zł do 15.11.2026 (przelew). Kontakt ponowny 20.11.2026."]
            .assert_eq(&timeline_line(&report(Contact::RightParty, promise())));
        let mut r = report(Contact::Nobody(Nobody::NotAtHome), VisitResult::Nothing);
        r.follow_up = None;
        r.corrects = Some(Uuid::from_u128(1));
        expect_test::expect!["Wizyta 10.11.2026 10:00–10:25: nikogo nie zastano; bez ustaleń. Korekta wcześniejszego raportu."]
            .assert_eq(&timeline_line(&r));
    }

    #[test]
    fn a_report_is_recent_within_35_days_and_a_day_ahead() {
        let now = t(20, 12, 0);
        assert!(recent(t(20, 12, 0), now, 35));
        assert!(recent(t(21, 11, 0), now, 35));
        assert!(!recent(t(21, 13, 0), now, 35));
        assert!(!recent(
            NaiveDate::from_ymd_opt(2019, 5, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            now,
            35
        ));
    }

    fn contact_kind() -> impl Strategy<Value = ContactKind> {
        proptest::sample::select(ContactKind::ALL.to_vec())
    }
    fn result_kind() -> impl Strategy<Value = ResultKind> {
        proptest::sample::select(ResultKind::ALL.to_vec())
    }
    fn status() -> impl Strategy<Value = CaseStatus> {
        proptest::sample::select(CaseStatus::ALL.to_vec())
    }

    proptest! {
        /// Money and a settlement only ever come from the debtor in
        /// person, every contact allows "nothing", and what is allowed
        /// with nobody at the door is allowed with a third party.
        #[test]
        fn allowed_pairs_keep_the_debt_between_the_parties(c in contact_kind(), r in result_kind()) {
            if matches!(r, ResultKind::PromiseToPay | ResultKind::PaidAtDoor
                | ResultKind::SettlementSigned | ResultKind::Dispute) && allowed(c, r) {
                prop_assert_eq!(c, ContactKind::RightParty);
            }
            prop_assert!(allowed(c, ResultKind::Nothing));
            if allowed(ContactKind::Nobody, r) {
                prop_assert!(allowed(ContactKind::ThirdParty, r));
            }
            prop_assert!(allowed(ContactKind::RightParty, r));
        }

        /// A report's status move is exactly what the workflow says of
        /// the status its result asks for.
        #[test]
        fn status_moves_are_the_workflows(from in status(), r in result_kind()) {
            let asked = status_asked(r);
            match status_after(from, r) {
                Ok(Some(to)) => {
                    prop_assert_eq!(to, asked);
                    prop_assert_eq!(transition(from, to, Actor::Advisor), Ok(to));
                }
                Ok(None) => prop_assert_eq!(from, asked),
                Err(e) => prop_assert_eq!(transition(from, asked, Actor::Advisor), Err(e)),
            }
            prop_assert!(!matches!(status_after(from, r), Ok(Some(CaseStatus::Paying | CaseStatus::BrokenPromise | CaseStatus::Closed))));
        }

        /// The end before the start is always refused, whatever the rest.
        #[test]
        fn the_end_is_never_before_the_start(mins in 1i64..10_000) {
            let mut r = report(Contact::RightParty, promise());
            r.ended_at = r.started_at - TimeDelta::minutes(mins);
            prop_assert_eq!(check(&r), Err(VisitError::OutOfRange(VisitField::EndedAt)));
        }
    }
}
