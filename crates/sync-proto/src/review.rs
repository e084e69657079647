//! The team lead's review (issues #4 and #5): offers beyond an advisor's
//! authority and submitted day plans wait for a decision; the answers reach
//! the advisor's device with the download. Also the offer policy and the
//! advisor's authority limits, which the server sends with the advisor's
//! data.

use crate::{wire_code, MutationKind, OfferBody, PlanBody};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use domain::hours::{ContactHours, DayHours};
use domain::offer::{Authority, DownPaymentRule, Policy, RateChange, ReferenceRates};
use domain::status::PromiseRules;
use domain::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The wire strings of [`Decision`], for storage columns that hold them.
/// Code compares the enum, not these.
pub mod decisions {
    /// An offer or a plan accepted by the team lead.
    pub const APPROVED: &str = "approved";
    /// An offer refused (with a comment).
    pub const REJECTED: &str = "rejected";
    /// A plan sent back to the advisor to be changed (with a comment).
    pub const RETURNED: &str = "returned";
    /// Not decided yet.
    pub const PENDING: &str = "pending";
}

wire_code! {
    /// Where a request stands with the team lead: the team lead's answer,
    /// or pending.
    pub enum Decision {
        /// Not decided yet.
        Pending = decisions::PENDING,
        /// An offer or a plan accepted by the team lead.
        Approved = decisions::APPROVED,
        /// An offer refused (with a comment).
        Rejected = decisions::REJECTED,
        /// A plan sent back to the advisor to be changed (with a comment).
        Returned = decisions::RETURNED,
    }
}

/// A team lead's answer to one offer or plan, as the advisor's device
/// receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDto {
    /// The id of the mutation that submitted the offer or the plan.
    pub request_id: Uuid,
    /// The mutation kind: an offer or a plan.
    pub kind: MutationKind,
    /// The offer's case.
    pub case_id: Option<Uuid>,
    /// The plan's id on the device (`PlanBody::plan_id`).
    pub plan_id: Option<Uuid>,
    /// Approved, rejected (offers) or returned (plans).
    pub decision: Decision,
    pub comment: Option<String>,
    /// The team lead's name.
    pub reviewed_by: String,
    pub reviewed_at: NaiveDateTime,
}

/// Team lead: the team's offers awaiting approval (no body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TeamOffersRequest {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOffersResponse {
    /// Oldest first.
    pub offers: Vec<TeamOfferDto>,
}

/// An offer awaiting the team lead's approval, with what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOfferDto {
    pub request_id: Uuid,
    pub advisor_id: Uuid,
    pub advisor_name: String,
    pub submitted_at: NaiveDateTime,
    pub case_id: Uuid,
    pub case_number: String,
    pub debtor_name: String,
    pub city: String,
    /// What the debtor owes now (before the offer).
    pub outstanding: Decimal,
    /// The offer as the advisor made it (variant, totals, schedule, limits
    /// crossed in `approval`, the written reason).
    pub offer: OfferBody,
    pub status: Decision,
    /// The client's budget and whether the offer's heaviest month fits it,
    /// as the server's engine judges it with the advisor's policy (absent
    /// for an offer without its terms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affordability: Option<AffordabilityDto>,
    /// The case's latest timeline entries, newest first (at most
    /// [`TEAM_HISTORY_LINES`]): the history the lead decides beside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<crate::ActivityDto>,
}

/// How many of a case's latest timeline entries travel with an offer to
/// the team lead.
pub const TEAM_HISTORY_LINES: usize = 10;

wire_code! {
    /// Whether an offer fits the client's budget (`domain::offer::Verdict`).
    pub enum AffordabilityVerdict {
        Affordable = "affordable",
        NeedsReason = "needs_reason",
        Unaffordable = "unaffordable",
    }
}

/// The client's monthly budget and the affordability of an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffordabilityDto {
    pub income: Decimal,
    /// The essential expenses, added up.
    pub expenses: Decimal,
    /// Income less the expenses (negative when they are not covered).
    pub disposable: Decimal,
    /// The most an affordable month may ask (the policy's share).
    pub limit: Decimal,
    /// The heaviest month of the offer's schedule.
    pub payment: Decimal,
    /// `payment` as a share of `disposable`; none without disposable income.
    pub share: Option<Decimal>,
    pub verdict: AffordabilityVerdict,
}

impl AffordabilityDto {
    /// The affordability of `offer` for its client, judged by the domain
    /// (`domain::offer::Affordability`) with the policy's `share`; `None`
    /// for an offer without its terms or with terms out of range.
    pub fn of(offer: &OfferBody, share: Decimal) -> Option<AffordabilityDto> {
        use domain::offer::{heaviest_month, Affordability, Installment, Verdict};
        let inputs = offer.terms.as_ref()?.inputs().ok()?;
        let mut schedule: Vec<Installment> = offer
            .schedule
            .iter()
            .enumerate()
            .map(|(n, (due_on, amount))| Installment {
                number: u32::try_from(n).unwrap_or(u32::MAX),
                due_on: *due_on,
                amount: Money::new(*amount),
            })
            .collect();
        schedule.sort_by_key(|i| i.due_on);
        let budget = inputs.budget;
        let a = Affordability::assess(heaviest_month(&schedule), budget.disposable(), share);
        Some(AffordabilityDto {
            income: budget.income.amount(),
            expenses: budget.expenses.total().amount(),
            disposable: a.disposable.amount(),
            limit: a.limit.amount(),
            payment: a.payment.amount(),
            share: a.share,
            verdict: match a.verdict {
                Verdict::Affordable => AffordabilityVerdict::Affordable,
                Verdict::NeedsReason => AffordabilityVerdict::NeedsReason,
                Verdict::Unaffordable => AffordabilityVerdict::Unaffordable,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlansRequest {
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlansResponse {
    pub plans: Vec<TeamPlanDto>,
}

/// A day plan of an advisor of the team, with its review state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlanDto {
    pub request_id: Uuid,
    pub advisor_id: Uuid,
    pub advisor_name: String,
    pub submitted_at: NaiveDateTime,
    pub plan: PlanBody,
    /// The stops in order with what they are about.
    pub stops: Vec<TeamPlanStopDto>,
    pub status: Decision,
    pub comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPlanStopDto {
    pub case_id: Uuid,
    pub case_number: String,
    pub debtor_name: String,
    pub address: String,
    pub arrival: NaiveTime,
    pub departure: NaiveTime,
    /// Where the visit is, for the lead's sketch of the route (absent when
    /// the address has no position).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// Team lead: decide one request: approve, reject (offers) or return
/// (plans); rejecting and returning need a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecideRequest {
    pub request_id: Uuid,
    pub decision: DecideAction,
    pub comment: Option<String>,
}

wire_code! {
    /// What a team lead does with a request.
    pub enum DecideAction {
        Approve = "approve",
        /// Offers only.
        Reject = "reject",
        /// Plans only.
        Return = "return",
    }
}

/// The company's offer policy with the advisor's authority limits, as the
/// server sends them (amounts and shares as decimal strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferPolicyDto {
    pub min_installment: Decimal,
    pub max_term_months: u32,
    pub max_discount: Decimal,
    pub lump_sum_discount: Decimal,
    pub lump_sum_days: u32,
    pub down_payment_min_share: Decimal,
    pub down_payment_due_within_days: u32,
    pub first_installment_min_days: u32,
    pub affordable_share: Decimal,
    /// The NBP reference rate in force on the day the server sent the
    /// policy. Kept for older devices; the caps come from
    /// `reference_rates`.
    pub reference_rate: Decimal,
    pub plan_interest_rate: Option<Decimal>,
    pub late_interest_rate: Option<Decimal>,
    pub max_pause_months: u32,
    pub authority: AuthorityDto,
    /// The server's dated table of NBP reference rates, in date order: an
    /// offer is capped by the rate in force on its day. Empty from a server
    /// that does not send it (and in a stored per-advisor policy): the
    /// domain's seeded table (`ReferenceRates::nbp`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference_rates: Vec<ReferenceRateDto>,
    /// Days of grace after a promise's date (moved past days off) before
    /// an unpaid promise is broken; 3 from a server or a stored policy
    /// that does not say.
    #[serde(default = "default_grace_days")]
    pub promise_grace_days: u32,
    /// When the advisor may contact a client, per weekday (issue #14); the
    /// domain's default (Monday to Friday 8:00–20:00, Saturday with a
    /// reason) from a server or a stored policy that does not say.
    #[serde(default)]
    pub contact_hours: ContactHoursDto,
}

fn default_grace_days() -> u32 {
    PromiseRules::default().grace_days
}

/// One day's contact window ("08:00:00" to "20:00:00").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHoursDto {
    pub from: NaiveTime,
    pub until: NaiveTime,
}

/// The contact windows of a policy by weekday; a day without one (absent
/// or null) allows no contact. Sundays and public holidays never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactHoursDto {
    #[serde(default)]
    pub mon: Option<DayHoursDto>,
    #[serde(default)]
    pub tue: Option<DayHoursDto>,
    #[serde(default)]
    pub wed: Option<DayHoursDto>,
    #[serde(default)]
    pub thu: Option<DayHoursDto>,
    #[serde(default)]
    pub fri: Option<DayHoursDto>,
    /// Only with a written reason.
    #[serde(default)]
    pub sat: Option<DayHoursDto>,
}

impl Default for ContactHoursDto {
    fn default() -> Self {
        ContactHoursDto::of(&ContactHours::default())
    }
}

impl ContactHoursDto {
    pub fn of(h: &ContactHours) -> ContactHoursDto {
        let d = |w: Option<DayHours>| {
            w.map(|w| DayHoursDto {
                from: w.from,
                until: w.until,
            })
        };
        ContactHoursDto {
            mon: d(h.weekdays[0]),
            tue: d(h.weekdays[1]),
            wed: d(h.weekdays[2]),
            thu: d(h.weekdays[3]),
            fri: d(h.weekdays[4]),
            sat: d(h.saturday),
        }
    }

    pub fn hours(&self) -> ContactHours {
        let d = |w: Option<DayHoursDto>| {
            w.map(|w| DayHours {
                from: w.from,
                until: w.until,
            })
        };
        ContactHours {
            weekdays: [
                d(self.mon),
                d(self.tue),
                d(self.wed),
                d(self.thu),
                d(self.fri),
            ],
            saturday: d(self.sat),
        }
    }
}

/// One decision of the NBP reference rate: `rate` a year (decimal string,
/// "0.0375") from the day `since` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRateDto {
    pub since: NaiveDate,
    pub rate: Decimal,
}

impl ReferenceRateDto {
    pub fn change(&self) -> RateChange {
        RateChange {
            from: self.since,
            rate: self.rate,
        }
    }

    pub fn of(c: &RateChange) -> ReferenceRateDto {
        ReferenceRateDto {
            since: c.from,
            rate: c.rate,
        }
    }

    /// Why this cannot be a reference rate, if it cannot: the domain's
    /// check (a day from 1998 to 2099, a rate from 0 below 1 with at most
    /// four decimal places).
    pub fn check(&self) -> Result<(), String> {
        self.change().check().map_err(|e| e.to_string())
    }
}

/// The rows of a table as the wire carries them.
pub fn reference_rate_rows(t: &ReferenceRates) -> Vec<ReferenceRateDto> {
    t.changes().iter().map(ReferenceRateDto::of).collect()
}

/// What an advisor may agree without a team lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorityDto {
    pub max_discount_share: Decimal,
    pub max_discount_amount: Decimal,
    pub max_term_months: u32,
}

impl OfferPolicyDto {
    /// The company's standard policy and an advisor's standard authority:
    /// what the server seeds, and what a device uses until a server has
    /// sent the advisor's own.
    pub fn standard() -> OfferPolicyDto {
        OfferPolicyDto {
            min_installment: Decimal::new(50_00, 2),
            max_term_months: 36,
            max_discount: Decimal::new(50, 2),
            lump_sum_discount: Decimal::new(30, 2),
            lump_sum_days: 14,
            down_payment_min_share: Decimal::new(10, 2),
            down_payment_due_within_days: 7,
            first_installment_min_days: 14,
            affordable_share: Decimal::new(50, 2),
            // NBP reference rate in force; the statutory caps derive from it.
            reference_rate: Decimal::new(575, 4),
            plan_interest_rate: None,
            late_interest_rate: None,
            max_pause_months: 3,
            authority: AuthorityDto {
                max_discount_share: Decimal::new(25, 2),
                max_discount_amount: Decimal::new(2_000_00, 2),
                max_term_months: 24,
            },
            reference_rates: Vec::new(),
            promise_grace_days: default_grace_days(),
            contact_hours: ContactHoursDto::default(),
        }
    }

    /// The same policy under the server's table of reference rates, with
    /// the legacy single rate set to the one in force on `today` (for
    /// devices that only read that).
    pub fn with_reference_rates(
        mut self,
        rows: Vec<ReferenceRateDto>,
        today: NaiveDate,
    ) -> OfferPolicyDto {
        let table = ReferenceRates::from_changes(rows.iter().map(|r| r.change()).collect());
        if !rows.is_empty() {
            self.reference_rate = table.rate_on(today);
        }
        self.reference_rates = rows;
        self
    }

    /// The table of reference rates this policy is applied under: the
    /// rows sent, else the seeded NBP table.
    pub fn rates(&self) -> ReferenceRates {
        if self.reference_rates.is_empty() {
            ReferenceRates::nbp()
        } else {
            ReferenceRates::from_changes(self.reference_rates.iter().map(|r| r.change()).collect())
        }
    }

    /// Why these values cannot be a policy, if they cannot: the domain's
    /// one check of a policy (`Policy::validate`), after the amounts are
    /// checked to be złoty with grosze at most (a policy rounds them), and
    /// the authority's own limits.
    pub fn check(&self) -> Result<(), String> {
        let money = |name: &str, d: Decimal| {
            if domain::offer::input_amount(d).is_none() {
                Err(format!(
                    "{name} must be an amount in złoty (grosze at most)"
                ))
            } else {
                Ok(())
            }
        };
        money("min_installment", self.min_installment)?;
        money(
            "authority.max_discount_amount",
            self.authority.max_discount_amount,
        )?;
        if !(Decimal::ZERO..=Decimal::ONE).contains(&self.reference_rate) {
            return Err("reference_rate must be between 0 and 1".into());
        }
        // The table of reference rates is part of the policy: one that
        // fails its check is refused with it.
        self.policy()
            .validate()
            .map_err(|e| format!("{}: {e}", e.field().code()))?;
        let share = self.authority.max_discount_share;
        if share < Decimal::ZERO || share > Decimal::ONE {
            return Err("authority.max_discount_share must be between 0 and 1".into());
        }
        if self.authority.max_term_months > self.max_term_months {
            return Err("the authority's term cannot exceed the policy's maximum".into());
        }
        Ok(())
    }

    pub fn policy(&self) -> Policy {
        Policy {
            min_installment: Money::new(self.min_installment),
            max_term_months: self.max_term_months,
            max_discount: self.max_discount,
            lump_sum_discount: self.lump_sum_discount,
            lump_sum_days: self.lump_sum_days,
            down_payment: DownPaymentRule {
                min_share: self.down_payment_min_share,
                due_within_days: self.down_payment_due_within_days,
            },
            first_installment_min_days: self.first_installment_min_days,
            affordable_share: self.affordable_share,
            reference_rates: self.rates(),
            plan_interest_rate: self.plan_interest_rate,
            late_interest_rate: self.late_interest_rate,
            max_pause_months: self.max_pause_months,
            promises: PromiseRules {
                grace_days: self.promise_grace_days,
            },
            contact_hours: self.contact_hours.hours(),
        }
    }

    pub fn authority(&self) -> Authority {
        Authority {
            max_discount_share: self.authority.max_discount_share,
            max_discount_amount: Money::new(self.authority.max_discount_amount),
            max_term_months: self.authority.max_term_months,
        }
    }

    pub fn from_domain(p: &Policy, a: &Authority) -> OfferPolicyDto {
        OfferPolicyDto {
            min_installment: p.min_installment.amount(),
            max_term_months: p.max_term_months,
            max_discount: p.max_discount,
            lump_sum_discount: p.lump_sum_discount,
            lump_sum_days: p.lump_sum_days,
            down_payment_min_share: p.down_payment.min_share,
            down_payment_due_within_days: p.down_payment.due_within_days,
            first_installment_min_days: p.first_installment_min_days,
            affordable_share: p.affordable_share,
            // The latest decision's rate: what an older device, which only
            // reads this, should use from now on.
            reference_rate: p
                .reference_rates
                .changes()
                .last()
                .map_or(Decimal::ZERO, |c| c.rate),
            plan_interest_rate: p.plan_interest_rate,
            late_interest_rate: p.late_interest_rate,
            max_pause_months: p.max_pause_months,
            authority: AuthorityDto {
                max_discount_share: a.max_discount_share,
                max_discount_amount: a.max_discount_amount.amount(),
                max_term_months: a.max_term_months,
            },
            reference_rates: reference_rate_rows(&p.reference_rates),
            promise_grace_days: p.promises.grace_days,
            contact_hours: ContactHoursDto::of(&p.contact_hours),
        }
    }
}

/// An admin adds a decision of the NBP reference rate to the server's
/// table, or corrects the rate of a day already in it. Every advisor's
/// devices get the table with the next download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetReferenceRateRequest {
    pub since: NaiveDate,
    pub rate: Decimal,
}

/// The server's table of reference rates, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRatesResponse {
    pub rates: Vec<ReferenceRateDto>,
}

/// An admin sets an advisor's policy and authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetPolicyRequest {
    pub advisor_id: Uuid,
    pub policy: OfferPolicyDto,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OfferTermsDto, OfferVariant};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn day(m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, dd).unwrap()
    }

    /// Worked by hand: income 5 000,00 zł; housing 1 500, utilities 400,
    /// food 1 200, transport 300, other debts 600 — expenses 4 000,00,
    /// disposable 1 000,00; the policy's share 50 % → limit 500,00. The
    /// down payment 300,00 on 10.12 and the first installment 400,00 on
    /// 15.12 fall in one month: 700,00, above the limit but within the
    /// disposable income → "needs a reason", 70 % of it.
    #[test]
    fn the_team_lead_sees_the_budget_and_the_heaviest_month_judged() {
        let offer = OfferBody {
            variant: OfferVariant::Custom,
            total: d("2300.00"),
            down_payment: d("300.00"),
            installment: d("400.00"),
            term_months: 5,
            schedule: vec![
                (day(12, 10), d("300.00")),
                (day(12, 15), d("400.00")),
                (NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(), d("400.00")),
            ],
            approval: Vec::new(),
            reason: None,
            voluntary_only: false,
            summary: "x".into(),
            terms: Some(OfferTermsDto {
                offered_on: day(12, 1),
                income: d("5000.00"),
                housing: d("1500.00"),
                utilities: d("400.00"),
                food: d("1200.00"),
                transport: d("300.00"),
                dependants: d("0"),
                other_debts: d("600.00"),
                due_day: 15,
                custom_term: Some(5),
                custom_down_payment: d("300.00"),
            }),
            amends: None,
        };
        let a = AffordabilityDto::of(&offer, d("0.5")).unwrap();
        assert_eq!(a.income, d("5000.00"));
        assert_eq!(a.expenses, d("4000.00"));
        assert_eq!(a.disposable, d("1000.00"));
        assert_eq!(a.limit, d("500.00"));
        assert_eq!(a.payment, d("700.00"));
        assert_eq!(a.share, Some(d("0.7")));
        assert_eq!(a.verdict, AffordabilityVerdict::NeedsReason);
        // Within the share: 400,00 alone in a month is affordable.
        let mut lighter = offer.clone();
        lighter.schedule.remove(0);
        assert_eq!(
            AffordabilityDto::of(&lighter, d("0.5")).unwrap().verdict,
            AffordabilityVerdict::Affordable
        );
        // Without its terms the server cannot say.
        let mut bare = offer;
        bare.terms = None;
        assert_eq!(AffordabilityDto::of(&bare, d("0.5")), None);
    }
}
