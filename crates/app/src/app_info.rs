//! Facts for the app's header.

use crate::storage_error;
use api::{AppInfo, CommandError};
use chrono::NaiveDate;
use store::Store;

pub fn app_info(store: &Store, today: NaiveDate) -> Result<AppInfo, CommandError> {
    let advisors = store.advisors().map_err(storage_error)?;
    Ok(AppInfo {
        // A device replica holds one advisor's cases; the demo replica may
        // hold several, and then the first by name is shown.
        advisor_name: advisors.first().map(|a| a.name.clone()),
        case_count: store.case_count().map_err(storage_error)?,
        today,
        plan_date: crate::offers::policy_in_force(store)?
            .0
            .contact_hours
            .first_open_day(today),
    })
}
