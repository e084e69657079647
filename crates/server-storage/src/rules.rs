//! The storage rules, once for every backend: exactly-once mutations, what
//! the download feed sends (the last entry per case in a page, only what
//! the advisor holds now), who holds a case (nobody once it is closed), and
//! the team lead's decision (own team only, decided once, the timeline line
//! and the answer in the advisor's feed). Backends only translate the
//! primitives of [`Tx`] and [`Backend`].

use crate::backend::{Backend, FeedOp, RequestFilter, StoredOutcome, Tx, UserKey, UserRow};
use crate::*;
use std::collections::{HashMap, HashSet};

/// The server's storage over one backend; what the server is written
/// against, as [`Storage`].
#[derive(Debug)]
pub struct ServerDb<B> {
    backend: B,
}

impl<B: Backend> ServerDb<B> {
    /// The storage over a backend that is open and migrated.
    pub fn new(backend: B) -> Self {
        ServerDb { backend }
    }
}

/// Times are kept in whole seconds on every backend (truncated, never
/// rounded up), so a value reads back as it was stored.
pub(crate) fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    t - chrono::Duration::nanoseconds(i64::from(t.and_utc().timestamp_subsec_nanos()))
}

/// The advisor a case belongs to: none once it is closed.
fn holder(file: &CaseFileDto) -> Option<Uuid> {
    (file.status != domain::CaseStatus::Closed.code()).then_some(file.advisor_id)
}

/// The timeline ids of a case document.
fn activity_ids(file: &CaseFileDto) -> HashSet<Uuid> {
    file.activities.iter().map(|a| a.id).collect()
}

/// Why a case document cannot be stored with its timeline: an entry id used
/// twice in it, or one that belongs to another case (a device keeps
/// timeline entries by id: one id in two places would stop its sync).
/// `known` are the ids the stored document has now. Answers the new ids
/// to record.
fn check_activity_ids(
    tx: &mut dyn Tx,
    file: &CaseFileDto,
    known: &HashSet<Uuid>,
) -> Result<Result<Vec<Uuid>, Uuid>, StorageError> {
    let mut seen = HashSet::with_capacity(file.activities.len());
    if let Some(twice) = file.activities.iter().find(|a| !seen.insert(a.id)) {
        return Ok(Err(twice.id));
    }
    let added: Vec<Uuid> = file
        .activities
        .iter()
        .map(|a| a.id)
        .filter(|id| !known.contains(id))
        .collect();
    if added.is_empty() {
        return Ok(Ok(added));
    }
    let owners = tx.activity_owners(&added)?;
    if let Some((id, _)) = owners.iter().find(|(_, owner)| **owner != file.id) {
        return Ok(Err(*id));
    }
    Ok(Ok(added
        .into_iter()
        .filter(|id| !owners.contains_key(id))
        .collect()))
}

/// The message for a timeline id used elsewhere.
fn id_in_use(id: Uuid) -> String {
    format!("the id {id} is already used by another timeline entry")
}

/// Writes a case held by `advisor` and feeds the downloads: the holder gets
/// an upsert; a previous holder gets a removal. `added` are the new
/// timeline ids that `check_activity_ids` found free.
fn write_case(
    tx: &mut dyn Tx,
    file: &CaseFileDto,
    advisor: Option<Uuid>,
    added: &[Uuid],
) -> Result<(), StorageError> {
    if !tx.add_activity_ids(file.id, added)?.is_empty() {
        // Another transaction took one of them since the check: this one
        // rolls back and the retry sees the owner.
        return Err(StorageError::Conflict("a timeline entry id".into()));
    }
    let before = tx.upsert_case(file, advisor)?;
    // The back office's list of open proposals follows every write.
    tx.set_contacts_open(file.id, file.contacts.iter().any(|c| c.is_open()))?;
    // So does the office's index of consultation threads.
    tx.set_thread(file.id, crate::thread_row(file).as_ref())?;
    // #12 inbox: add below this line (branch inbox).
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    // The back office's portfolio search index too.
    let (row, terms) = crate::desk::index_of(file, advisor);
    tx.set_search(&row, &terms)?;
    let removed_from = before.filter(|old| Some(*old) != advisor);
    let feeds: Vec<Uuid> = removed_from.iter().chain(&advisor).copied().collect();
    tx.lock_feeds(&feeds)?;
    if let Some(old) = removed_from {
        tx.append_feed(old, file.id, FeedOp::Remove)?;
    }
    if let Some(a) = advisor {
        tx.append_feed(a, file.id, FeedOp::Upsert)?;
    }
    Ok(())
}

/// The message for a request decided before: who decided what, and when.
fn already(r: &ApprovalRequest) -> String {
    format!(
        "{} by {} at {}",
        r.status,
        r.decided_by_name.as_deref().unwrap_or("?"),
        r.decided_at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    )
}

/// One mutation inside the caller's transaction: exactly once (a repeat
/// answers as the first time did); the effect and the mutation's row
/// together.
fn apply_in(
    tx: &mut dyn Tx,
    device: &Device,
    m: &Mutation,
    (cases, offer, agreement): (&[Uuid], Option<Uuid>, Option<Uuid>),
    apply: &ApplyEffect<'_>,
) -> Result<Outcome, StorageError> {
    let at = whole_seconds(m.created_at);
    let claim = backend::Claim {
        device,
        mutation: m,
        at,
    };
    match tx.claim_mutation(&claim)? {
        Some(StoredOutcome::Applied) => return Ok(Outcome::Duplicate),
        Some(StoredOutcome::Rejected { code, reason }) => {
            return Ok(Outcome::Rejected { code, reason })
        }
        None => {}
    }
    let now = tx.lock_case(m.case_id)?.map(|(_, file)| file);
    let known = now.as_ref().map(activity_ids).unwrap_or_default();
    let holders = if cases.is_empty() {
        Holders::new()
    } else {
        tx.holders(cases)?
    };
    let offer = match offer {
        Some(id) => tx.offer(id)?,
        None => None,
    };
    let agreement = match agreement {
        Some(id) => tx.agreement(id)?,
        None => None,
    };
    // A device's visit reports form a hash chain: its head is read (and, on
    // PostgreSQL, locked: after the case row, before the feeds) for a visit
    // and moves to this report whatever the outcome, since the device
    // chains every report it saved, also one the server refuses.
    let visit = m.kind == sync_proto::MutationKind::Visit;
    let chain = if visit {
        tx.chain_head(device.id)?
    } else {
        None
    };
    let named = Named {
        holders,
        offer,
        agreement,
        chain,
    };
    let outcome = decide_in(tx, device, m, now, &known, &named, apply)?;
    if visit {
        tx.set_chain_head(device.id, &sync_proto::visit_link(m))?;
    }
    Ok(outcome)
}

/// The effect of a claimed mutation, checked and written (or the
/// mutation marked rejected).
fn decide_in(
    tx: &mut dyn Tx,
    device: &Device,
    m: &Mutation,
    now: Option<CaseFileDto>,
    known: &HashSet<Uuid>,
    named: &Named,
    apply: &ApplyEffect<'_>,
) -> Result<Outcome, StorageError> {
    let at = whole_seconds(m.created_at);
    match apply(now, named) {
        Ok(effect) => {
            if let Some(file) = &effect.case {
                let size = serde_json::to_vec(file).map_or(usize::MAX, |v| v.len());
                if size > sync_proto::MAX_CASE_BYTES {
                    let (code, reason) = (
                        RejectCode::CaseTooLarge,
                        format!(
                            "case {} would hold {} KB, more than {} KB: the office archives it first",
                            file.number,
                            size / 1024,
                            sync_proto::MAX_CASE_BYTES / 1024
                        ),
                    );
                    tx.reject_mutation(m.id, &code, &reason)?;
                    return Ok(Outcome::Rejected { code, reason });
                }
            }
            let added = match &effect.case {
                Some(file) => match check_activity_ids(tx, file, known)? {
                    Ok(added) => added,
                    Err(id) => {
                        let (code, reason) = (RejectCode::DuplicateId, id_in_use(id));
                        tx.reject_mutation(m.id, &code, &reason)?;
                        return Ok(Outcome::Rejected { code, reason });
                    }
                },
                None => Vec::new(),
            };
            // Nothing is written before the last check that can refuse.
            let once = [
                effect.signs.map(|o| (o, "the offer", true)),
                effect.amends.map(|a| (a, "the agreement", false)),
            ];
            for (id, what, offer) in once.into_iter().flatten() {
                let first = if offer {
                    tx.sign_offer(id, m.id)?
                } else {
                    tx.amend_agreement(id, m.id)?
                };
                if !first {
                    let (code, reason) = (
                        RejectCode::AlreadySigned,
                        format!("{what} {id} is signed already"),
                    );
                    tx.reject_mutation(m.id, &code, &reason)?;
                    return Ok(Outcome::Rejected { code, reason });
                }
            }
            if let Some(file) = &effect.case {
                write_case(tx, file, holder(file), &added)?;
            }
            // The office's inbox sees what the field sent, with its mutation.
            let rows = crate::inbox_rows(m, effect.case.as_ref());
            if !rows.is_empty() {
                tx.insert_inbox(&rows)?;
            }
            if let Some(r) = &effect.request {
                tx.insert_request(&backend::RequestInsert {
                    id: m.id,
                    advisor: device.user_id,
                    submitted_at: at,
                    request: r,
                })?;
            }
            Ok(Outcome::Applied)
        }
        Err((code, reason)) => {
            tx.reject_mutation(m.id, &code, &reason)?;
            Ok(Outcome::Rejected { code, reason })
        }
    }
}

/// Within a page only the last entry per id matters, in the order of those
/// last entries.
fn last_per_id(rows: &[backend::FeedRow]) -> Vec<(Uuid, FeedOp)> {
    let mut last: Vec<(Uuid, FeedOp)> = Vec::with_capacity(rows.len());
    for r in rows {
        last.retain(|(id, _)| *id != r.id);
        last.push((r.id, r.op));
    }
    last
}

fn ids_with(last: &[(Uuid, FeedOp)], op: FeedOp) -> Vec<Uuid> {
    last.iter()
        .filter(|(_, o)| *o == op)
        .map(|(id, _)| *id)
        .collect()
}

impl<B: Backend> Storage for ServerDb<B> {
    fn create_user(&self, u: &User) -> Result<(), StorageError> {
        if !self.backend.insert_user(&UserRow::from_user(u))? {
            return Err(StorageError::Conflict(format!("user {}", u.login)));
        }
        Ok(())
    }

    fn user_by_login(&self, login: &str) -> Result<Option<User>, StorageError> {
        self.backend
            .user(UserKey::Login(login))?
            .map(UserRow::into_user)
            .transpose()
    }

    fn user(&self, id: Uuid) -> Result<Option<User>, StorageError> {
        self.backend
            .user(UserKey::Id(id))?
            .map(UserRow::into_user)
            .transpose()
    }

    fn register_device(&self, d: &Device, token_hash: &str) -> Result<(), StorageError> {
        let d = Device {
            expires_at: whole_seconds(d.expires_at),
            ..d.clone()
        };
        if self.backend.register_device(&d, token_hash)? {
            return Ok(());
        }
        match self.backend.device(d.id)? {
            // A revoked device stays revoked: its token is not registered.
            Some(old) if old.revoked => Ok(()),
            Some(_) => Err(StorageError::Conflict(format!(
                "the device {} is registered to another user: the back office revokes it before it is handed over",
                d.id
            ))),
            None => Err(StorageError::Corrupt(format!("the device {} was not written", d.id))),
        }
    }

    fn device_by_token(&self, token_hash: &str) -> Result<Option<Device>, StorageError> {
        self.backend.device_by_token(token_hash)
    }

    fn login_failures(&self, keys: &[String]) -> Result<Vec<LoginFailures>, StorageError> {
        self.backend.login_failures(keys)
    }

    fn record_login_failure(&self, keys: &[String], at: NaiveDateTime) -> Result<(), StorageError> {
        self.backend.record_login_failure(keys, whole_seconds(at))
    }

    fn clear_login_failures(&self, keys: &[String]) -> Result<(), StorageError> {
        self.backend.clear_login_failures(keys)
    }

    fn audit(&self, e: &AuditEntry) -> Result<(), StorageError> {
        // Entries are short: a hostile login cannot grow the log by much.
        let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
        self.backend.append_audit(&AuditEntry {
            at: whole_seconds(e.at),
            actor_name: cut(&e.actor_name, 100),
            subject: cut(&e.subject, 200),
            detail: cut(&e.detail, 500),
            ..e.clone()
        })
    }

    fn audit_page(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<sync_proto::AuditPageDto, StorageError> {
        let limit = limit.clamp(1, sync_proto::AUDIT_PAGE_MAX);
        let mut entries = self.backend.audit_page(before, limit + 1)?;
        let more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        Ok(sync_proto::AuditPageDto {
            before: entries.last().filter(|_| more).map(|e| e.seq),
            entries,
        })
    }

    fn revoke_device(
        &self,
        id: Uuid,
        mode: sync_proto::RevokeMode,
        at: NaiveDateTime,
    ) -> Result<(), StorageError> {
        let handover = mode == sync_proto::RevokeMode::Handover;
        if !self.backend.revoke_device(id, handover, at)? {
            return Err(StorageError::NotFound(format!("device {id}")));
        }
        Ok(())
    }

    fn put_case(&self, file: &CaseFileDto) -> Result<(), StorageError> {
        self.backend.write(|tx| put_in(tx, file))
    }

    fn put_cases(&self, files: &[CaseFileDto]) -> Result<(), StorageError> {
        self.backend
            .write(|tx| files.iter().try_for_each(|f| put_in(tx, f)))
    }

    fn case(&self, id: Uuid) -> Result<Option<CaseFileDto>, StorageError> {
        self.backend.case(id)
    }

    fn held_case_ids(&self) -> Result<Vec<(Uuid, Uuid)>, StorageError> {
        self.backend.held_case_ids()
    }

    fn open_contacts(&self, offset: u32, limit: u32) -> Result<Vec<CaseFileDto>, StorageError> {
        self.backend.open_contact_cases(offset, limit.clamp(1, 100))
    }

    fn threads(&self, filter: &ThreadFilter) -> Result<Vec<CaseFileDto>, StorageError> {
        self.backend.thread_cases(&ThreadFilter {
            limit: filter.limit.clamp(1, 100),
            ..*filter
        })
    }

    fn change_case(&self, id: Uuid, change: &ChangeCase<'_>) -> Result<CaseFileDto, StorageError> {
        self.backend
            .write(|tx| change_in(tx, id, &|f| Ok((change(f)?, Vec::new())), None))
    }

    fn assign(&self, case_id: Uuid, advisor: Option<Uuid>) -> Result<(), StorageError> {
        self.backend.write(|tx| {
            let (_, mut file) = tx
                .lock_case(case_id)?
                .ok_or_else(|| StorageError::NotFound(format!("case {case_id}")))?;
            if let Some(a) = advisor {
                file.advisor_id = a;
            }
            // A closed case stays with nobody, whoever it is assigned to.
            let held_by = advisor.filter(|_| holder(&file).is_some());
            write_case(tx, &file, held_by, &[])
        })
    }

    fn changes(&self, advisor: Uuid, cursor: u64, limit: u32) -> Result<Page, StorageError> {
        // One snapshot for the page: the feed and the cases it names are
        // read as of the same moment.
        self.backend.read(|tx| {
            let rows = tx.feed(advisor, cursor, limit)?;
            let more = rows.len() == limit as usize;
            let next_cursor = rows.last().map_or(cursor, |r| r.seq);
            let last = last_per_id(&rows);
            let mut decided: HashMap<Uuid, ReviewDto> = HashMap::new();
            for r in tx.requests_by_id(&ids_with(&last, FeedOp::Review))? {
                decided.insert(r.id, r.review());
            }
            let mut held = tx.held_cases(&ids_with(&last, FeedOp::Upsert), advisor)?;
            let mut changes = Vec::with_capacity(last.len());
            let mut reviews = Vec::new();
            for (id, op) in last {
                match op {
                    FeedOp::Review => reviews.extend(decided.remove(&id)),
                    // Only what the advisor holds now is sent; if the case
                    // has moved on since, a removal follows later in the feed.
                    FeedOp::Upsert => match held.remove(&id) {
                        Some(file) => changes.push(Change::Upsert {
                            file: Box::new(file),
                        }),
                        None => changes.push(Change::Remove { case_id: id }),
                    },
                    FeedOp::Remove => changes.push(Change::Remove { case_id: id }),
                }
            }
            Ok(Page {
                changes,
                reviews,
                next_cursor,
                more,
            })
        })
    }

    fn apply_mutation_effect(
        &self,
        device: &Device,
        m: &Mutation,
        cases: &[Uuid],
        apply: &ApplyEffect<'_>,
    ) -> Result<Outcome, StorageError> {
        self.backend
            .write(|tx| apply_in(tx, device, m, (cases, None, None), apply))
    }

    fn apply_batch(
        &self,
        device: &Device,
        items: &[BatchItem],
        apply: &ApplyBatchEffect<'_>,
    ) -> Result<Vec<Outcome>, StorageError> {
        let one = |tx: &mut dyn Tx, i: &BatchItem| {
            apply_in(
                tx,
                device,
                &i.mutation,
                (&i.cases, i.offer, i.agreement),
                &|now, named| apply(&i.mutation, now, named),
            )
        };
        if B::BATCH_IN_ONE_TRANSACTION {
            self.backend
                .write(|tx| items.iter().map(|i| one(tx, i)).collect())
        } else {
            items
                .iter()
                .map(|i| self.backend.write(|tx| one(tx, i)))
                .collect()
        }
    }

    fn applied_mutation(&self, id: Uuid) -> Result<Option<Mutation>, StorageError> {
        self.backend.applied_mutation(id)
    }

    fn set_offer_policy(
        &self,
        advisor: Uuid,
        policy: Option<&OfferPolicyDto>,
    ) -> Result<(), StorageError> {
        let json = policy.map(backend::to_json);
        if !self.backend.set_offer_policy(advisor, json.as_ref())? {
            return Err(StorageError::NotFound(format!("advisor {advisor}")));
        }
        Ok(())
    }

    fn team_of(&self, lead: Uuid) -> Result<Vec<User>, StorageError> {
        self.backend
            .team_of(lead)?
            .into_iter()
            .map(UserRow::into_user)
            .collect()
    }

    fn pending_offers(&self, lead: Uuid) -> Result<Vec<ApprovalRequest>, StorageError> {
        self.backend.requests(RequestFilter::PendingOffers { lead })
    }

    fn plans_on(&self, lead: Uuid, date: NaiveDate) -> Result<Vec<ApprovalRequest>, StorageError> {
        self.backend.requests(RequestFilter::PlansOn { lead, date })
    }

    fn request(&self, id: Uuid) -> Result<Option<ApprovalRequest>, StorageError> {
        self.backend.read(|tx| tx.request(id, false))
    }

    fn reference_rates(&self) -> Result<Vec<ReferenceRateDto>, StorageError> {
        self.backend
            .reference_rates()?
            .into_iter()
            .map(|(since, rate)| {
                let rate = rate.parse().map_err(|_| {
                    StorageError::Corrupt(format!("reference rate of {since}: {rate:?}"))
                })?;
                Ok(ReferenceRateDto { since, rate })
            })
            .collect()
    }

    fn set_reference_rate(&self, r: &ReferenceRateDto) -> Result<(), StorageError> {
        // The table stays one the domain can use: every row passes the
        // domain's check, and the day is the key, so a correction replaces
        // the rate of its day instead of making two.
        r.check().map_err(StorageError::Invalid)?;
        self.backend
            .put_reference_rate(r.since, &r.rate.normalize().to_string())
    }

    fn decide(&self, id: Uuid, d: &Decision) -> Result<ApprovalRequest, StorageError> {
        let not_found = || StorageError::NotFound(format!("request {id}"));
        let d = Decision {
            at: whole_seconds(d.at),
            ..d.clone()
        };
        self.backend.write(|tx| {
            // Lock order as everywhere: the request (a mutation id), the
            // case row, then the feeds.
            let req = tx.request(id, true)?.ok_or_else(not_found)?;
            if tx.team_lead_of(req.advisor_id)? != Some(d.lead) {
                // Another team's request is not even shown to exist.
                return Err(not_found());
            }
            if req.status != sync_proto::Decision::Pending {
                return Err(StorageError::AlreadyDecided(already(&req)));
            }
            tx.write_decision(id, &d)?;
            // An offer's decision is a line on its case's timeline (once).
            let case = match (req.kind, req.case_id, &d.timeline) {
                (RequestKind::Offer, Some(case_id), Some(line)) => tx
                    .lock_case(case_id)?
                    .filter(|(_, f)| f.activities.iter().all(|a| a.id != line.id))
                    .map(|(before, mut f)| {
                        f.activities.push(line.clone());
                        (before, f)
                    }),
                _ => None,
            };
            // Every feed this transaction appends to, locked up front.
            let mut feeds = vec![req.advisor_id];
            if let Some((before, file)) = &case {
                feeds.extend(before.iter().chain(holder(file).iter()));
            }
            tx.lock_feeds(&feeds)?;
            if let Some((_, file)) = &case {
                let line = d.timeline.as_ref().map(|l| l.id);
                write_case(tx, file, holder(file), line.as_slice())?;
            }
            tx.append_feed(req.advisor_id, id, FeedOp::Review)?;
            tx.request(id, false)?.ok_or_else(not_found)
        })
    }

    // #12 inbox: add below this line (branch inbox).
    fn handle_inbox(
        &self,
        id: Uuid,
        kind: &sync_proto::InboxKind,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Result<sync_proto::InboxItemDto, StorageError> {
        let at = whole_seconds(at);
        let state = crate::handled_state(kind)
            .ok_or_else(|| StorageError::Invalid(format!("an inbox item of kind {kind}")))?;
        self.backend.write(|tx| {
            let first = tx.handle_inbox(id, kind.code(), state.code(), by, at)?;
            let item = tx
                .inbox_item(id, kind.code())?
                .ok_or_else(|| StorageError::NotFound(format!("inbox item {id} ({kind})")))?;
            if !first {
                return Err(StorageError::AlreadyDecided(format!(
                    "{} by {} at {}",
                    item.state,
                    item.decided_by.map(|u| u.to_string()).unwrap_or_default(),
                    item.decided_at
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default()
                )));
            }
            Ok(item)
        })
    }
    fn inbox_item(
        &self,
        id: Uuid,
        kind: &sync_proto::InboxKind,
    ) -> Result<Option<sync_proto::InboxItemDto>, StorageError> {
        self.backend.read(|tx| tx.inbox_item(id, kind.code()))
    }

    fn change_case_handling(
        &self,
        id: Uuid,
        change: &crate::HandlingChange<'_>,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Result<CaseFileDto, StorageError> {
        self.backend
            .write(|tx| change_in(tx, id, change, Some((by, whole_seconds(at)))))
    }

    fn inbox(&self, filter: &InboxFilter) -> Result<InboxPage, StorageError> {
        let size = filter.page_size();
        let mut items = self.backend.inbox_items(filter, size + 1)?;
        let more = items.len() > size as usize;
        items.truncate(size as usize);
        let next = items.last().filter(|_| more).map(|i| {
            (
                sync_proto::InboxCursor {
                    received_at: i.received_at,
                    id: i.id,
                },
                i.kind.clone(),
            )
        });
        let by_code = self.backend.inbox_counts(filter)?;
        let counts = sync_proto::InboxKind::ALL
            .into_iter()
            .map(|k| {
                let n = by_code
                    .iter()
                    .find(|(c, _)| sync_proto::InboxKind::from_code(c) == k)
                    .map_or(0, |(_, n)| *n);
                (k, n)
            })
            .collect();
        Ok(InboxPage {
            items,
            next,
            counts,
        })
    }
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    fn close_case(&self, c: &crate::CaseClosure<'_>) -> Result<CaseFileDto, StorageError> {
        self.backend.write(|tx| {
            let (_, mut file) = tx
                .lock_case(c.case_id)?
                .ok_or_else(|| StorageError::NotFound(format!("case {}", c.case_id)))?;
            let status = domain::CaseStatus::from_code(&file.status)
                .ok_or_else(|| StorageError::Corrupt(format!("status {:?}", file.status)))?;
            let note = domain::closure::close(status, domain::Actor::BackOffice, c.reason, c.note)
                .map_err(crate::desk::close_error)?;
            let at = whole_seconds(c.at);
            let summary = match note {
                Some(n) => format!("Sprawa zamknięta: {}. {n}", c.reason.name_pl()),
                None => format!("Sprawa zamknięta: {}", c.reason.name_pl()),
            };
            let line = crate::desk::closure_line(
                file.id,
                crate::desk::closure_lines(&file),
                at,
                c.by_name,
                summary,
            );
            let added = [line.id];
            file.activities.push(line);
            file.status = domain::CaseStatus::Closed.code().into();
            write_case(tx, &file, None, &added)?;
            Ok(file)
        })
    }

    fn reopen_case(
        &self,
        case_id: Uuid,
        by_name: &str,
        at: NaiveDateTime,
    ) -> Result<CaseFileDto, StorageError> {
        self.backend.write(|tx| {
            let (_, mut file) = tx
                .lock_case(case_id)?
                .ok_or_else(|| StorageError::NotFound(format!("case {case_id}")))?;
            let status = domain::CaseStatus::from_code(&file.status)
                .ok_or_else(|| StorageError::Corrupt(format!("status {:?}", file.status)))?;
            if status.is_open() {
                return Err(StorageError::Conflict("the case is open already".into()));
            }
            let new = domain::closure::reopen(status, domain::Actor::BackOffice)
                .map_err(|e| StorageError::Invalid(e.to_string()))?;
            let at = whole_seconds(at);
            let line = crate::desk::closure_line(
                file.id,
                crate::desk::closure_lines(&file),
                at,
                by_name,
                "Sprawa otwarta ponownie".into(),
            );
            let added = [line.id];
            file.activities.push(line);
            file.status = new.code().into();
            let advisor = file.advisor_id;
            write_case(tx, &file, Some(advisor), &added)?;
            Ok(file)
        })
    }
    fn search_cases(
        &self,
        query: &str,
        offset: u32,
        limit: u32,
    ) -> Result<SearchPage, StorageError> {
        crate::desk::search(&self.backend, query, offset, limit)
    }

    fn index_unindexed(&self) -> Result<u64, StorageError> {
        crate::desk::index_unindexed(&self.backend)
    }

    fn record_sync(&self, r: &crate::SyncReport<'_>) -> Result<(), StorageError> {
        self.backend.record_sync(&crate::SyncReport {
            at: whole_seconds(r.at),
            ..*r
        })
    }

    fn devices(&self, offset: u32, limit: u32) -> Result<Vec<crate::DeviceSummary>, StorageError> {
        self.backend
            .device_rows(offset, limit.clamp(1, sync_proto::DESK_PAGE_MAX))
    }

    fn users(&self, offset: u32, limit: u32) -> Result<Vec<crate::UserSummary>, StorageError> {
        self.backend
            .user_rows(offset, limit.clamp(1, sync_proto::DESK_PAGE_MAX))
    }

    fn set_user_disabled(
        &self,
        id: Uuid,
        disabled: bool,
    ) -> Result<crate::UserSummary, StorageError> {
        if !self.backend.update_user_disabled(id, disabled)? {
            return Err(match self.backend.user_row(id)? {
                None => StorageError::NotFound(format!("user {id}")),
                Some(_) if disabled => {
                    StorageError::Conflict("the user is disabled already".into())
                }
                Some(_) => StorageError::Conflict("the user is enabled already".into()),
            });
        }
        self.backend
            .user_row(id)?
            .ok_or_else(|| StorageError::NotFound(format!("user {id}")))
    }

    fn user_disabled(&self, id: Uuid) -> Result<bool, StorageError> {
        Ok(self.backend.user_row(id)?.is_some_and(|u| u.disabled))
    }
}

impl<B: Backend> Audit for ServerDb<B> {
    fn cases_of(&self, advisor: Uuid) -> Result<Vec<CaseFileDto>, StorageError> {
        self.backend.cases_of(advisor)
    }

    fn mutation_count(&self, id: Uuid) -> Result<u64, StorageError> {
        self.backend.mutation_count(id)
    }
}

/// Stores a case as the back office has it, in `tx` (see
/// [`Storage::put_case`]).
fn put_in(tx: &mut dyn Tx, file: &CaseFileDto) -> Result<(), StorageError> {
    let stored = tx.lock_case(file.id)?.map(|(_, f)| f);
    let known = stored.as_ref().map(activity_ids).unwrap_or_default();
    // The signed agreements and the visit records (what it received,
    // with its chain check) are the server's record, never the back
    // office's word: they stay as stored. So are the contact proposals
    // and their answers, the photos' records, and the money taken at
    // the door; the back office books it by adding a payment with its
    // id (`book_field_payments`).
    // The consultation thread too: it changes only through its
    // own endpoints.
    let (agreements, visits, contacts, attachments, field_payments, thread) = stored
        .map(|f| {
            (
                f.agreements,
                f.visits,
                f.contacts,
                f.attachments,
                f.field_payments,
                f.thread,
            )
        })
        .unwrap_or_default();
    let mut file = CaseFileDto {
        agreements,
        visits,
        contacts,
        attachments,
        field_payments,
        thread,
        ..file.clone()
    };
    book_field_payments(&mut file);
    let added = check_activity_ids(tx, &file, &known)?
        .map_err(|id| StorageError::Conflict(id_in_use(id)))?;
    write_case(tx, &file, holder(&file), &added)
}

/// Changes the case `id` in `tx` (see [`Storage::change_case_handling`]);
/// the inbox items it answers are marked handled by `handler` (who, when).
fn change_in(
    tx: &mut dyn Tx,
    id: Uuid,
    change: &crate::HandlingChange<'_>,
    handler: Option<(Uuid, NaiveDateTime)>,
) -> Result<CaseFileDto, StorageError> {
    let (_, stored) = tx
        .lock_case(id)?
        .ok_or_else(|| StorageError::NotFound(format!("case {id}")))?;
    let known = activity_ids(&stored);
    let before = stored.clone();
    let (file, handled) = change(stored)?;
    if file.id != id {
        return Err(StorageError::Invalid("a change moved the case".into()));
    }
    if file == before {
        // Recorded before (a retried answer): nothing is written again.
        return Ok(file);
    }
    let added = check_activity_ids(tx, &file, &known)?
        .map_err(|id| StorageError::Conflict(id_in_use(id)))?;
    write_case(tx, &file, holder(&file), &added)?;
    if let Some((by, at)) = handler {
        for (item, kind) in handled {
            let state = crate::handled_state(&kind)
                .ok_or_else(|| StorageError::Invalid(format!("an inbox item of kind {kind}")))?;
            tx.handle_inbox(item, kind.code(), state.code(), by, at)?;
        }
    }
    Ok(file)
}

/// Money taken at the door is booked once a payment of the case has its id:
/// from then on it is that payment (which the promise ledger counts), and
/// it stays booked whatever the back office sends later.
fn book_field_payments(file: &mut CaseFileDto) {
    for f in &mut file.field_payments {
        if f.state == sync_proto::FieldPaymentState::Booked {
            continue;
        }
        if let Some(p) = file.payments.iter().find(|p| p.id == f.id) {
            f.state = sync_proto::FieldPaymentState::Booked;
            f.booked_on = Some(p.paid_on);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backend::FeedRow;

    #[test]
    fn times_keep_whole_seconds() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_nano_opt(10, 0, 0, 999_999_999)
            .unwrap();
        assert_eq!(
            whole_seconds(t),
            t.date().and_hms_opt(10, 0, 0).unwrap(),
            "truncated, never rounded up"
        );
    }

    #[test]
    fn a_page_keeps_the_last_entry_per_id_in_the_order_of_those_entries() {
        let (a, b, r) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let rows = [
            (1, a, FeedOp::Upsert),
            (2, b, FeedOp::Upsert),
            (3, r, FeedOp::Review),
            (4, a, FeedOp::Remove),
            (5, b, FeedOp::Upsert),
        ]
        .map(|(seq, id, op)| FeedRow { seq, id, op });
        assert_eq!(
            last_per_id(&rows),
            [
                (r, FeedOp::Review),
                (a, FeedOp::Remove),
                (b, FeedOp::Upsert)
            ]
        );
    }
}
