use serde::{Deserialize, Serialize};

/// Why a command failed. The UI matches on the variant and shows a message in
/// the user's language; it never parses the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    /// `what` is not on this device (or, online, not in the team); `key`
    /// names which one, for the log.
    #[error("{what:?} {} not found", key.as_deref().unwrap_or_default())]
    NotFound { what: Missing, key: Option<String> },
    /// Bad input: `field` names the input, `code` the problem.
    #[error("invalid {field:?}: {code:?}")]
    Invalid { field: Field, code: Reason },
    /// The replica on this device was written by a newer app.
    #[error("the replica needs a newer app")]
    ReplicaTooNew,
    /// There is no replica yet on this device.
    #[error("no replica on this device")]
    NoReplica,
    /// The server cannot be reached (an online-only action).
    #[error("the server cannot be reached")]
    Offline,
    /// Not logged in, or the session expired.
    #[error("log in first")]
    LoginRequired,
    /// The user's role may not do this.
    #[error("not allowed")]
    Forbidden,
    /// The request was decided before; `message` says by whom and when.
    #[error("already decided: {message}")]
    AlreadyDecided { message: String },
    /// The server refused; `message` is its explanation.
    #[error("the server refused: {message}")]
    Server { message: String },
    /// Anything else on the device's storage; `message` is for the log.
    #[error("storage error: {message}")]
    Storage { message: String },
    /// Case data is locked: the device has not synced for `days` days,
    /// more than the policy allows (issue #15). A sync opens it again.
    #[error("case data locked: no sync for {days} days")]
    Locked { days: u32 },
    /// An inbox item (or a change of a proposal) the office handled
    /// before (issue #12): by whom and when, as the server recorded it.
    #[error("handled before by {by}")]
    HandledBefore {
        by: String,
        at: Option<chrono::NaiveDateTime>,
    },
    /// The app is locked (issue #15): the PIN, or after five wrong ones the
    /// password, opens it.
    #[error("the app is locked")]
    AppLocked,
    /// A wrong PIN or password at the lock: the PINs left before only the
    /// password will do (0: the password only now), and the tries left
    /// before this device's data is erased.
    #[error("wrong PIN: {before_wipe} tries before the wipe")]
    WrongPin { pins_left: u32, before_wipe: u32 },
    /// Too many wrong tries: the replica's key was destroyed with every
    /// change not yet synced (`lost` of them). Log in again.
    #[error("erased after too many wrong tries")]
    Erased { lost: u32 },
}

impl CommandError {
    /// Bad input in `field`.
    pub fn invalid(field: Field, code: Reason) -> CommandError {
        CommandError::Invalid { field, code }
    }
}

/// What a [`CommandError::NotFound`] did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// A case, not in the replica.
    Case,
    /// A saved offer, not on this device.
    Offer,
    /// The day plan of a date, not made yet.
    Plan,
    /// A team lead's request, not in the team (online).
    Request,
    /// A case, not in the server's portfolio (the back office's desk).
    PortfolioCase,
    /// A document saved for the client, not (or no longer) on this device.
    Document,
}

/// An input a command refused: the form fields and the request's parts. The
/// UI has a label for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The case an id names.
    CaseId,
    /// The team lead's request an id names.
    RequestId,
    // The offer form.
    Income,
    Housing,
    Utilities,
    Food,
    Transport,
    Dependants,
    OtherDebts,
    CustomDownPayment,
    DueDay,
    /// The offer as a whole (the domain refused to propose).
    Offer,
    /// The chosen variant.
    Variant,
    /// The advisor's written reason for an offer.
    Reason,
    // The plan form.
    /// Where the day starts.
    Start,
    Date,
    /// Working hours as a whole (the end before the start).
    Hours,
    /// When work starts.
    From,
    /// When work ends.
    Until,
    VisitMinutes,
    /// The day plan as a whole.
    Plan,
    /// A comment: the advisor's note to a plan, or the team lead's comment
    /// to a decision.
    Comment,
    /// A note on the case timeline.
    Note,
    // The settlement.
    /// The client's handwritten signature.
    Signature,
    /// Where the client signs.
    Place,
    /// The device's certificate.
    Device,
    /// A text of the document (a character the font lacks).
    Text,
    // Logging in.
    Server,
    Login,
    // The visit report.
    /// Whom the advisor reached.
    VisitContact,
    /// Which third party, why nobody, what is wrong with the address.
    VisitDetail,
    /// A third party in words.
    VisitWho,
    /// What came of the visit.
    VisitOutcome,
    VisitAmount,
    /// When a promised payment is due.
    VisitDueOn,
    VisitChannel,
    VisitReceipt,
    VisitSettlement,
    /// A refusal's reason, what is disputed, the hardship noticed.
    VisitDetails,
    VisitRevisitOn,
    /// A revisit's time window.
    VisitWindow,
    VisitNotes,
    VisitNextStep,
    VisitFollowUp,
    /// The visit's start and end.
    VisitTimes,
    /// The report a correction names.
    VisitCorrects,
    /// Where "Nawiguj" should lead.
    Destination,
    // Contact proposals.
    /// The list of changes as a whole.
    ContactChanges,
    /// The entry a correction names.
    ContactTarget,
    ContactPhone,
    ContactEmail,
    ContactStreet,
    ContactPostalCode,
    ContactCity,
    /// When a consent was captured.
    ContactCapturedAt,
    /// Who captured a consent.
    ContactCapturedBy,
    ContactNote,
    /// The visit a proposal refers to.
    ContactVisit,
    /// The visit's photos (issue 11).
    VisitPhotos,
    /// A message of the consultation thread (issue 12).
    Message,
    /// The name the person at the door gave (issue 14).
    VisitIdentity,
    /// The fact the person at the door told (issue 14).
    VisitIdentityFact,
    // #12 inbox: add below this line (branch inbox).
    /// The inbox item an id names.
    InboxItem,
    /// The back office's comment on a rejected change.
    InboxComment,
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// Why the back office closes a case.
    CloseReason,
    /// The note of a closure ("inny powód" needs one).
    CloseNote,
    /// The portfolio search's query.
    SearchQuery,
    /// The user an id names (the desk's users).
    UserId,
    /// The device an id names (the desk's devices).
    DeviceId,
    /// The app lock's PIN, and its repetition when it is set.
    Pin,
    PinRepeat,
}

impl Field {
    pub const ALL: [Field; 71] = [
        Field::CaseId,
        Field::RequestId,
        Field::Income,
        Field::Housing,
        Field::Utilities,
        Field::Food,
        Field::Transport,
        Field::Dependants,
        Field::OtherDebts,
        Field::CustomDownPayment,
        Field::DueDay,
        Field::Offer,
        Field::Variant,
        Field::Reason,
        Field::Start,
        Field::Date,
        Field::Hours,
        Field::From,
        Field::Until,
        Field::VisitMinutes,
        Field::Plan,
        Field::Comment,
        Field::Note,
        Field::Signature,
        Field::Place,
        Field::Device,
        Field::Text,
        Field::Server,
        Field::Login,
        Field::VisitContact,
        Field::VisitDetail,
        Field::VisitWho,
        Field::VisitOutcome,
        Field::VisitAmount,
        Field::VisitDueOn,
        Field::VisitChannel,
        Field::VisitReceipt,
        Field::VisitSettlement,
        Field::VisitDetails,
        Field::VisitRevisitOn,
        Field::VisitWindow,
        Field::VisitNotes,
        Field::VisitNextStep,
        Field::VisitFollowUp,
        Field::VisitTimes,
        Field::VisitCorrects,
        Field::Destination,
        Field::ContactChanges,
        Field::ContactTarget,
        Field::ContactPhone,
        Field::ContactEmail,
        Field::ContactStreet,
        Field::ContactPostalCode,
        Field::ContactCity,
        Field::ContactCapturedAt,
        Field::ContactCapturedBy,
        Field::ContactNote,
        Field::ContactVisit,
        Field::VisitPhotos,
        Field::Message,
        Field::VisitIdentity,
        Field::VisitIdentityFact,
        // #12 inbox: add below this line (branch inbox).
        Field::InboxItem,
        Field::InboxComment,
        // (the line between keeps the two branches' additions apart)
        // #12 desk: add below this line (branch desk).
        Field::CloseReason,
        Field::CloseNote,
        Field::SearchQuery,
        Field::UserId,
        Field::DeviceId,
        Field::Pin,
        Field::PinRepeat,
    ];
}

/// What is wrong with a [`Field`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Not an id.
    MalformedId,
    /// Cannot be read (a time, a date).
    Malformed,
    OutOfRange,
    /// Must be given.
    Required,
    Empty,
    Blank,
    TooLong,
    /// An amount as typed (the domain's validation code).
    Amount(AmountProblem),
    /// The chosen offer variant cannot be built for this input.
    NotAvailable,
    /// The variant needs a written reason and has none.
    ReasonMissing,
    /// The written reason is only whitespace.
    ReasonBlank,
    /// A day cannot be planned: no case has a location.
    NoCases,
    /// Working hours end before they start.
    EndsBeforeStart,
    /// The case is not a stop of the plan.
    NotInPlan,
    /// The case is not a candidate of the day.
    NotACandidate,
    /// The case is in the plan already.
    AlreadyPlanned,
    /// The plan was sent already.
    AlreadySubmitted,
    /// The offer waits for the team lead's approval.
    NeedsApproval,
    /// The team lead rejected the offer.
    Rejected,
    /// The offer is signed already (once per offer).
    AlreadySigned,
    /// The case or the offer policy changed since the offer was saved: the
    /// engine no longer gives it.
    Changed,
    /// The device has no certificate to sign with.
    NotCertified,
    /// Not a server address.
    Url,
    /// A server address without TLS (`http://`) to another machine.
    InsecureUrl,
    /// A character (its code point) the document's font cannot draw.
    Glyph(u32),
    /// A visit result the contact does not allow (no promise from a
    /// neighbour; with nobody at the door only a revisit or nothing).
    NotAllowedForContact,
    /// The case workflow refuses the status change (e.g. a promise on a
    /// case that is paying).
    StatusRefused,
    /// A domain rule refused the input as a whole; the text explains it, for
    /// the log.
    Rule(String),
    /// A phone, postcode or e-mail as typed (the domain's validator).
    Value(ValueProblem),
    /// More entries than a case may hold.
    TooMany,
    /// A correction names no entry of the case.
    UnknownEntry,
    /// Cash at the door above the company's limit (in grosze).
    AboveDoorLimit {
        max_grosze: i64,
    },
    /// The chosen file is not a picture (JPEG or PNG), or it is empty.
    NotAnImage,
    /// A photo larger than the limits (bytes or pixels).
    PhotoTooLarge,
    /// More photos than a visit may carry (`evidence::MAX_PER_VISIT`).
    TooManyPhotos,
    /// A PIN guessed first: one digit repeated or a run (1234).
    GuessablePin,
    /// The repeated entry differs from the first.
    Mismatch,
    /// No contact with clients on this day (`domain::hours`).
    ContactDayClosed(ClosedDay),
    /// The hours asked lie outside the day's contact window.
    OutsideContactHours {
        from: chrono::NaiveTime,
        until: chrono::NaiveTime,
    },
    /// Work on a Saturday needs a written reason.
    SaturdayNeedsReason,
    /// The day is gone by: only today and later days can be planned
    /// (`domain::route::may_plan`).
    DayInPast {
        today: chrono::NaiveDate,
    },
    /// The client's breathing space lasts until this day: no visits.
    BreathingSpace {
        until: chrono::NaiveDate,
    },
    /// The client objected to home visits.
    Objection,
    /// The person at the door is not the debtor (the name or the fact
    /// does not match the case): nothing about the debt may be shown.
    NotTheDebtor,
    /// The case holds nothing to check this fact against.
    FactUnknown,
    /// The case was visited as often as the limit allows (the week's or
    /// the month's).
    VisitLimit {
        per_week: Option<u32>,
        per_month: Option<u32>,
    },
}

/// Why a day allows no contact with clients (`domain::hours::Closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedDay {
    Sunday,
    PublicHoliday,
    NotInPolicy,
}

impl From<domain::hours::Closed> for ClosedDay {
    fn from(c: domain::hours::Closed) -> Self {
        use domain::hours::Closed as C;
        match c {
            C::Sunday => ClosedDay::Sunday,
            C::PublicHoliday => ClosedDay::PublicHoliday,
            C::NotInPolicy => ClosedDay::NotInPolicy,
        }
    }
}

/// Why a typed phone, postcode or e-mail was refused
/// (`domain::validate::ValidationError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueProblem {
    PhoneEmpty,
    PhoneChars,
    PhoneLength,
    PhoneLeadingZero,
    PhoneCountry,
    PostalCodeEmpty,
    PostalCodeFormat,
    EmailEmpty,
    EmailFormat,
}

impl ValueProblem {
    /// The domain's error, whose messages the labels show.
    pub fn validation(self) -> domain::validate::ValidationError {
        use domain::validate::ValidationError as V;
        match self {
            Self::PhoneEmpty => V::PhoneEmpty,
            Self::PhoneChars => V::PhoneChars,
            Self::PhoneLength => V::PhoneLength,
            Self::PhoneLeadingZero => V::PhoneLeadingZero,
            Self::PhoneCountry => V::PhoneCountry,
            Self::PostalCodeEmpty => V::PostalCodeEmpty,
            Self::PostalCodeFormat => V::PostalCodeFormat,
            Self::EmailEmpty => V::EmailEmpty,
            Self::EmailFormat => V::EmailFormat,
        }
    }

    /// The problem of a validator's error; `None` for one that is not
    /// about a phone, postcode or e-mail.
    pub fn of(e: &domain::validate::ValidationError) -> Option<ValueProblem> {
        use domain::validate::ValidationError as V;
        Some(match e {
            V::PhoneEmpty => Self::PhoneEmpty,
            V::PhoneChars => Self::PhoneChars,
            V::PhoneLength => Self::PhoneLength,
            V::PhoneLeadingZero => Self::PhoneLeadingZero,
            V::PhoneCountry => Self::PhoneCountry,
            V::PostalCodeEmpty => Self::PostalCodeEmpty,
            V::PostalCodeFormat => Self::PostalCodeFormat,
            V::EmailEmpty => Self::EmailEmpty,
            V::EmailFormat => Self::EmailFormat,
            _ => return None,
        })
    }
}

/// Why a typed amount was refused (`domain::validate::ValidationError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountProblem {
    Empty,
    Format,
    Negative,
}
