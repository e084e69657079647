//! Team leads' answers on the device (issues #4 and #5) and the offer policy
//! the server sent for this advisor.

use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDateTime;
use domain::hours::{ContactHours, DayHours};
use domain::offer::{Authority, DownPaymentRule, Policy, RateChange, ReferenceRates};
use domain::{CaseId, Money};
use rusqlite::{params, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Where an offer stands with the team lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferApproval {
    /// Saved beyond the advisor's authority; no answer yet.
    Pending,
    Approved,
    Rejected,
}

impl OfferApproval {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|x| x.code() == s)
    }
}

/// The approval state of one offer of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferReview {
    /// The offer's timeline entry (and mutation) id.
    pub offer_id: Uuid,
    pub case_id: CaseId,
    pub status: OfferApproval,
    pub comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
}

/// What a review is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    /// An offer (its mutation id) on a case.
    Offer { offer_id: Uuid, case_id: CaseId },
    /// A day plan (its id in `day_plan`).
    Plan { plan_id: Uuid },
}

/// A team lead's answer, as received with a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub about: Reviewed,
    /// True: approved; false: rejected (offer) or returned (plan).
    pub approved: bool,
    pub comment: Option<String>,
    pub reviewed_by: String,
    pub reviewed_at: NaiveDateTime,
}

/// Records that a captured offer waits for the team lead.
pub(crate) fn offer_pending(
    tx: &Transaction<'_>,
    offer_id: Uuid,
    case_id: CaseId,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO offer_review (offer_id, case_id, status) VALUES (?1, ?2, 'pending')
         ON CONFLICT(offer_id) DO NOTHING",
        params![offer_id.to_string(), case_id.to_string()],
    )?;
    Ok(())
}

/// Applies answers inside a download's transaction. An answer is final:
/// applying it again changes nothing. An answer the device had not had
/// before is kept as unseen (`unseen_decision`) until the advisor opens it.
pub(crate) fn apply_reviews(tx: &Transaction<'_>, reviews: &[Review]) -> Result<(), StoreError> {
    for r in reviews {
        let at = datetime(r.reviewed_at);
        let unseen = |about: Uuid, case: Option<CaseId>, day: Option<String>| {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO unseen_decision (about, case_id, plan_date, approved, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                about.to_string(),
                case.map(|c| c.to_string()),
                day,
                r.approved,
                at
            ])
            .map(|_| ())
        };
        match r.about {
            Reviewed::Offer { offer_id, case_id } => {
                let before: Option<String> = tx
                    .prepare_cached("SELECT status FROM offer_review WHERE offer_id = ?1")?
                    .query_row([offer_id.to_string()], |row| row.get(0))
                    .optional()?;
                if before.is_none_or(|s| s == OfferApproval::Pending.code()) {
                    unseen(offer_id, Some(case_id), None)?;
                }
                let status = if r.approved {
                    OfferApproval::Approved
                } else {
                    OfferApproval::Rejected
                };
                tx.prepare_cached(
                    "INSERT INTO offer_review (offer_id, case_id, status, comment, reviewed_by, reviewed_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(offer_id) DO UPDATE SET status = excluded.status,
                       comment = excluded.comment, reviewed_by = excluded.reviewed_by,
                       reviewed_at = excluded.reviewed_at",
                )?
                .execute(params![
                    offer_id.to_string(),
                    case_id.to_string(),
                    status.code(),
                    r.comment,
                    r.reviewed_by,
                    at
                ])?;
            }
            Reviewed::Plan { plan_id } => {
                let before: Option<(String, String)> = tx
                    .prepare_cached("SELECT status, plan_date FROM day_plan WHERE id = ?1")?
                    .query_row([plan_id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()?;
                if let Some((status, day)) = before {
                    if status != "approved" && status != "returned" {
                        unseen(plan_id, None, Some(day))?;
                    }
                }
                // A plan deleted on the device meanwhile has nothing to update.
                tx.prepare_cached(
                    "UPDATE day_plan SET status = ?2, review_comment = ?3, reviewed_by = ?4,
                       reviewed_at = ?5, updated_at = ?5
                     WHERE id = ?1",
                )?
                .execute(params![
                    plan_id.to_string(),
                    if r.approved { "approved" } else { "returned" },
                    r.comment,
                    r.reviewed_by,
                    at
                ])?;
            }
        }
    }
    Ok(())
}

fn dec(column: &'static str, s: &str) -> Result<Decimal, StoreError> {
    s.parse().map_err(|_| StoreError::Corrupt {
        column,
        value: s.to_owned(),
    })
}

fn count(column: &'static str, n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt {
        column,
        value: n.to_string(),
    })
}

/// A decision the advisor has not opened yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnseenDecision {
    /// The offer's or the plan's id.
    pub about: Uuid,
    /// An offer's case.
    pub case_id: Option<CaseId>,
    /// A plan's day.
    pub plan_date: Option<chrono::NaiveDate>,
    pub approved: bool,
    pub reviewed_at: NaiveDateTime,
}

impl Store {
    /// The decisions not opened yet, oldest first.
    pub fn unseen_decisions(&self) -> Result<Vec<UnseenDecision>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT about, case_id, plan_date, approved, reviewed_at FROM unseen_decision
             ORDER BY reviewed_at, about",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (about, case, day, approved, at) = row?;
            out.push(UnseenDecision {
                about: parse_uuid("unseen_decision.about", &about)?,
                case_id: case
                    .map(|c| parse_uuid("unseen_decision.case_id", &c).map(CaseId))
                    .transpose()?,
                plan_date: day
                    .map(|d| parse_date("unseen_decision.plan_date", &d))
                    .transpose()?,
                approved,
                reviewed_at: parse_datetime("unseen_decision.reviewed_at", &at)?,
            });
        }
        Ok(out)
    }

    /// The advisor opened these decisions: a case's, a day's plan's.
    pub fn see_decisions(
        &mut self,
        case: Option<CaseId>,
        plan_date: Option<chrono::NaiveDate>,
    ) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM unseen_decision WHERE (?1 IS NOT NULL AND case_id = ?1)
               OR (?2 IS NOT NULL AND plan_date = ?2)",
            params![
                case.map(|c| c.to_string()),
                plan_date.map(|d| d.to_string())
            ],
        )?)
    }
}

/// Stores the policy and authority the server sent, replacing the last,
/// with its table of reference rates (replacing the last table whole).
pub(crate) fn save_policy(
    tx: &Transaction<'_>,
    p: &Policy,
    a: &Authority,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR REPLACE INTO offer_policy (id, min_installment, max_term_months, max_discount,
           lump_sum_discount, lump_sum_days, down_payment_min_share, down_payment_due_within_days,
           first_installment_min_days, affordable_share, reference_rate, plan_interest_rate,
           late_interest_rate, max_pause_months, authority_discount_share,
           authority_discount_amount, authority_term_months, promise_grace_days)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            p.min_installment.grosze(),
            p.max_term_months,
            p.max_discount.to_string(),
            p.lump_sum_discount.to_string(),
            p.lump_sum_days,
            p.down_payment.min_share.to_string(),
            p.down_payment.due_within_days,
            p.first_installment_min_days,
            p.affordable_share.to_string(),
            // The legacy single rate: the latest decision's.
            p.reference_rates
                .changes()
                .last()
                .map_or(Decimal::ZERO, |c| c.rate)
                .to_string(),
            p.plan_interest_rate.map(|r| r.to_string()),
            p.late_interest_rate.map(|r| r.to_string()),
            p.max_pause_months,
            a.max_discount_share.to_string(),
            a.max_discount_amount.grosze(),
            a.max_term_months,
            p.promises.grace_days
        ],
    )?;
    tx.execute("DELETE FROM reference_rates", [])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO reference_rates (since, rate) VALUES (?1, ?2)")?;
    for c in p.reference_rates.changes() {
        insert.execute(params![c.from.to_string(), c.rate.to_string()])?;
    }
    tx.execute("DELETE FROM contact_hours", [])?;
    let mut insert = tx
        .prepare_cached("INSERT INTO contact_hours (weekday, opens, closes) VALUES (?1, ?2, ?3)")?;
    let h = &p.contact_hours;
    for (day, window) in h
        .weekdays
        .iter()
        .chain(std::iter::once(&h.saturday))
        .enumerate()
    {
        insert.execute(params![
            day as i64,
            window.map(|w| w.from.format("%H:%M:%S").to_string()),
            window.map(|w| w.until.format("%H:%M:%S").to_string()),
        ])?;
    }
    Ok(())
}

/// The contact hours stored with the policy; the domain's default when
/// none were ever stored.
fn contact_hours(conn: &rusqlite::Connection) -> Result<ContactHours, StoreError> {
    let mut st = conn.prepare_cached("SELECT weekday, opens, closes FROM contact_hours")?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Ok(ContactHours::default());
    }
    let time = |column: &'static str, t: &str| {
        chrono::NaiveTime::parse_from_str(t, "%H:%M:%S").map_err(|_| StoreError::Corrupt {
            column,
            value: t.to_owned(),
        })
    };
    let mut hours = ContactHours {
        weekdays: [None; 5],
        saturday: None,
    };
    for (day, opens, closes) in rows {
        let window = match (opens, closes) {
            (Some(o), Some(c)) => Some(DayHours {
                from: time("contact_hours.opens", &o)?,
                until: time("contact_hours.closes", &c)?,
            }),
            _ => None,
        };
        match day {
            0..=4 => hours.weekdays[day as usize] = window,
            5 => hours.saturday = window,
            d => {
                return Err(StoreError::Corrupt {
                    column: "contact_hours.weekday",
                    value: d.to_string(),
                })
            }
        }
    }
    Ok(hours)
}

impl Store {
    /// The table of reference rates the server last sent with the policy,
    /// as stored (unchecked: the policy's check refuses a bad one); the
    /// domain's seeded table when none was ever sent.
    pub fn reference_rates(&self) -> Result<ReferenceRates, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT since, rate FROM reference_rates ORDER BY since")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let changes = rows
            .map(|row| {
                let (since, rate) = row?;
                Ok(RateChange {
                    from: since.parse().map_err(|_| StoreError::Corrupt {
                        column: "reference_rates.since",
                        value: since.clone(),
                    })?,
                    rate: dec("reference_rates.rate", &rate)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(if changes.is_empty() {
            ReferenceRates::nbp()
        } else {
            ReferenceRates::from_changes(changes)
        })
    }
}

impl Store {
    /// The approval states of a case's offers that needed a team lead.
    pub fn offer_reviews(&self, case: CaseId) -> Result<Vec<OfferReview>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT offer_id, status, comment, reviewed_by, reviewed_at FROM offer_review
             WHERE case_id = ?1 ORDER BY offer_id",
        )?;
        let rows = st.query_map([case.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (id, status, comment, reviewed_by, reviewed_at) = row?;
            Ok(OfferReview {
                offer_id: parse_uuid("offer_review.offer_id", &id)?,
                case_id: case,
                status: code("offer_review.status", &status, OfferApproval::from_code)?,
                comment,
                reviewed_by,
                reviewed_at: reviewed_at
                    .map(|t| parse_datetime("offer_review.reviewed_at", &t))
                    .transpose()?,
            })
        })
        .collect()
    }

    /// The policy and authority the server last sent, if it ever did.
    pub fn offer_policy(&self) -> Result<Option<(Policy, Authority)>, StoreError> {
        type Row = (
            i64,
            i64,
            String,
            String,
            i64,
            String,
            i64,
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            i64,
            String,
            i64,
            i64,
            i64,
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT min_installment, max_term_months, max_discount, lump_sum_discount,
                   lump_sum_days, down_payment_min_share, down_payment_due_within_days,
                   first_installment_min_days, affordable_share, reference_rate,
                   plan_interest_rate, late_interest_rate, max_pause_months,
                   authority_discount_share, authority_discount_amount, authority_term_months,
                   promise_grace_days
                 FROM offer_policy WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                        r.get(11)?,
                        r.get(12)?,
                        r.get(13)?,
                        r.get(14)?,
                        r.get(15)?,
                        r.get(16)?,
                    ))
                },
            )
            .optional()?;
        let Some(r) = row else {
            return Ok(None);
        };
        let policy = Policy {
            min_installment: Money::from_grosze(r.0),
            max_term_months: count("offer_policy.max_term_months", r.1)?,
            max_discount: dec("offer_policy.max_discount", &r.2)?,
            lump_sum_discount: dec("offer_policy.lump_sum_discount", &r.3)?,
            lump_sum_days: count("offer_policy.lump_sum_days", r.4)?,
            down_payment: DownPaymentRule {
                min_share: dec("offer_policy.down_payment_min_share", &r.5)?,
                due_within_days: count("offer_policy.down_payment_due_within_days", r.6)?,
            },
            first_installment_min_days: count("offer_policy.first_installment_min_days", r.7)?,
            affordable_share: dec("offer_policy.affordable_share", &r.8)?,
            reference_rates: self.reference_rates()?,
            plan_interest_rate: r
                .10
                .map(|x| dec("offer_policy.plan_interest_rate", &x))
                .transpose()?,
            late_interest_rate: r
                .11
                .map(|x| dec("offer_policy.late_interest_rate", &x))
                .transpose()?,
            max_pause_months: count("offer_policy.max_pause_months", r.12)?,
            promises: domain::status::PromiseRules {
                grace_days: count("offer_policy.promise_grace_days", r.16)?,
            },
            contact_hours: contact_hours(&self.conn)?,
        };
        let authority = Authority {
            max_discount_share: dec("offer_policy.authority_discount_share", &r.13)?,
            max_discount_amount: Money::from_grosze(r.14),
            max_term_months: count("offer_policy.authority_term_months", r.15)?,
        };
        Ok(Some((policy, authority)))
    }
}
