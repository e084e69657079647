//! "Biuro": the back office's workspace (issue #12). Online, desktop first
//! and usable on a tablet: one tab per section, each section in its own
//! file. Like the team lead's page, every list and decision is a call to the
//! server; the back office's device holds no cases.

pub mod case;
mod desk_texts;
mod devices;
mod inbox;
mod inbox_texts;
mod search;
pub mod threads;

use crate::app::Route;
use crate::i18n::{texts, Lang, Texts};
use crate::runner::run_quietly;
use ::api::{InboxQuery, InboxStateCode, OfficeInbox};
use leptos::prelude::*;

/// The count of new inbox items on the "Skrzynka" tab: the inbox section
/// bumps `refresh` after each action, and the tab asks the server again.
#[derive(Debug, Clone, Copy)]
pub struct InboxTab {
    pub refresh: RwSignal<u32>,
}

/// The sections of "Biuro", in the order of its navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeSection {
    /// Everything the field sent, newest first.
    Inbox,
    /// Case search across the whole portfolio.
    Search,
    /// Devices and users.
    Devices,
    /// The consultation threads (issue 12).
    Threads,
}

impl OfficeSection {
    /// Every section, in the order of the navigation.
    pub const ALL: [OfficeSection; 4] = [
        OfficeSection::Inbox,
        OfficeSection::Search,
        OfficeSection::Devices,
        OfficeSection::Threads,
    ];

    /// The element id of the section's tab (for tests and labels).
    pub fn tab_id(self) -> &'static str {
        match self {
            OfficeSection::Inbox => "office-tab-inbox",
            OfficeSection::Search => "office-tab-search",
            OfficeSection::Devices => "office-tab-devices",
            OfficeSection::Threads => "office-tab-threads",
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            OfficeSection::Inbox => t.office_inbox,
            OfficeSection::Search => t.office_search,
            OfficeSection::Devices => t.office_devices,
            OfficeSection::Threads => t.office_threads,
        }
    }
}

#[component]
pub fn OfficePage(section: OfficeSection) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let tab = InboxTab {
        refresh: RwSignal::new(0),
    };
    provide_context(tab);
    // The new items per kind, in `InboxKindCode::ALL`'s order.
    let new_items = RwSignal::new(None::<::api::InboxPage>);
    Effect::new(move |_| {
        tab.refresh.track();
        let q = InboxQuery {
            kind: None,
            state: Some(InboxStateCode::New),
            advisor: None,
            from: None,
            to: None,
            after: None,
            limit: 1,
        };
        run_quietly::<OfficeInbox>(q, move |p| new_items.set(Some(p)));
    });
    let badge = move |s: OfficeSection| {
        (s == OfficeSection::Inbox)
            .then(|| new_items.get())
            .flatten()
            .filter(|p| p.total() > 0)
            .map(|p| {
                let l = lang.get();
                let per_kind = p
                    .counts
                    .iter()
                    .filter(|c| c.count > 0)
                    .map(|c| format!("{}: {}", ::api::inbox_kind(l, c.kind), c.count))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    " " <span class="badge unread-badge" id="office-inbox-new" title=per_kind>{p.total()}</span>
                }
            })
    };
    view! {
        <section class="page office" id="office-page">
            <h1>{move || texts(lang.get()).office}</h1>
            <nav class="tabs" role="tablist" id="office-nav">
                {OfficeSection::ALL
                    .into_iter()
                    .map(|s| view! {
                        <button id=s.tab_id() role="tab" class:active=move || s == section
                            aria-selected=move || (s == section).to_string()
                            on:click=move |_| route.set(Route::Office(s))>
                            {move || s.label(texts(lang.get()))}
                            {move || badge(s)}
                        </button>
                    })
                    .collect_view()}
            </nav>
            {match section {
                OfficeSection::Inbox => view! { <inbox::InboxSection /> }.into_any(),
                OfficeSection::Search => view! { <search::SearchSection /> }.into_any(),
                OfficeSection::Devices => view! { <devices::DevicesSection /> }.into_any(),
                OfficeSection::Threads => view! { <threads::ThreadsSection /> }.into_any(),
            }}
        </section>
    }
}
