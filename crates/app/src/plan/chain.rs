//! The working days from today on, planned in order (issue #17, 8: the
//! week preview and the day plan agree on a day). Each day is planned as
//! the day screen plans it (`day::plan_draft`) from the candidates the
//! days before it left, and never takes a case another day's saved plan
//! has. A day that has a plan keeps it as it is.
//!
//! The day plan of a date and the week preview's day of that date both
//! come from this chain over the same replica, so they are the same day:
//! the day plan of Wednesday plans Monday and Tuesday first (unless they
//! are saved) and leaves their cases to them, as the week preview does.

use super::candidates::{hours, Pool};
use super::day::plan_draft;
use super::draft::{blank, load_from, Draft};
use super::limit::PlanLimit;
use api::{CommandError, PlanParams};
use chrono::{Datelike, NaiveDate, Weekday};
use domain::hours::ContactHours;
use domain::CaseId;
use std::collections::{HashMap, HashSet};
use store::Store;

/// The working days (Monday to Friday, open for contact with the hours
/// of `params`) from `today` up to, not including, `until`.
pub(super) fn chain_days(
    today: NaiveDate,
    until: NaiveDate,
    params: &PlanParams,
    contact: &ContactHours,
) -> Vec<NaiveDate> {
    today
        .iter_days()
        .take_while(|d| *d < until)
        .filter(|d| is_working_day(*d, params, contact))
        .collect()
}

/// Monday to Friday, and the hours asked can be worked that day.
pub(super) fn is_working_day(day: NaiveDate, params: &PlanParams, contact: &ContactHours) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && hours(
            &PlanParams {
                date: day,
                ..params.clone()
            },
            contact,
        )
        .is_ok()
}

/// One day of the chain.
pub(super) struct ChainDay {
    /// The saved plan of the day, or the one planned now (not saved).
    pub draft: Draft,
    /// The day's candidates, which the draft is timed against.
    pub pool: Pool,
    /// Whether the draft is the day's saved plan.
    pub saved: bool,
}

pub(super) struct Chain {
    /// The current (newest) plan of each day from today on.
    saved: HashMap<NaiveDate, Draft>,
    /// The stops of the days the chain planned.
    planned: HashSet<CaseId>,
}

impl Chain {
    pub fn load(store: &Store, today: NaiveDate) -> Result<Chain, CommandError> {
        Ok(Chain {
            saved: load_from(store, today)?
                .into_iter()
                .map(|d| (d.date, d))
                .collect(),
            planned: HashSet::new(),
        })
    }

    /// The cases the other days have: the stops of every saved plan of
    /// another day and of every day planned so far.
    pub fn taken_by_others(&self, day: NaiveDate) -> HashSet<CaseId> {
        let mut taken = self.planned.clone();
        for (date, d) in &self.saved {
            if *date != day {
                taken.extend(d.stops.iter().map(|s| s.case));
            }
        }
        taken
    }

    /// The day of `params.date`, next in the chain: its saved plan, or
    /// planned now from what the other days leave (then its stops are
    /// taken for the days after it).
    pub fn plan(
        &mut self,
        store: &Store,
        params: &PlanParams,
        limit: &PlanLimit,
    ) -> Result<ChainDay, CommandError> {
        let pool = Pool::load(store, params)?;
        if let Some(d) = self.saved.get(&params.date) {
            return Ok(ChainDay {
                draft: d.clone(),
                pool,
                saved: true,
            });
        }
        let taken = self.taken_by_others(params.date);
        let draft = plan_draft(&pool, params, blank(params.date), &taken, limit)?;
        self.planned.extend(draft.stops.iter().map(|s| s.case));
        Ok(ChainDay {
            draft,
            pool,
            saved: false,
        })
    }
}
