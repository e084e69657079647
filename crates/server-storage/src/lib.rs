//! Storage of the central server: the [`Storage`] trait the server is written
//! against, its rules written once (`rules`), and two backends that only
//! speak their SQL dialect over the narrow [`backend::Backend`] interface:
//! SQLite ([`SqliteStorage`], the embedded default) and PostgreSQL
//! ([`PgStorage`], for production), each with its own migrations folder.
//! Every backend passes the same story suite (tests/stories.rs).
//!
//! This crate owns the server's database drivers; it knows the sync wire
//! types it stores, and nothing of HTTP. Only `sqlite` and `postgres` name a
//! driver; no rule lives in them.

pub mod backend;
mod desk;
mod inbox;
mod postgres;
mod rules;
mod sqlite;
pub mod testing;
mod threads;

pub use crate::postgres::Pg;
pub use desk::*;
pub use inbox::*;
pub use rules::ServerDb;
pub use sqlite::Sqlite;
pub use threads::{thread_row, ThreadFilter, ThreadRow};

/// The server's storage in one SQLite file.
pub type SqliteStorage = ServerDb<Sqlite>;
/// The server's storage in PostgreSQL.
pub type PgStorage = ServerDb<Pg>;

use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use sync_proto::{
    AdvisorDto, CaseFileDto, Change, Mutation, OfferPolicyDto, Outcome, ReferenceRateDto,
    RejectCode, ReviewDto, Role,
};
use uuid::Uuid;

/// Why a storage call failed. Names no driver type: a backend turns its
/// driver's errors into `Database` with the driver's message.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database refused or could not be reached.
    #[error("database error: {0}")]
    Database(String),
    /// The database's schema is not one this build can work with.
    #[error("database schema: {0}")]
    Schema(String),
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0} already exists")]
    Conflict(String),
    /// A request that was decided before: a decision is final.
    #[error("already decided: {0}")]
    AlreadyDecided(String),
    /// A value the rules refuse to store (the caller should have checked
    /// it: a 4xx, not a fault).
    #[error("invalid: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub advisor: Option<AdvisorDto>,
    /// For advisors: the team lead of their team.
    pub team_lead: Option<Uuid>,
    /// For advisors: their offer policy and authority limits; `None` leaves
    /// devices on their defaults.
    pub offer_policy: Option<OfferPolicyDto>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub expires_at: NaiveDateTime,
    pub revoked: bool,
    /// Revoked for a handover: its uploads are still taken (issue #15).
    pub handover: bool,
    /// When it was first revoked (the server's clock): the revocation
    /// list's entry. Nothing made or signed on it after counts.
    pub revoked_at: Option<NaiveDateTime>,
}

/// An entry of the audit log as the server writes it (issue #15).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub at: NaiveDateTime,
    pub actor: Option<Uuid>,
    pub actor_name: String,
    pub action: sync_proto::AuditAction,
    pub subject: String,
    pub detail: String,
}

/// Failed logins in a row under one key (issue #15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginFailures {
    pub key: String,
    pub failures: u32,
    /// The server's time of the last one (whole seconds).
    pub last_at: NaiveDateTime,
}

/// A page of the download feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub changes: Vec<Change>,
    /// Decisions on the advisor's offers and plans in this page.
    pub reviews: Vec<ReviewDto>,
    pub next_cursor: u64,
    pub more: bool,
}

/// What an applied mutation does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effect {
    /// The case to store (the mutation's case, changed); `None`: no case
    /// changes (a day plan).
    pub case: Option<CaseFileDto>,
    /// A request that now waits for the team lead's decision.
    pub request: Option<NewRequest>,
    /// The offer (its mutation id) this mutation signs: a settlement binds
    /// one offer, once; a second one is rejected `already_signed`.
    pub signs: Option<Uuid>,
    /// The agreement (its settlement's mutation id) this mutation amends:
    /// an amendment's settlement, once per agreement; a second one is
    /// rejected `already_signed`.
    pub amends: Option<Uuid>,
}

impl Effect {
    /// An effect that stores `file` and nothing else.
    pub fn case(file: CaseFileDto) -> Effect {
        Effect {
            case: Some(file),
            request: None,
            signs: None,
            amends: None,
        }
    }
}

/// A signed agreement as the server took it: the settlement mutation, the
/// offer it signed, and the settlement of its amendment if one was signed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAgreement {
    pub settlement: Mutation,
    pub offer: StoredOffer,
    /// `None`: the agreement is in force.
    pub amended_by: Option<Uuid>,
}

/// An offer as the server took it (an applied "offer" mutation), with the
/// team lead's answer when it needed one and the settlement that signed it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOffer {
    pub mutation: Mutation,
    /// `None`: within authority, no request was made.
    pub review: Option<sync_proto::Decision>,
    /// The settlement (its mutation id) that signed it, if one did.
    pub signed_by: Option<Uuid>,
}

/// What a mutation's effect is decided from besides its case, all read in
/// the transaction that applies it: who holds the cases it names, and the
/// offer it names.
#[derive(Debug, Clone, Default)]
pub struct Named {
    pub holders: Holders,
    pub offer: Option<StoredOffer>,
    pub agreement: Option<StoredAgreement>,
    /// For a visit report: the link (`sync_proto::visit_link`) of the last
    /// visit report the uploading device sent before, applied or rejected;
    /// `None` before its first (and for other kinds).
    pub chain: Option<String>,
}

/// What needs a team lead's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// An offer beyond the advisor's authority.
    Offer,
    /// A day plan submitted for review.
    Plan,
}

impl RequestKind {
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Offer => sync_proto::kinds::OFFER,
            RequestKind::Plan => sync_proto::kinds::PLAN,
        }
    }

    pub fn from_code(s: &str) -> Result<Self, StorageError> {
        match s {
            sync_proto::kinds::OFFER => Ok(RequestKind::Offer),
            sync_proto::kinds::PLAN => Ok(RequestKind::Plan),
            other => Err(StorageError::Corrupt(format!("request kind {other:?}"))),
        }
    }
}

/// A request created by an applied mutation (its id is the mutation's).
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub kind: RequestKind,
    /// The offer's case.
    pub case_id: Option<Uuid>,
    /// The plan's day.
    pub plan_date: Option<NaiveDate>,
    /// The mutation's body (`OfferBody` or `PlanBody`).
    pub body: serde_json::Value,
}

/// A request and its decision, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalRequest {
    pub id: Uuid,
    pub kind: RequestKind,
    pub advisor_id: Uuid,
    pub case_id: Option<Uuid>,
    pub plan_date: Option<NaiveDate>,
    pub body: serde_json::Value,
    pub submitted_at: NaiveDateTime,
    pub status: sync_proto::Decision,
    pub comment: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

impl ApprovalRequest {
    /// The answer as the advisor's device receives it.
    pub fn review(&self) -> ReviewDto {
        ReviewDto {
            request_id: self.id,
            kind: self.kind.code().into(),
            case_id: self.case_id,
            plan_id: self
                .body
                .get("plan_id")
                .and_then(|v| v.as_str())
                .and_then(|s| Uuid::parse_str(s).ok()),
            decision: self.status.clone(),
            comment: self.comment.clone(),
            reviewed_by: self.decided_by_name.clone().unwrap_or_default(),
            reviewed_at: self.decided_at.unwrap_or(self.submitted_at),
        }
    }
}

/// A team lead's decision on one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The team lead deciding; only requests of advisors of their team.
    pub lead: Uuid,
    pub lead_name: String,
    /// Approved, rejected (offers) or returned (plans).
    pub status: sync_proto::Decision,
    pub comment: Option<String>,
    pub at: NaiveDateTime,
    /// For offers: the line appended to the case timeline (its id, kind
    /// and text); ignored for plans.
    pub timeline: Option<sync_proto::ActivityDto>,
}

/// Decides what a mutation does from its case as stored now and who holds
/// the cases it names; `Err((code, reason))` rejects it.
pub type ApplyEffect<'a> =
    dyn Fn(Option<CaseFileDto>, &Named) -> Result<Effect, (RejectCode, String)> + 'a;

/// Changes a case as stored now (see [`Storage::change_case`]).
pub type ChangeCase<'a> = dyn Fn(CaseFileDto) -> Result<CaseFileDto, StorageError> + 'a;

/// Changes a case as stored now and names the inbox items the change
/// answers (see [`Storage::change_case_handling`]).
pub type HandlingChange<'a> = dyn Fn(CaseFileDto) -> Result<(CaseFileDto, Vec<(Uuid, sync_proto::InboxKind)>), StorageError>
    + 'a;

/// Who holds each of a mutation's named cases now (cases that are closed or
/// unknown are absent).
pub type Holders = BTreeMap<Uuid, Uuid>;

/// What a batch upload computes for each of its mutations, as
/// [`ApplyEffect`] with the mutation it is asked about.
pub type ApplyBatchEffect<'a> =
    dyn Fn(&Mutation, Option<CaseFileDto>, &Named) -> Result<Effect, (RejectCode, String)> + 'a;

/// One item of a batch upload: the mutation, the cases and the offer it
/// names.
#[derive(Debug, Clone)]
pub struct BatchItem {
    pub mutation: Mutation,
    /// As `cases` of [`Storage::apply_mutation_effect`].
    pub cases: Vec<Uuid>,
    /// An offer (its mutation id) the effect is decided with, as
    /// [`Named::offer`] (a settlement's).
    pub offer: Option<Uuid>,
    /// A signed agreement (its settlement's mutation id), as
    /// [`Named::agreement`] (what an amendment amends).
    pub agreement: Option<Uuid>,
}

/// The server's storage. Methods are synchronous; the server calls them off
/// its async threads. Each method is one transaction.
pub trait Storage: Send + Sync + 'static {
    fn create_user(&self, user: &User) -> Result<(), StorageError>;
    fn user_by_login(&self, login: &str) -> Result<Option<User>, StorageError>;
    fn user(&self, id: Uuid) -> Result<Option<User>, StorageError>;

    /// Registers (or re-registers) a device of a user with a new token; a
    /// revoked device is left as it is (its token is not registered), and
    /// another user's device is `Conflict`: a device id belongs to one user.
    fn register_device(&self, device: &Device, token_hash: &str) -> Result<(), StorageError>;
    fn device_by_token(&self, token_hash: &str) -> Result<Option<Device>, StorageError>;
    /// Revokes a device. A device revoked as lost stays so: a later
    /// handover does not let its uploads in again.
    fn revoke_device(
        &self,
        id: Uuid,
        mode: sync_proto::RevokeMode,
        at: NaiveDateTime,
    ) -> Result<(), StorageError>;
    /// The failed logins in a row recorded under `keys` (a login, an
    /// address), by key; keys without failures are absent.
    fn login_failures(&self, keys: &[String]) -> Result<Vec<LoginFailures>, StorageError>;
    /// Counts one more failed login under each of `keys` at `at` (the
    /// server's clock); keys quiet for a day are forgotten.
    fn record_login_failure(&self, keys: &[String], at: NaiveDateTime) -> Result<(), StorageError>;
    /// Forgets the failures under `keys` (after a good login).
    fn clear_login_failures(&self, keys: &[String]) -> Result<(), StorageError>;
    /// Appends an entry to the audit log (the time: whole seconds).
    fn audit(&self, e: &AuditEntry) -> Result<(), StorageError>;
    /// A page of the audit log, newest first (see `sync_proto::AuditRequest`;
    /// at most `sync_proto::AUDIT_PAGE_MAX`).
    fn audit_page(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<sync_proto::AuditPageDto, StorageError>;

    /// Stores a case as the back office has it (portfolio import or any
    /// back-office change), feeding its advisor's download.
    fn put_case(&self, file: &CaseFileDto) -> Result<(), StorageError>;
    /// Stores many cases as [`Storage::put_case`] does, in one transaction
    /// (a portfolio import): all or none.
    fn put_cases(&self, files: &[CaseFileDto]) -> Result<(), StorageError>;
    fn case(&self, id: Uuid) -> Result<Option<CaseFileDto>, StorageError>;
    /// A page of the cases with contact proposals still to decide, by id:
    /// from `offset`, at most `limit` (1 to 100 whatever is asked).
    fn open_contacts(&self, offset: u32, limit: u32) -> Result<Vec<CaseFileDto>, StorageError>;
    /// Changes a stored case in one transaction: `change` gets it as
    /// stored now (its row locked) and answers it changed, or an error
    /// that writes nothing (`AlreadyDecided` for a decision made before);
    /// the case is written and fed to its holder as any case. Answers the
    /// case as written; `NotFound` when there is no such case.
    fn change_case(&self, id: Uuid, change: &ChangeCase<'_>) -> Result<CaseFileDto, StorageError>;
    /// Moves a case to another advisor (or to none, e.g. when closed): the
    /// old advisor's device removes it, the new one's receives it.
    fn assign(&self, case_id: Uuid, advisor: Option<Uuid>) -> Result<(), StorageError>;
    /// The advisor's changes after `cursor`, at most `limit`.
    fn changes(&self, advisor: Uuid, cursor: u64, limit: u32) -> Result<Page, StorageError>;

    /// An applied mutation as the device sent it (e.g. a signed settlement
    /// for the back office to download); `None` when there is none or it
    /// was rejected.
    fn applied_mutation(&self, id: Uuid) -> Result<Option<Mutation>, StorageError>;

    /// Applies one mutation exactly once: a second call with the same id
    /// changes nothing and answers `Duplicate` (or the same rejection).
    /// `apply` decides what the mutation does, given the mutation's case as
    /// stored now (none for a day plan, whose `case_id` is nil) and who
    /// holds each of `cases` now, all read inside the transaction; its
    /// effect may change the case and create a request for a team lead.
    fn apply_mutation_effect(
        &self,
        device: &Device,
        m: &Mutation,
        cases: &[Uuid],
        apply: &ApplyEffect<'_>,
    ) -> Result<Outcome, StorageError>;

    /// A device's upload: every item as [`Storage::apply_mutation_effect`]
    /// (exactly once, in order, a later item seeing what an earlier one
    /// wrote), answering one outcome per item. A backend may commit the
    /// whole batch in one transaction (one durable write instead of one per
    /// item); on a storage error nothing is answered and the device sends
    /// the batch again, which is safe because every item is applied once.
    fn apply_batch(
        &self,
        device: &Device,
        items: &[BatchItem],
        apply: &ApplyBatchEffect<'_>,
    ) -> Result<Vec<Outcome>, StorageError>;

    /// Sets an advisor's offer policy and authority (`None`: the defaults).
    fn set_offer_policy(
        &self,
        advisor: Uuid,
        policy: Option<&OfferPolicyDto>,
    ) -> Result<(), StorageError>;

    /// The advisors whose team lead is `lead`, by name.
    fn team_of(&self, lead: Uuid) -> Result<Vec<User>, StorageError>;

    /// The pending offers of `lead`'s team, oldest first.
    fn pending_offers(&self, lead: Uuid) -> Result<Vec<ApprovalRequest>, StorageError>;

    /// The plans of `lead`'s team for `date`, in every state, oldest first.
    fn plans_on(&self, lead: Uuid, date: NaiveDate) -> Result<Vec<ApprovalRequest>, StorageError>;

    /// Records a decision once: the request must be pending and its advisor
    /// in the deciding lead's team (else `NotFound`; decided before:
    /// `Conflict`). An offer's decision is appended to its case's timeline;
    /// the advisor's feed gets the answer. One transaction.
    fn decide(&self, id: Uuid, d: &Decision) -> Result<ApprovalRequest, StorageError>;

    /// One request, whoever's.
    fn request(&self, id: Uuid) -> Result<Option<ApprovalRequest>, StorageError>;

    /// The server's table of NBP reference rates, in date order (seeded by
    /// the migrations with `domain::offer::ReferenceRates::nbp`).
    fn reference_rates(&self) -> Result<Vec<ReferenceRateDto>, StorageError>;

    /// Adds a decision of the reference rate, or corrects the rate of its
    /// day; a rate the domain's check refuses is `Invalid` and nothing is
    /// written.
    fn set_reference_rate(&self, rate: &ReferenceRateDto) -> Result<(), StorageError>;

    /// Every case someone holds, with its holder, by id: what the server's
    /// own rules (the promise ledger of the day) go through.
    fn held_case_ids(&self) -> Result<Vec<(Uuid, Uuid)>, StorageError>;

    /// A page of the cases with a consultation thread, in the office's
    /// order ([`ThreadFilter`]); at most 100 whatever `limit` asks.
    fn threads(&self, filter: &ThreadFilter) -> Result<Vec<CaseFileDto>, StorageError>;

    // #12 inbox: add below this line (branch inbox).
    /// Marks an inbox item handled by `by` at `at` (the server's clock), once: `AlreadyDecided`
    /// (with who and when) the second time, `Invalid` for a state its kind
    /// does not take, `NotFound` without the item.
    fn handle_inbox(
        &self,
        id: Uuid,
        kind: &sync_proto::InboxKind,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Result<sync_proto::InboxItemDto, StorageError>;
    /// A page of the office inbox and its counts per kind.
    fn inbox(&self, filter: &InboxFilter) -> Result<InboxPage, StorageError>;
    /// One inbox item; `None` without it.
    fn inbox_item(
        &self,
        id: Uuid,
        kind: &sync_proto::InboxKind,
    ) -> Result<Option<sync_proto::InboxItemDto>, StorageError>;
    /// As [`Storage::change_case`], and in the same transaction marks the
    /// inbox items the change answers handled by `by` at `at` (the
    /// server's clock): those still new take their kind's handled state,
    /// the others stay as they are (the change itself refuses a decision
    /// made before). A change that writes nothing marks nothing.
    fn change_case_handling(
        &self,
        id: Uuid,
        change: &HandlingChange<'_>,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Result<CaseFileDto, StorageError>;
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// Closes a case for the back office (`by`, named `by_name`, at `at`):
    /// the state machine decides, the closure is one timeline line with
    /// who and when, and the case is held by nobody (it leaves the
    /// advisor's device with the next download). `Conflict` when closed
    /// already, `Invalid` when "other" has no note, `NotFound`.
    fn close_case(&self, c: &CaseClosure<'_>) -> Result<CaseFileDto, StorageError>;

    /// Reopens a closed case (status "new", held by its advisor again);
    /// `Conflict` when it is open.
    fn reopen_case(
        &self,
        case_id: Uuid,
        by_name: &str,
        at: NaiveDateTime,
    ) -> Result<CaseFileDto, StorageError>;
    /// A page of the back office's portfolio search by case number, name,
    /// PESEL, phone (however typed) or town: every word of `query` is a
    /// prefix of one of the case's words; by case number, at most
    /// [`SEARCH_PAGE_MAX`] from `offset`, with the total counted up to
    /// [`SEARCH_COUNT_CAP`].
    fn search_cases(
        &self,
        query: &str,
        offset: u32,
        limit: u32,
    ) -> Result<SearchPage, StorageError>;

    /// Indexes for the search the cases stored before the index existed;
    /// answers how many. Run when the server opens its storage.
    fn index_unindexed(&self) -> Result<u64, StorageError>;

    /// Records a device's download: the server's time, and the pending
    /// count and app version the device reported.
    fn record_sync(&self, r: &SyncReport<'_>) -> Result<(), StorageError>;
    /// Up to `limit` (at most [`sync_proto::DESK_PAGE_MAX`]) devices from
    /// `offset`, the latest sync first, never-synced last, then by id.
    fn devices(&self, offset: u32, limit: u32) -> Result<Vec<DeviceSummary>, StorageError>;
    /// Up to `limit` users from `offset`, by name, then id.
    fn users(&self, offset: u32, limit: u32) -> Result<Vec<UserSummary>, StorageError>;
    /// Disables or enables a user; `Conflict` when it is so already,
    /// `NotFound` for no such user.
    fn set_user_disabled(&self, id: Uuid, disabled: bool) -> Result<UserSummary, StorageError>;
    /// Whether a user is disabled (`false` for no such user).
    fn user_disabled(&self, id: Uuid) -> Result<bool, StorageError>;
}

/// Reads for audits and tests, kept out of [`Storage`] because the server
/// never needs them.
pub trait Audit {
    /// The cases an advisor holds now, by id.
    fn cases_of(&self, advisor: Uuid) -> Result<Vec<CaseFileDto>, StorageError>;
    /// How many mutations with this id are stored (0 or 1).
    fn mutation_count(&self, id: Uuid) -> Result<u64, StorageError>;
}

/// A storage that can also be audited (what the story suite drives).
pub trait AuditedStorage: Storage + Audit {}
impl<T: Storage + Audit> AuditedStorage for T {}
