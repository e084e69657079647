//! The "Biuro" section "Wyszukiwarka" (issue #12): the portfolio search
//! while typing — debounced, and only the latest request's answer shown —,
//! rows with the case number, the debtor, the masked PESEL, the town, the
//! status and the balance in Polish formats, the count (capped by the
//! server) and pages. A row opens the case file ([`Route::OfficeCase`]).

use super::desk_texts::desk_texts;
use crate::app::Route;
use crate::components::{ErrorBanner, StatusBadge};
use crate::fmt;
use crate::i18n::Lang;
use crate::runner::Runner;
use ::api::{CommandError, DeskSearch, DeskSearchPage, DeskSearchQuery};
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;

/// Rows per page.
const PAGE: u32 = 20;
/// How long typing must pause before the search is sent.
const DEBOUNCE: Duration = Duration::from_millis(250);

thread_local! {
    /// The last search and page, so that coming back from a case file
    /// shows the same list (the UI runs on one thread).
    static LAST: RefCell<(String, u32)> = const { RefCell::new((String::new(), 0)) };
}

#[component]
pub fn SearchSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let (last_query, last_offset) = LAST.with(|l| l.borrow().clone());
    // What is in the box, and what was last sent (after the pause).
    let typed = RwSignal::new(last_query.clone());
    let query = RwSignal::new(last_query);
    let offset = RwSignal::new(last_offset);
    let page = RwSignal::new(None::<DeskSearchPage>);
    let error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(error).latest_only();
    let keystroke = StoredValue::new(0u64);

    Effect::new(move |_| {
        let q = DeskSearchQuery {
            query: query.get(),
            offset: offset.get(),
            limit: PAGE,
        };
        LAST.with(|l| *l.borrow_mut() = (q.query.clone(), q.offset));
        load.run::<DeskSearch>(q, move |p| {
            // An answer to a query no longer in the box is dropped too.
            if query.try_get_untracked().as_deref() == Some(p.query.as_str()) {
                page.set(Some(p));
            }
        });
    });
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        typed.set(v.clone());
        let n = keystroke.get_value() + 1;
        keystroke.set_value(n);
        set_timeout(
            move || {
                // Only the last keystroke's timer sends; a section left
                // meanwhile has disposed its values.
                if keystroke.try_get_value() == Some(n) {
                    offset.try_set(0);
                    query.try_set(v);
                }
            },
            DEBOUNCE,
        );
    };

    view! {
        <div class="office-section office-search" id="office-search">
            <h2>{move || desk_texts(lang.get()).search_title}</h2>
            <div class="filters desk-filters">
                <input
                    id="desk-search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || desk_texts(lang.get()).search_placeholder
                    aria-label=move || desk_texts(lang.get()).search_placeholder
                    prop:value=move || typed.get()
                    on:input=on_input
                />
            </div>
            <ErrorBanner error=error />
            {move || {
                let d = desk_texts(lang.get());
                let pending = load.pending();
                match page.get() {
                    _ if query.get().trim().is_empty() => {
                        view! { <p class="muted" id="desk-hint">{d.search_hint}</p> }.into_any()
                    }
                    None => view! { <p class="muted">{d.searching}</p> }.into_any(),
                    Some(p) if p.rows.is_empty() => {
                        view! { <p class="muted" id="desk-no-results">{d.no_results}</p> }.into_any()
                    }
                    Some(p) => {
                        let next = p.next_offset;
                        let count = if p.capped {
                            d.found_capped.replace("{n}", &p.total.to_string())
                        } else {
                            format!(
                                "{}: {} ({} {}–{})",
                                d.found,
                                p.total,
                                d.shown,
                                p.offset + 1,
                                p.offset + p.rows.len() as u32
                            )
                        };
                        view! {
                            <p class="muted count" id="desk-count" class:capped=p.capped class:stale=pending>{count}</p>
                            <div class="desk-head" aria-hidden="true">
                                <span>{d.col_number}</span>
                                <span>{d.col_name}</span>
                                <span>{d.col_pesel}</span>
                                <span>{d.col_town}</span>
                                <span>{d.col_status}</span>
                                <span class="amount">{d.col_outstanding}</span>
                            </div>
                            <ul class="case-list desk-list" id="desk-results">
                                {p.rows.into_iter().map(|r| {
                                    let id = r.case_id.clone();
                                    view! {
                                        <li>
                                            <button class="case-row desk-row" data-case-id=r.case_id.clone()
                                                on:click=move |_| route.set(Route::OfficeCase(id.clone()))>
                                                <span class="desk-number">{r.number.clone()}</span>
                                                <span class="name">{r.name.clone()}</span>
                                                <span class="desk-pesel">{r.pesel.clone()}</span>
                                                <span class="city">{r.town.clone()}</span>
                                                <span class="row-badges">
                                                    {match r.status {
                                                        Some(s) => view! { <StatusBadge status=s /> }.into_any(),
                                                        None => view! { <span class="badge">{d.unknown_status}</span> }.into_any(),
                                                    }}
                                                    {(!r.assigned).then(|| view! { <span class="badge muted">{d.not_assigned}</span> })}
                                                </span>
                                                <span class="amount">{fmt::pln(r.outstanding)}</span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <div class="pager">
                                {move || (offset.get() > 0).then(|| view! {
                                    <button id="desk-prev" on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>
                                        {desk_texts(lang.get()).previous_page}
                                    </button>
                                })}
                                {next.map(|n| view! {
                                    <button id="desk-next" on:click=move |_| offset.set(n)>{d.next_page}</button>
                                })}
                            </div>
                        }.into_any()
                    }
                }
            }}
        </div>
    }
}
