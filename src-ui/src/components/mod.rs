//! Small pieces shared by the pages.

use crate::i18n::{self, Lang};
use ::api::{Flag, Priority, Status};
use leptos::prelude::*;

fn status_class(s: Status) -> &'static str {
    match s {
        Status::BrokenPromise => "badge status bad",
        Status::PromiseToPay | Status::SettlementSigned | Status::Paying => "badge status good",
        Status::Closed => "badge status muted",
        _ => "badge status",
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! { <span class=status_class(status) data-status=format!("{status:?}")>{move || i18n::status(lang.get(), status)}</span> }
}

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let class = match priority {
        Priority::High => "badge prio high",
        Priority::Normal => "badge prio normal",
        Priority::Low => "badge prio low",
    };
    view! { <span class=class>{move || i18n::priority(lang.get(), priority)}</span> }
}

/// The key-case flags; a flag that only repeats the status badge is left out.
#[component]
pub fn Flags(flags: Vec<Flag>, #[prop(optional)] status: Option<Status>) -> impl IntoView {
    let flags: Vec<Flag> = flags
        .into_iter()
        .filter(|f| !(status == Some(Status::BrokenPromise) && *f == Flag::BrokenPromise))
        .collect();
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <span class="flags">
            {flags
                .into_iter()
                .map(|f| {
                    let class = match f {
                        Flag::Vulnerable => "flag calm",
                        Flag::TimeBarred => "flag warn",
                        _ => "flag",
                    };
                    view! { <span class=class>{move || i18n::flag(lang.get(), f)}</span> }
                })
                .collect_view()}
        </span>
    }
}

#[component]
pub fn ErrorBanner(error: RwSignal<Option<::api::CommandError>>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error
            .get()
            .map(|e| view! { <div class="error" role="alert">{i18n::error(lang.get(), &e)}</div> })
    }
}
