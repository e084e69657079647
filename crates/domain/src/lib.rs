//! Pure domain rules of Partner: money in PLN, the case and everything about it
//! (debtor, debts and their components, payments, promises, timeline, contact
//! data), validation of Polish identifiers, Polish formatting and the case
//! workflow state machine, the key-case score and visit planning (routes).
//!
//! This crate must not know about I/O of any kind: no database, no network, no
//! UI, no clock, no randomness, no async and no serde on entities. Today's date
//! and new ids are always passed in by the caller; the route planner's only
//! randomness is a generator seeded by the caller, and its time budget is a
//! closure the caller injects.

pub mod breathing;
pub mod calendar;
pub mod closure;
pub mod contact;
pub mod format;
pub mod guard;
pub mod hours;
pub mod identity;
pub mod ids;
pub mod ledger;
pub mod limitation;
pub mod lock;
pub mod message;
pub mod model;
pub mod money;
pub mod offer;
pub mod priority;
pub mod route;
pub mod search;
pub mod stale;
pub mod status;
pub mod validate;
pub mod visit;
pub mod words;

pub use ids::*;
pub use model::*;
pub use money::Money;
pub use status::{Actor, CaseStatus, TransitionError};

#[cfg(test)]
mod status_tests;
