//! The device ↔ server sync protocol: its version and wire types, shared by
//! the sync client and the server.
//!
//! Only additive changes: devices stay offline for days and come back with an
//! older app, so a field may be added (with a default) but never renamed or
//! removed, and new mutation kinds are new `kind` strings. This crate knows
//! neither HTTP nor storage.

mod attachment;
mod audit;
mod case_file;
mod code;
mod contact;
mod desk;
mod message;
mod offer_check;
mod office;
mod review;
mod visit;

pub use attachment::*;
pub use audit::*;
pub use case_file::*;
pub use contact::*;
pub use desk::*;
pub use message::*;
pub use offer_check::Mismatch;
pub use office::*;
pub use review::*;
pub use visit::*;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The protocol this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// The oldest device protocol the server still accepts.
pub const MIN_SUPPORTED_VERSION: u32 = 1;
/// Every request carries the device's protocol version in this header.
pub const VERSION_HEADER: &str = "x-partner-protocol";
/// The largest request body the server reads.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// The most mutations one upload may carry.
pub const MAX_BATCH: usize = 500;
/// The most one case's record may hold, as JSON (issue #15): a mutation
/// that would grow a case beyond it is rejected `case_too_large`, so that
/// one case cannot slow every upload and hold the database for seconds. A
/// thread of 500 questions of 4 000 characters fits.
pub const MAX_CASE_BYTES: usize = 4 * 1024 * 1024;
/// The most bytes of mutations a device puts in one upload: the body limit
/// less room for the envelope, so that a batch of photos is never refused
/// whole.
pub const MAX_BATCH_BYTES: usize = MAX_BODY_BYTES - 256 * 1024;

pub mod paths {
    pub const LOGIN: &str = "/api/v1/login";
    /// Ends the caller's session: its token is refused from then on (204).
    pub const LOGOUT: &str = "/api/v1/logout";
    pub const DOWNLOAD: &str = "/api/v1/sync/download";
    pub const UPLOAD: &str = "/api/v1/sync/upload";
    pub const HEALTH: &str = "/api/v1/health";
    /// Team lead: the team's offers awaiting approval.
    pub const TEAM_OFFERS: &str = "/api/v1/team/offers";
    /// Team lead: the team's day plans for a date.
    pub const TEAM_PLANS: &str = "/api/v1/team/plans";
    /// Team lead: approve, reject or return one request.
    pub const TEAM_DECIDE: &str = "/api/v1/team/decide";
    /// Team lead: a page of the consultation threads of the team's
    /// advisors (`ThreadsRequest`).
    pub const TEAM_THREADS: &str = "/api/v1/team/threads";
    /// Team lead: one thread of the team (`ThreadQuery`).
    pub const TEAM_THREAD: &str = "/api/v1/team/thread";
    /// Team lead: answers a thread of the team (`AnswerRequest`).
    pub const TEAM_THREAD_ANSWER: &str = "/api/v1/team/thread/answer";
    /// Back office: a page of every consultation thread (`ThreadsRequest`);
    /// the server's `admin_paths::THREADS`.
    pub const ADMIN_THREADS: &str = "/api/v1/admin/threads";
    /// Back office: one thread, marking the advisor's questions read.
    pub const ADMIN_THREAD: &str = "/api/v1/admin/thread";
    /// Back office: answers a thread (`AnswerRequest`).
    pub const ADMIN_THREAD_ANSWER: &str = "/api/v1/admin/thread/answer";
    /// Back office: closes a thread (`ThreadQuery`).
    pub const ADMIN_THREAD_CLOSE: &str = "/api/v1/admin/thread/close";
    /// Back office: marks a thread urgent or not (`UrgentRequest`).
    pub const ADMIN_THREAD_URGENT: &str = "/api/v1/admin/thread/urgent";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Advisor,
    TeamLead,
    BackOffice,
    Admin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
    /// Generated once by the device and kept in its replica.
    pub device_id: Uuid,
    pub device_name: String,
    /// The device's certificate request (PKCS #10, PEM) for the key it
    /// signs settlements with; the server's CA answers with a certificate
    /// in [`LoginResponse::device_certificate`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_request: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    /// The bearer token, bound to this device.
    pub token: String,
    pub expires_at: NaiveDateTime,
    pub user_id: Uuid,
    pub name: String,
    pub role: Role,
    /// The device's certificate (PEM), when the login carried a request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_certificate: Option<String>,
    /// The server CA's certificate (PEM) that issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_certificate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadRequest {
    /// The last change the device has applied (0 for a first sync).
    pub cursor: u64,
    /// The most changes in one page.
    pub limit: u32,
    /// How many captured changes the server has not taken (refused ones
    /// waiting for the advisor; issue #12: the back office's "Urządzenia";
    /// absent from older apps). As the device reports it: shown, never
    /// trusted for anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<u32>,
    /// The app's version as the device reports it (absent from older
    /// apps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// The case as the server holds it now, whole.
    Upsert { file: Box<CaseFileDto> },
    /// The case left this advisor (reassigned or closed): remove it.
    Remove { case_id: Uuid },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadResponse {
    pub changes: Vec<Change>,
    /// The cursor to ask from next time.
    pub next_cursor: u64,
    /// More pages wait.
    pub more: bool,
    /// The advisor this device belongs to.
    pub advisor: Option<AdvisorDto>,
    /// Team leads' answers to this advisor's offers and plans, in the feed's
    /// order (added in protocol 1; absent from older servers).
    #[serde(default)]
    pub reviews: Vec<ReviewDto>,
    /// The advisor's offer policy and authority limits, sent with every
    /// page; `None` from a server that does not send them.
    #[serde(default)]
    pub offer_policy: Option<OfferPolicyDto>,
}

/// One change captured on the device, uploaded exactly once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// Generated on the device when the change was made; the server applies
    /// each id once.
    pub id: Uuid,
    pub case_id: Uuid,
    pub created_at: NaiveDateTime,
    /// What kind of change. New kinds are added, never renamed.
    pub kind: MutationKind,
    /// The change itself; its shape depends on `kind`. Parsed per item on
    /// the server so that one unknown or malformed item rejects only itself.
    pub body: serde_json::Value,
}

/// The body of a "note" mutation: a note added to the case timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteBody {
    pub text: String,
}

/// The body of an "offer" mutation: the repayment offer the advisor put to
/// the client, with its exact schedule. Beyond the advisor's authority it
/// waits for a team lead's approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferBody {
    /// The variant's kind.
    pub variant: OfferVariant,
    pub total: rust_decimal::Decimal,
    pub down_payment: rust_decimal::Decimal,
    pub installment: rust_decimal::Decimal,
    pub term_months: u32,
    /// (due date, amount) of every payment, down payment first.
    pub schedule: Vec<(chrono::NaiveDate, rust_decimal::Decimal)>,
    /// The limits crossed; empty when within authority.
    pub approval: Vec<ApprovalLimit>,
    pub reason: Option<String>,
    pub voluntary_only: bool,
    /// The line for the case timeline.
    pub summary: String,
    /// What the offer was built from, so that the server builds it again
    /// and judges the numbers itself (absent from older apps, whose offers
    /// the server then refuses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<OfferTermsDto>,
    /// For an amendment (aneks): the signed agreement it amends, the id of
    /// its "settlement" mutation; what is unpaid under it is rescheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Uuid>,
}

impl OfferBody {
    /// The body of an engine variant made on `terms`: its numbers and the
    /// limits it crosses as the engine found them.
    pub fn of(
        v: &domain::offer::Variant,
        reason: Option<String>,
        summary: String,
        terms: OfferTermsDto,
    ) -> OfferBody {
        OfferBody {
            variant: OfferVariant::of(v.kind),
            total: v.total.amount(),
            down_payment: v.down_payment.amount(),
            installment: v.installment.amount(),
            term_months: v.term_months,
            schedule: v
                .schedule
                .iter()
                .map(|i| (i.due_on, i.amount.amount()))
                .collect(),
            approval: v.approval.iter().map(ApprovalLimit::of).collect(),
            reason,
            voluntary_only: v.voluntary_only,
            summary,
            terms: Some(terms),
            amends: None,
        }
    }

    /// The same offer as the amendment of the agreement `settlement`.
    pub fn amending(self, settlement: Uuid) -> OfferBody {
        OfferBody {
            amends: Some(settlement),
            ..self
        }
    }
}

/// The inputs of an offer: the day, the client's budget as typed, the due
/// day and the advisor's own term and down payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferTermsDto {
    pub offered_on: chrono::NaiveDate,
    pub income: rust_decimal::Decimal,
    pub housing: rust_decimal::Decimal,
    pub utilities: rust_decimal::Decimal,
    pub food: rust_decimal::Decimal,
    pub transport: rust_decimal::Decimal,
    pub dependants: rust_decimal::Decimal,
    pub other_debts: rust_decimal::Decimal,
    pub due_day: u8,
    /// The advisor's own term in months, when they set one.
    pub custom_term: Option<u32>,
    /// With `custom_term`: the down payment (zero for none).
    pub custom_down_payment: rust_decimal::Decimal,
}

impl OfferTermsDto {
    /// The terms of the inputs the device gave the engine.
    pub fn from_inputs(i: &domain::offer::OfferInputs) -> OfferTermsDto {
        let e = &i.budget.expenses;
        OfferTermsDto {
            offered_on: i.today,
            income: i.budget.income.amount(),
            housing: e.housing.amount(),
            utilities: e.utilities.amount(),
            food: e.food.amount(),
            transport: e.transport.amount(),
            dependants: e.dependants.amount(),
            other_debts: e.other_debts.amount(),
            due_day: i.due_day,
            custom_term: i.custom.map(|c| c.term_months),
            custom_down_payment: i
                .custom
                .map_or(rust_decimal::Decimal::ZERO, |c| c.down_payment.amount()),
        }
    }

    /// The engine's inputs; the name of the first value out of range (an
    /// amount with more than two places, negative or beyond the engine's
    /// ceiling; a due day that is no day of a month; a term beyond the
    /// longest any policy allows).
    pub fn inputs(&self) -> Result<domain::offer::OfferInputs, &'static str> {
        use domain::offer::{input_amount, Budget, CustomTerms, Expenses, MAX_TERM_MONTHS};
        let amount = |name: &'static str, d| input_amount(d).ok_or(name);
        if !(1..=31).contains(&self.due_day) {
            return Err("due_day");
        }
        let custom = match self.custom_term {
            Some(term) if term == 0 || term > MAX_TERM_MONTHS => return Err("custom_term"),
            Some(term_months) => Some(CustomTerms {
                term_months,
                down_payment: amount("custom_down_payment", self.custom_down_payment)?,
                discount: domain::Money::ZERO,
                due_day: self.due_day,
                pause_months: 0,
                interest_freeze: false,
            }),
            None => None,
        };
        Ok(domain::offer::OfferInputs {
            today: self.offered_on,
            budget: Budget {
                income: amount("income", self.income)?,
                expenses: Expenses {
                    housing: amount("housing", self.housing)?,
                    utilities: amount("utilities", self.utilities)?,
                    food: amount("food", self.food)?,
                    transport: amount("transport", self.transport)?,
                    dependants: amount("dependants", self.dependants)?,
                    other_debts: amount("other_debts", self.other_debts)?,
                },
            },
            due_day: self.due_day,
            custom,
        })
    }
}

/// The body of a "settlement" mutation: the agreement the client signed,
/// as the device signed it (PAdES with the device's certificate). The
/// server verifies the signature, the chain to its CA and the hash before it
/// accepts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettlementBody {
    /// The document number, e.g. "UG/2026/11/000123".
    pub number: String,
    /// The signed PDF, base64 (standard alphabet, padded).
    pub pdf: String,
    /// SHA-256 of the PDF, lowercase hex, as the device stored it.
    pub sha256: String,
    /// The client's handwritten signature, as the pad recorded it
    /// (`settlement::Strokes::encode`).
    pub strokes: String,
    /// The line for the case timeline (the device's; the server writes its
    /// own from the offer).
    pub summary: String,
    /// The offer this agreement settles: the id of the "offer" mutation of
    /// the same case (absent from older apps, whose settlements the server
    /// then refuses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_id: Option<Uuid>,
    /// The town where it was signed, as the agreement states it.
    #[serde(default)]
    pub place: String,
    /// For an amendment (aneks): the agreement it amends, as its offer
    /// says ([`OfferBody::amends`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Uuid>,
}

impl SettlementBody {
    /// The body for a signed PDF.
    pub fn new(
        number: String,
        pdf: &[u8],
        sha256: &[u8],
        strokes: String,
        summary: String,
        offer_id: Uuid,
        place: String,
    ) -> Self {
        use base64ct::Encoding;
        SettlementBody {
            number,
            pdf: base64ct::Base64::encode_string(pdf),
            sha256: hex::encode(sha256),
            strokes,
            summary,
            offer_id: Some(offer_id),
            place,
            amends: None,
        }
    }

    /// The PDF's bytes; `None` when `pdf` is not valid base64.
    pub fn pdf_bytes(&self) -> Option<Vec<u8>> {
        use base64ct::Encoding;
        base64ct::Base64::decode_vec(&self.pdf).ok()
    }
}

/// The body of a "plan" mutation: the advisor's plan for one working day,
/// submitted for the team lead's review. A plan is about many cases, so its
/// mutation carries the nil UUID as `case_id`; the server checks that every
/// stop's case is the advisor's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanBody {
    /// The plan's id on the device; a plan edited after it was returned is
    /// submitted again under a new id.
    pub plan_id: Uuid,
    pub date: chrono::NaiveDate,
    /// The visits in order.
    pub stops: Vec<PlanStopDto>,
    /// Candidates left out, each with the reason shown to the advisor.
    pub dropped: Vec<PlanDroppedDto>,
    /// Total driving time of the day in minutes.
    pub drive_minutes: u32,
    /// The advisor's note to the team lead.
    pub comment: Option<String>,
}

/// One visit of a submitted plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStopDto {
    pub case_id: Uuid,
    pub arrival: chrono::NaiveTime,
    pub departure: chrono::NaiveTime,
    /// Fixed by the advisor (pinned) rather than placed by the planner.
    pub pinned: bool,
    /// Why the case is key today (reason codes of the key-case score).
    pub reasons: Vec<String>,
}

/// A candidate left out of a submitted plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDroppedDto {
    pub case_id: Uuid,
    /// The reason code ("no_time", "window_missed", "removed_by_advisor", ...).
    pub reason: String,
}

/// The wire strings of [`MutationKind`], for storage columns that hold
/// them. Code compares the enum, not these.
pub mod kinds {
    pub const NOTE: &str = "note";
    pub const OFFER: &str = "offer";
    /// A day plan submitted for review; `case_id` is the nil UUID.
    pub const PLAN: &str = "plan";
    /// A settlement signed at the door: [`super::SettlementBody`].
    pub const SETTLEMENT: &str = "settlement";
    /// A visit report: [`super::VisitBody`].
    pub const VISIT: &str = "visit";
    /// A proposal of contact data: [`super::ContactBody`].
    pub const CONTACT: &str = "contact";
    /// A photo of a visit's evidence: [`super::AttachmentBody`].
    pub const ATTACHMENT: &str = "attachment";
    /// A question to the office: [`super::MessageBody`].
    pub const MESSAGE: &str = "message";
    /// The office's answers read on the device: [`super::MessageReadBody`].
    pub const MESSAGE_READ: &str = "message_read";
}

wire_code! {
    /// What kind of change a [`Mutation`] is.
    pub enum MutationKind {
        /// A note on the case timeline: [`NoteBody`].
        Note = kinds::NOTE,
        /// A repayment offer: [`OfferBody`].
        Offer = kinds::OFFER,
        /// A day plan submitted for review: [`PlanBody`]; `case_id` is the
        /// nil UUID.
        Plan = kinds::PLAN,
        /// A settlement signed at the door: [`SettlementBody`].
        Settlement = kinds::SETTLEMENT,
        /// A visit report: [`VisitBody`].
        Visit = kinds::VISIT,
        /// A proposal of contact data: [`ContactBody`].
        Contact = kinds::CONTACT,
        /// A photo of a visit's evidence: [`AttachmentBody`].
        Attachment = kinds::ATTACHMENT,
        /// A question to the office: [`MessageBody`].
        Message = kinds::MESSAGE,
        /// Answers read on the device: [`MessageReadBody`].
        MessageRead = kinds::MESSAGE_READ,
    }
}

wire_code! {
    /// The kind of an offer's variant (`domain::offer::VariantKind`).
    pub enum OfferVariant {
        LumpSum = "lump_sum",
        FitsBudget = "fits_budget",
        LowestInstallment = "lowest_installment",
        Forbearance = "forbearance",
        Custom = "custom",
    }
}

wire_code! {
    /// A limit of the advisor's authority an offer crosses
    /// (`domain::offer::ApprovalReason`).
    pub enum ApprovalLimit {
        DiscountShare = "discount_share",
        DiscountAmount = "discount_amount",
        PrincipalDiscount = "principal_discount",
        Term = "term",
        InstallmentBelowMinimum = "installment_below_minimum",
        DownPaymentBelowPolicy = "down_payment_below_policy",
        ForbearanceWithoutVulnerability = "forbearance_without_vulnerability",
    }
}

impl OfferVariant {
    /// The wire code of an engine variant.
    pub fn of(k: domain::offer::VariantKind) -> OfferVariant {
        use domain::offer::VariantKind as K;
        match k {
            K::LumpSum => OfferVariant::LumpSum,
            K::FitsBudget => OfferVariant::FitsBudget,
            K::LowestInstallment => OfferVariant::LowestInstallment,
            K::Forbearance => OfferVariant::Forbearance,
            K::Custom => OfferVariant::Custom,
        }
    }
}

impl ApprovalLimit {
    /// The wire code of a limit the engine found crossed.
    pub fn of(r: &domain::offer::ApprovalReason) -> ApprovalLimit {
        use domain::offer::ApprovalReason as R;
        match r {
            R::DiscountShareAboveAuthority { .. } => ApprovalLimit::DiscountShare,
            R::DiscountAmountAboveAuthority { .. } => ApprovalLimit::DiscountAmount,
            R::PrincipalDiscount { .. } => ApprovalLimit::PrincipalDiscount,
            R::TermAboveAuthority { .. } => ApprovalLimit::Term,
            R::InstallmentBelowMinimum { .. } => ApprovalLimit::InstallmentBelowMinimum,
            R::DownPaymentBelowPolicy { .. } => ApprovalLimit::DownPaymentBelowPolicy,
            R::ForbearanceWithoutVulnerability => ApprovalLimit::ForbearanceWithoutVulnerability,
        }
    }
}

wire_code! {
    /// Why the server refused one mutation ([`Outcome::Rejected`]).
    pub enum RejectCode {
        /// The mutation cannot even be recorded (a kind that is not a plain
        /// code, a NUL character).
        Malformed = "malformed",
        /// The body does not parse or breaks a rule of its kind.
        InvalidBody = "invalid_body",
        /// The server does not know the mutation's kind.
        UnknownKind = "unknown_kind",
        CaseNotFound = "case_not_found",
        /// The case (or a plan's stop) is not the advisor's.
        CaseNotAssigned = "case_not_assigned",
        /// A settlement's signature, chain or hash does not verify.
        InvalidSignature = "invalid_signature",
        /// The mutation's id is already used by a timeline entry.
        DuplicateId = "duplicate_id",
        /// A settlement names no offer of its case that may be signed: none
        /// saved, one that waits for or was refused the team lead's approval.
        OfferNotSignable = "offer_not_signable",
        /// The offer a settlement names is already signed.
        AlreadySigned = "already_signed",
        /// The signed document is not the agreement of the offer it names.
        DocumentMismatch = "document_mismatch",
        /// The case workflow (`domain::status::transition`) refuses the
        /// status change the item asks for (a visit report's result).
        TransitionRefused = "transition_refused",
        /// A photo that is not a JPEG within the limits (its bytes, its
        /// dimensions as its own header says, its hash).
        InvalidAttachment = "invalid_attachment",
        /// A photo of a visit that is not a report of its case.
        UnknownVisit = "unknown_visit",
        /// A photo beyond the most a visit may carry.
        TooManyAttachments = "too_many_attachments",
        /// A plan on a day without contact (a Sunday, a public holiday), a
        /// Saturday without a reason, or a visit outside the contact hours.
        OutsideContactHours = "outside_contact_hours",
        /// A read receipt naming no answer of the case's thread.
        UnknownMessage = "unknown_message",
        /// A plan visiting a case the guardrails forbid on its day: a
        /// breathing space, an objection to home visits, the visit limits.
        VisitBlocked = "visit_blocked",
        /// The case's record would grow beyond what one case may hold
        /// (`MAX_CASE_BYTES`): the office archives it first.
        CaseTooLarge = "case_too_large",
        /// Made on a device after it was revoked for a handover (its
        /// pending work is taken, nothing it makes or signs afterwards).
        MadeAfterRevocation = "made_after_revocation",
        // #12 inbox: add below this line (branch inbox).
        // (the line between keeps the two branches' additions apart)
        // #12 desk: add below this line (branch desk).
        /// The server failed to judge it.
        Internal = "internal",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadRequest {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// The server had applied this id before: nothing changed again.
    Duplicate,
    Rejected {
        code: RejectCode,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadResponse {
    /// One receipt per uploaded mutation, in order.
    pub receipts: Vec<Receipt>,
}

/// Why a request failed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthorized,
    Forbidden,
    /// The device was revoked: wipe the replica's case data.
    DeviceRevoked,
    /// The app is too old for the server: update, keep unsynced work.
    UpgradeRequired,
    PayloadTooLarge,
    NotFound,
    /// The request clashes with the current state (e.g. a request already
    /// decided).
    Conflict,
    /// Too many requests (logins) at once or in a row: try again later.
    TooManyRequests,
    // #12 inbox: add below this line (branch inbox).
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// The user was disabled by the back office: login and every token of
    /// theirs are refused.
    UserDisabled,
    Internal,
    /// A code this build does not know (a newer server).
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
}
