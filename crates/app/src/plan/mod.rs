//! The planning screen (issue #5): the day's candidates with their key-case
//! scores, the day and week plans, the advisor's edits and the submission
//! to the team lead.
//!
//! A plan is kept in the replica as a draft in its own form (`draft`: the
//! stops in order with their pins, the cases left out with why). Every
//! edit loads it, changes the order only as asked, recomputes the times
//! (`domain::route::time_route`) and runs the domain's checker: what the
//! checker finds is shown as a warning and the edit is kept. Planning
//! again keeps pinned stops at their positions (making room for them with
//! `domain::route::repair_order`) and the stops the advisor removed out of
//! the plan. Only submitting turns a draft into the wire
//! `sync_proto::PlanBody`.
//!
//! The planner is deterministic: a fixed seed and a budget of search steps
//! ([`PlanLimit`]); a wall-clock limit only stops it early on a slow device.
//!
//! The day plan of a date and the week preview's day of that date are the
//! same day: both plan the working days from today in order (`chain`),
//! each from what the days before it left. Only today and later days can
//! be planned (today from the app's clock).
//!
//! Modules: `candidates` (who can be visited, scored, and the planner's
//! visits), `chain` (the days from today planned in order), `draft` (the
//! stored draft), `timed` (a draft timed and checked), `views` (what the
//! screen shows), and one module per use case: `day`, `edit`, `submit`,
//! `week` (the preview and its day drafts).

mod candidates;
mod chain;
mod day;
mod draft;
mod edit;
mod limit;
mod submit;
mod timed;
mod views;
mod week;

pub use candidates::{candidates, DAY_CANDIDATES};
pub use day::{current_plan, open_plan, plan_day};
pub use edit::edit_plan;
pub use limit::PlanLimit;
pub use submit::submit_plan;
pub use week::{plan_week, save_week_drafts, working_days};

/// The planner's seed: the same replica and date give the same plan.
pub const SEED: u64 = 5;
