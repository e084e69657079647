//! The week preview: five working days from the date asked, each the day
//! plan of its date (`chain`): planned in order from today, a day that has
//! a plan shown as it is. And the preview turned into day drafts.

use super::chain::{chain_days, Chain, ChainDay};
use super::day::refuse_past;
use super::limit::PlanLimit;
use super::timed::{time_and_save, time_draft};
use super::views::status_code;
use crate::IdSource;
use api::{
    CommandError, PlanDroppedView, PlanParams, WeekDaySkipped, WeekDayView, WeekDrafts,
    WeekPlanView, WeekSkip,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use store::Store;

/// The five working days (Monday to Friday) from `day` on.
pub fn working_days(day: NaiveDate) -> Vec<NaiveDate> {
    day.iter_days()
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(5)
        .collect()
}

/// The days of the week from `params.date`, planned by the chain from
/// `today`; and the working days that cannot be planned, with why.
struct Week {
    days: Vec<(NaiveDate, ChainDay)>,
    refused: Vec<WeekDaySkipped>,
}

fn week(
    store: &Store,
    today: NaiveDate,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<Week, CommandError> {
    refuse_past(params.date, today)?;
    super::candidates::work_hours(params)?;
    let contact = crate::offers::policy_in_force(store)?.0.contact_hours;
    // A public holiday is no working day: it is left out, and said.
    let mut shown = Vec::new();
    let mut refused = Vec::new();
    for date in working_days(params.date) {
        let asked = PlanParams {
            date,
            ..params.clone()
        };
        match super::candidates::hours(&asked, &contact) {
            Ok(_) => shown.push(date),
            Err(CommandError::Invalid { code, .. }) => refused.push(WeekDaySkipped {
                date,
                why: WeekSkip::Refused(code),
            }),
            Err(e) => return Err(e),
        }
    }
    let Some(&last) = shown.last() else {
        return Ok(Week {
            days: Vec::new(),
            refused,
        });
    };
    let mut chain = Chain::load(store, today)?;
    let mut days = Vec::new();
    for date in chain_days(today, last.succ_opt().unwrap_or(last), params, &contact) {
        let day = chain.plan(
            store,
            &PlanParams {
                date,
                ..params.clone()
            },
            limit,
        )?;
        if shown.contains(&date) {
            days.push((date, day));
        }
    }
    Ok(Week { days, refused })
}

/// The week preview of five working days from `params.date` (nothing is
/// saved). Each day is what the day plan of its date gives on the same
/// replica, so the advisor sees the same day on both screens. A date
/// before `today` (the app's clock) is refused.
pub fn plan_week(
    store: &Store,
    today: NaiveDate,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<WeekPlanView, CommandError> {
    let start = super::candidates::Pool::load(store, params)?.start;
    let week = week(store, today, params, limit)?;
    let mut views = Vec::new();
    for (date, day) in week.days {
        let asked = PlanParams {
            date,
            ..params.clone()
        };
        let by_id = day.pool.by_id();
        views.push(time_draft(&asked, &day.pool, &by_id, day.draft)?.view);
    }
    // Left out: the cases some day left out and no day of the week
    // visits, with the reason of the last day that left them out.
    let mut dropped: Vec<PlanDroppedView> = Vec::new();
    for v in &views {
        for d in &v.dropped {
            dropped.retain(|x| x.case_id != d.case_id);
            dropped.push(d.clone());
        }
    }
    dropped.retain(|d| {
        !views
            .iter()
            .any(|v| v.stops.iter().any(|s| s.case_id == d.case_id))
    });
    let days: Vec<WeekDayView> = views
        .into_iter()
        .map(|v| WeekDayView {
            date: v.date,
            departure: v.departure,
            end: v.end,
            drive_minutes: v.drive_minutes,
            stops: v.stops,
        })
        .collect();
    Ok(WeekPlanView {
        start,
        drive_minutes: days.iter().map(|d| d.drive_minutes).sum(),
        days,
        dropped,
    })
}

/// Saves the days of the week preview as day drafts: the day plan of each
/// working day that has no plan yet. A day with a plan (a draft, which
/// may hold the advisor's edits, or a plan sent, approved or returned) is
/// left as it is, and so is a day that cannot be planned; both are
/// listed with why.
pub fn save_week_drafts(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<WeekDrafts, CommandError> {
    let week = week(store, now.date(), params, limit)?;
    let mut saved = Vec::new();
    let mut skipped = week.refused;
    for (date, day) in week.days {
        if day.saved {
            skipped.push(WeekDaySkipped {
                date,
                why: WeekSkip::HasPlan(status_code(day.draft.status)),
            });
            continue;
        }
        let asked = PlanParams {
            date,
            ..params.clone()
        };
        let mut draft = day.draft;
        draft.id = ids.next_id();
        let by_id = day.pool.by_id();
        saved.push(time_and_save(store, now, &asked, &day.pool, &by_id, draft)?);
    }
    skipped.sort_by_key(|s| s.date);
    Ok(WeekDrafts { saved, skipped })
}
