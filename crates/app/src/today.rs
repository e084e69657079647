//! "Dziś" (issue 17): today's planned stops in order with their times, the
//! next one (the first not visited today) marked, each with the client's
//! phone to call. Offline: the day plan and the case files on the device.

use crate::storage_error;
use api::{CommandError, PlanParams, TodayStop, TodayView};
use chrono::NaiveDateTime;
use domain::{ActivityKind, CaseId};
use store::Store;

/// Today's stops, from the day plan saved for today (timed with the
/// planning screen's defaults) and the cases' phones and visits.
pub fn today(store: &Store, now: NaiveDateTime) -> Result<TodayView, CommandError> {
    let date = now.date();
    crate::case_data_open(store, date)?;
    let Some(plan) = crate::plan::current_plan(store, &PlanParams::for_date(date))? else {
        return Ok(TodayView {
            date,
            planned: false,
            stops: Vec::new(),
            next: None,
        });
    };
    let mut stops = Vec::with_capacity(plan.stops.len());
    for s in plan.stops {
        let id: CaseId = s
            .case_id
            .parse()
            .map_err(|_| CommandError::invalid(api::Field::CaseId, api::Reason::MalformedId))?;
        let file = store.case_file(id).map_err(storage_error)?;
        let phone = file.as_ref().and_then(|f| {
            let good: Vec<_> = f
                .debtor
                .phones
                .iter()
                .filter(|p| p.mark.is_none())
                .collect();
            good.iter()
                .find(|p| p.primary)
                .or_else(|| good.first())
                .map(|p| p.number.clone())
        });
        let visited = file.as_ref().is_some_and(|f| {
            f.activities
                .iter()
                .any(|a| a.kind == ActivityKind::Visit && a.at.date() == date)
        });
        stops.push(TodayStop {
            address: format!("{}, {}", s.street, s.city),
            phone_display: phone.as_deref().map(domain::format::format_phone),
            phone,
            case_id: s.case_id,
            number: s.number,
            debtor_name: s.debtor_name,
            lat: s.lat,
            lon: s.lon,
            start: s.start,
            appointment: s.appointment,
            visited,
        });
    }
    let next = stops.iter().position(|s| !s.visited);
    Ok(TodayView {
        date,
        planned: true,
        stops,
        next,
    })
}
