//! The narrow interface a database backend implements (the atuin shape): a
//! backend only translates these primitives into its SQL dialect and its
//! driver's types. Every rule — exactly once, what a feed entry means, who
//! holds a case, who may decide what — is written once in `rules` over
//! these primitives, so a new rule is one edit and a new backend writes no
//! rule.
//!
//! Rows that a backend reads come back as the plain records below; turning
//! them into the crate's types (codes, JSON columns) happens here, once.

use crate::{ApprovalRequest, Decision, Device, Holders, NewRequest, StorageError, User};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use sync_proto::{CaseFileDto, Mutation, RejectCode, Role};
use uuid::Uuid;

/// What every primitive answers.
pub type Res<T> = Result<T, StorageError>;

/// What one entry of an advisor's download feed says about the id it
/// names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOp {
    /// The case (the entry's id) is the advisor's: send it as it is now.
    Upsert,
    /// The case left the advisor: the device removes it.
    Remove,
    /// The request (the entry's id) was decided: send the answer.
    Review,
}

impl FeedOp {
    /// The code as both backends store it.
    pub fn code(self) -> &'static str {
        match self {
            FeedOp::Upsert => "upsert",
            FeedOp::Remove => "remove",
            FeedOp::Review => "review",
        }
    }

    pub fn from_code(s: &str) -> Res<Self> {
        [FeedOp::Upsert, FeedOp::Remove, FeedOp::Review]
            .into_iter()
            .find(|op| op.code() == s)
            .ok_or_else(|| StorageError::Corrupt(format!("feed op {s:?}")))
    }
}

/// One entry of an advisor's feed, at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedRow {
    pub seq: u64,
    pub id: Uuid,
    pub op: FeedOp,
}

/// How a stored mutation ended the first time it was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredOutcome {
    Applied,
    Rejected { code: RejectCode, reason: String },
}

impl StoredOutcome {
    /// The outcome column's code ("applied" or "rejected").
    pub fn code(&self) -> &'static str {
        match self {
            StoredOutcome::Applied => "applied",
            StoredOutcome::Rejected { .. } => "rejected",
        }
    }

    /// A stored row read back; an unknown outcome is corruption.
    pub fn from_row(outcome: &str, code: Option<String>, reason: Option<String>) -> Res<Self> {
        match outcome {
            "applied" => Ok(StoredOutcome::Applied),
            "rejected" => Ok(StoredOutcome::Rejected {
                code: RejectCode::from_code(&code.unwrap_or_default()),
                reason: reason.unwrap_or_default(),
            }),
            other => Err(StorageError::Corrupt(format!("mutation outcome {other:?}"))),
        }
    }
}

/// A user as a backend stores it: codes as text, the advisor's data and
/// policy as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: Uuid,
    pub login: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
    pub advisor: Option<serde_json::Value>,
    pub team_lead: Option<Uuid>,
    pub offer_policy: Option<serde_json::Value>,
}

impl UserRow {
    pub fn from_user(u: &User) -> UserRow {
        UserRow {
            id: u.id,
            login: u.login.clone(),
            name: u.name.clone(),
            role: role_code(u.role).to_owned(),
            password_hash: u.password_hash.clone(),
            advisor: u.advisor.as_ref().map(to_json),
            team_lead: u.team_lead,
            offer_policy: u.offer_policy.as_ref().map(to_json),
        }
    }

    pub fn into_user(self) -> Res<User> {
        Ok(User {
            id: self.id,
            login: self.login,
            name: self.name,
            role: role_from(&self.role)?,
            password_hash: self.password_hash,
            advisor: self.advisor.map(|a| from_json(a, "advisor")).transpose()?,
            team_lead: self.team_lead,
            offer_policy: self
                .offer_policy
                .map(|p| from_json(p, "offer policy"))
                .transpose()?,
        })
    }
}

/// A mutation to claim: what the device sent, which device, and its time
/// in whole seconds.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    pub device: &'a Device,
    pub mutation: &'a Mutation,
    pub at: NaiveDateTime,
}

/// A new request for a team lead, under the id of the mutation that made
/// it, with its advisor and time.
#[derive(Debug, Clone, Copy)]
pub struct RequestInsert<'a> {
    pub id: Uuid,
    pub advisor: Uuid,
    pub submitted_at: NaiveDateTime,
    pub request: &'a NewRequest,
}

/// Which user to read.
#[derive(Debug, Clone, Copy)]
pub enum UserKey<'a> {
    Login(&'a str),
    Id(Uuid),
}

/// Which requests to list (oldest first, then by id).
#[derive(Debug, Clone, Copy)]
pub enum RequestFilter {
    /// The pending offers of the advisors whose team lead is `lead`.
    PendingOffers { lead: Uuid },
    /// The plans of `date` of the advisors whose team lead is `lead`.
    PlansOn { lead: Uuid, date: NaiveDate },
}

/// The primitives one transaction offers. Every method is one dialect
/// statement (or a few); none decides anything.
pub trait Tx {
    /// Claims a mutation id for this transaction: stores the mutation as
    /// applied and answers `None`, or, when the id was stored before,
    /// answers how it ended then (and stores nothing). A concurrent claim
    /// of the same id waits for the first to commit or roll back.
    fn claim_mutation(&mut self, c: &Claim<'_>) -> Res<Option<StoredOutcome>>;
    /// Marks a claimed mutation as rejected with a code and a reason.
    fn reject_mutation(&mut self, id: Uuid, code: &RejectCode, reason: &str) -> Res<()>;
    /// Locks a case's row (if the backend locks rows) and reads who holds
    /// it and the case; `None` when there is no such case.
    fn lock_case(&mut self, id: Uuid) -> Res<Option<(Option<Uuid>, CaseFileDto)>>;
    /// Who holds each of these cases now (cases held by nobody or unknown
    /// are absent).
    fn holders(&mut self, ids: &[Uuid]) -> Res<Holders>;
    /// Writes a case with its holder (inserting or replacing it) and
    /// answers who held it before; a case created concurrently is locked
    /// and replaced, never doubled.
    fn upsert_case(&mut self, file: &CaseFileDto, holder: Option<Uuid>) -> Res<Option<Uuid>>;
    /// Which case each of these timeline entry ids belongs to (unused ids
    /// are absent).
    fn activity_owners(&mut self, ids: &[Uuid]) -> Res<HashMap<Uuid, Uuid>>;
    /// Records timeline entry ids as belonging to a case (an id recorded
    /// before is left as it is); answers those that belong to another case
    /// (another transaction took them since the rules looked).
    fn add_activity_ids(&mut self, case_id: Uuid, ids: &[Uuid]) -> Res<Vec<Uuid>>;
    /// Takes the locks that make these advisors' feeds append in order
    /// (a backend whose writers are serialized anyway does nothing). Taken
    /// before appending; locks already held may be asked for again.
    fn lock_feeds(&mut self, advisors: &[Uuid]) -> Res<()>;
    /// Appends an entry to an advisor's feed.
    fn append_feed(&mut self, advisor: Uuid, id: Uuid, op: FeedOp) -> Res<()>;
    /// Stores a request for a team lead.
    fn insert_request(&mut self, r: &RequestInsert<'_>) -> Res<()>;
    /// The applied "offer" mutation `id`, with its request's status and the
    /// settlement that signed it.
    fn offer(&mut self, id: Uuid) -> Res<Option<crate::StoredOffer>>;
    /// Records that `settlement` signs `offer`; false (and nothing written)
    /// when a settlement signed it before.
    fn sign_offer(&mut self, offer: Uuid, settlement: Uuid) -> Res<bool>;
    /// The applied "settlement" mutation `id` with the offer it signed and
    /// the settlement of its amendment, if any.
    fn agreement(&mut self, id: Uuid) -> Res<Option<crate::StoredAgreement>>;
    /// Records that `by` amends the agreement `settlement`; false (and
    /// nothing written) when it was amended before.
    fn amend_agreement(&mut self, settlement: Uuid, by: Uuid) -> Res<bool>;
    /// Reads a request; with `lock`, locks its row until the transaction
    /// ends.
    fn request(&mut self, id: Uuid, lock: bool) -> Res<Option<ApprovalRequest>>;
    /// The team lead of a user's team, if any.
    fn team_lead_of(&mut self, user: Uuid) -> Res<Option<Uuid>>;
    /// Records a decision on a request.
    fn write_decision(&mut self, id: Uuid, d: &Decision) -> Res<()>;
    /// An advisor's feed after position `after`, at most `limit` entries,
    /// in order.
    fn feed(&mut self, advisor: Uuid, after: u64, limit: u32) -> Res<Vec<FeedRow>>;
    /// These requests, in any order.
    fn requests_by_id(&mut self, ids: &[Uuid]) -> Res<Vec<ApprovalRequest>>;
    /// Those of these cases that `advisor` holds now.
    fn held_cases(&mut self, ids: &[Uuid], advisor: Uuid) -> Res<HashMap<Uuid, CaseFileDto>>;
    /// The head of a device's chain of visit reports (`None` before its
    /// first), its row locked until the transaction ends (a backend that
    /// locks rows).
    fn chain_head(&mut self, device: Uuid) -> Res<Option<String>>;
    /// Sets the head of a device's chain of visit reports.
    fn set_chain_head(&mut self, device: Uuid, head: &str) -> Res<()>;
    /// Records whether a case has contact proposals still to decide.
    fn set_contacts_open(&mut self, case_id: Uuid, open: bool) -> Res<()>;
    /// Writes a case's row of the threads index, or removes it (`None`).
    fn set_thread(&mut self, case_id: Uuid, row: Option<&crate::ThreadRow>) -> Res<()>;

    // #12 inbox: add below this line (branch inbox).
    /// Marks an inbox item handled (`state`, who, when) if it is still
    /// new; false when it is not (missing, or handled before).
    fn handle_inbox(
        &mut self,
        id: Uuid,
        kind: &str,
        state: &str,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Res<bool>;
    /// One inbox item.
    fn inbox_item(&mut self, id: Uuid, kind: &str) -> Res<Option<sync_proto::InboxItemDto>>;
    /// Writes new rows of the office inbox, received now by the database's
    /// clock (a row already there is kept).
    fn insert_inbox(&mut self, rows: &[crate::NewInboxRow]) -> Res<()>;
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// Writes a case's row of the search index and replaces its terms.
    fn set_search(&mut self, row: &crate::desk::SearchRow, terms: &[String]) -> Res<()>;
    /// Up to `limit` cases without a row in the search index, with their
    /// holders.
    fn unindexed_cases(&mut self, limit: u32) -> Res<Vec<(CaseFileDto, Option<Uuid>)>>;
}

/// A database: transactions over [`Tx`] and single-statement reads and
/// writes. Times it is given are whole seconds already.
pub trait Backend: Send + Sync + 'static {
    /// Whether a whole upload is applied in one transaction (one durable
    /// write per request) rather than one transaction per item.
    const BATCH_IN_ONE_TRANSACTION: bool;

    /// Runs `f` in one read-write transaction, committed when it answers
    /// `Ok` and rolled back otherwise.
    fn write<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R>;
    /// Runs `f` in one read-only transaction that sees one snapshot.
    fn read<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R>;

    /// Inserts a user; `false` when the id or the login exists.
    fn insert_user(&self, u: &UserRow) -> Res<bool>;
    fn user(&self, key: UserKey<'_>) -> Res<Option<UserRow>>;
    /// The users whose team lead is `lead`, by name, then id.
    fn team_of(&self, lead: Uuid) -> Res<Vec<UserRow>>;
    /// Inserts a device or gives an unrevoked one of the same user a new
    /// name, token and expiry; `false` when a revoked device, or another
    /// user's, stays as it is.
    fn register_device(&self, d: &Device, token_hash: &str) -> Res<bool>;
    /// A device by its id.
    fn device(&self, id: Uuid) -> Res<Option<Device>>;
    /// The failed logins recorded under `keys`, by key.
    fn login_failures(&self, keys: &[String]) -> Res<Vec<crate::LoginFailures>>;
    /// Counts one more failed login under each key, at `at`.
    fn record_login_failure(&self, keys: &[String], at: NaiveDateTime) -> Res<()>;
    /// Forgets the failures under `keys`.
    fn clear_login_failures(&self, keys: &[String]) -> Res<()>;
    /// Appends an entry to the audit log.
    fn append_audit(&self, e: &crate::AuditEntry) -> Res<()>;
    /// Up to `limit` entries before `before`, newest first.
    fn audit_page(&self, before: Option<i64>, limit: u32) -> Res<Vec<sync_proto::AuditEntryDto>>;
    fn device_by_token(&self, token_hash: &str) -> Res<Option<Device>>;
    /// Marks a device revoked, for a handover or not (a device revoked
    /// as lost stays so); `false` when there is no such device.
    /// The first revocation's time is kept.
    fn revoke_device(&self, id: Uuid, handover: bool, at: NaiveDateTime) -> Res<bool>;
    fn case(&self, id: Uuid) -> Res<Option<CaseFileDto>>;
    /// A mutation stored as applied.
    fn applied_mutation(&self, id: Uuid) -> Res<Option<Mutation>>;
    /// Sets an advisor's policy; `false` when `advisor` is no advisor.
    fn set_offer_policy(&self, advisor: Uuid, policy: Option<&serde_json::Value>) -> Res<bool>;
    fn requests(&self, filter: RequestFilter) -> Res<Vec<ApprovalRequest>>;
    /// The cases `advisor` holds, by id.
    fn cases_of(&self, advisor: Uuid) -> Res<Vec<CaseFileDto>>;
    /// Every case someone holds, with its holder, by id.
    fn held_case_ids(&self) -> Res<Vec<(Uuid, Uuid)>>;
    fn mutation_count(&self, id: Uuid) -> Res<u64>;
    /// The cases recorded with contact proposals still to decide, by id.
    fn open_contact_cases(&self, offset: u32, limit: u32) -> Res<Vec<CaseFileDto>>;
    /// The table of reference rates: (first day, rate as decimal text), in
    /// date order.
    fn reference_rates(&self) -> Res<Vec<(NaiveDate, String)>>;
    /// Writes the rate (decimal text) from `since`, replacing the rate of
    /// that day if there is one.
    fn put_reference_rate(&self, since: NaiveDate, rate: &str) -> Res<()>;
    /// The cases of the threads index in its order (urgent, unanswered,
    /// newest, case id), `limit` of them from `offset`, of the advisors
    /// whose team lead is `lead` when given.
    fn thread_cases(&self, filter: &crate::ThreadFilter) -> Res<Vec<CaseFileDto>>;

    // #12 inbox: add below this line (branch inbox).
    /// A page of the inbox, newest first (at most `filter.page_size()`,
    /// one more to tell whether more follow).
    fn inbox_items(
        &self,
        filter: &crate::InboxFilter,
        limit: u32,
    ) -> Res<Vec<sync_proto::InboxItemDto>>;
    /// The inbox's items per kind code under the filter's advisor, state and dates.
    fn inbox_counts(&self, filter: &crate::InboxFilter) -> Res<Vec<(String, u64)>>;
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// The search rows of the cases with a term in every one of these
    /// `[from, to)` ranges, by number then id, `limit` from `offset`.
    fn search_rows(
        &self,
        ranges: &[(String, String)],
        offset: u32,
        limit: u32,
    ) -> Res<Vec<crate::desk::SearchRow>>;
    /// How many cases `search_rows` finds, counted up to `cap`.
    fn search_count(&self, ranges: &[(String, String)], cap: u32) -> Res<u32>;
    /// Sets a device's last download and what it reported.
    fn record_sync(&self, r: &crate::SyncReport<'_>) -> Res<()>;
    /// Devices with their users, the latest sync first (none last), then
    /// by id; `limit` from `offset`.
    fn device_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::DeviceSummary>>;
    /// Users by name, then id; `limit` from `offset`.
    fn user_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::UserSummary>>;
    /// One user's row.
    fn user_row(&self, id: Uuid) -> Res<Option<crate::UserSummary>>;
    /// Sets `disabled` when it differs; `false` when nothing changed (no
    /// such user, or so already).
    fn update_user_disabled(&self, id: Uuid, disabled: bool) -> Res<bool>;
}

/// A role as both backends store it.
pub fn role_code(r: Role) -> &'static str {
    match r {
        Role::Advisor => "advisor",
        Role::TeamLead => "team_lead",
        Role::BackOffice => "back_office",
        Role::Admin => "admin",
    }
}

/// A stored role read back; an unknown one is corruption, never a guess.
pub fn role_from(s: &str) -> Res<Role> {
    [Role::Advisor, Role::TeamLead, Role::BackOffice, Role::Admin]
        .into_iter()
        .find(|r| role_code(*r) == s)
        .ok_or_else(|| StorageError::Corrupt(format!("role {s:?}")))
}

/// A wire value as a JSON column holds it.
pub fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    // Serializing our own wire types cannot fail: they hold no maps with
    // non-string keys and no failing Serialize impls.
    serde_json::to_value(v).unwrap_or_default()
}

/// A JSON column read back as a wire value; `what` names it in the error.
pub fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value, what: &str) -> Res<T> {
    serde_json::from_value(v).map_err(|e| StorageError::Corrupt(format!("{what}: {e}")))
}

/// A stored case document read back.
pub fn case_doc(v: serde_json::Value) -> Res<CaseFileDto> {
    from_json(v, "case document")
}
