//! "Moje sprawy": the advisor's case list with search and filters.

use crate::app::{DataVersion, ListState, Route};
use crate::components::{ErrorBanner, Flags, PriorityBadge, StatusBadge};
use crate::fmt;
use crate::i18n::{self, texts, Lang};
use crate::runner::Runner;
use ::api::{CaseRow, CaseSort, CommandError, Priority, SearchCases, SearchRequest, Status};
use leptos::prelude::*;

fn status_from_value(v: &str) -> Option<Status> {
    Status::ALL.into_iter().find(|s| format!("{s:?}") == v)
}

fn sort_from_value(v: &str) -> CaseSort {
    CaseSort::ALL
        .into_iter()
        .find(|s| format!("{s:?}") == v)
        .unwrap_or_default()
}

/// The list's few texts of its own, Polish and English.
struct ListTexts {
    sort: &'static str,
    matched: &'static str,
    head_debtor: &'static str,
    head_place: &'static str,
    head_state: &'static str,
}

fn list_texts(lang: Lang) -> ListTexts {
    match lang {
        Lang::Pl => ListTexts {
            sort: "Sortuj",
            matched: "Znaleziono po",
            head_debtor: "Dłużnik · kwota",
            head_place: "Miejscowość · nr sprawy",
            head_state: "Priorytet · status",
        },
        Lang::En => ListTexts {
            sort: "Sort",
            matched: "Found by",
            head_debtor: "Debtor · amount",
            head_place: "Town · case number",
            head_state: "Priority · status",
        },
    }
}

fn priority_from_value(v: &str) -> Option<Priority> {
    [Priority::High, Priority::Normal, Priority::Low]
        .into_iter()
        .find(|p| format!("{p:?}") == v)
}

#[component]
pub fn CasesPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let list = expect_context::<ListState>();
    let rows = RwSignal::new(None::<Vec<CaseRow>>);
    let error = RwSignal::new(None::<CommandError>);
    // Answers can arrive out of order while the advisor types; only the
    // answer to the latest request is shown.
    let load = Runner::new(error).latest_only();
    let version = expect_context::<DataVersion>();
    // Unknown until the first status poll: taken as logged in.
    let status = expect_context::<RwSignal<Option<::api::SyncStatus>>>();
    let logged_in = move || status.get().is_none_or(|s| s.logged_in_as.is_some());
    let today_shown = Memo::new(move |_| status.get().is_some_and(|s| s.logged_in_as.is_some()));

    Effect::new(move |_| {
        version.0.track();
        let req = SearchRequest {
            text: list.text.get(),
            status: list.status.get(),
            priority: list.priority.get(),
            sort: list.sort.get(),
        };
        load.run::<SearchCases>(req, move |r| rows.set(Some(r)));
    });

    view! {
        <section class="page cases">
            <h1>{move || texts(lang.get()).my_cases}</h1>
            <crate::pages::lock::PinSetup />
            // A memo: the status poll every 2 s must not build "Dziś" again.
            {move || today_shown.get().then(|| view! { <crate::pages::today::TodaySection /> })}
            <div class="filters">
                <input
                    id="search"
                    type="search"
                    autocomplete="off"
                    placeholder=move || texts(lang.get()).search_placeholder
                    aria-label=move || texts(lang.get()).search_placeholder
                    prop:value=move || list.text.get()
                    on:input=move |ev| list.text.set(event_target_value(&ev))
                />
                <select
                    id="status-filter"
                    aria-label=move || texts(lang.get()).status
                    on:change=move |ev| list.status.set(status_from_value(&event_target_value(&ev)))
                >
                    <option value="" selected=move || list.status.get().is_none()>
                        {move || texts(lang.get()).all_statuses}
                    </option>
                    {Status::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=format!("{s:?}") selected=move || list.status.get() == Some(s)>
                                    {move || i18n::status(lang.get(), s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <select
                    id="priority-filter"
                    aria-label=move || texts(lang.get()).priority
                    on:change=move |ev| list.priority.set(priority_from_value(&event_target_value(&ev)))
                >
                    <option value="" selected=move || list.priority.get().is_none()>
                        {move || texts(lang.get()).all_priorities}
                    </option>
                    {[Priority::High, Priority::Normal, Priority::Low]
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option value=format!("{p:?}") selected=move || list.priority.get() == Some(p)>
                                    {move || i18n::priority(lang.get(), p)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <select
                    id="sort"
                    aria-label=move || list_texts(lang.get()).sort
                    on:change=move |ev| list.sort.set(sort_from_value(&event_target_value(&ev)))
                >
                    {CaseSort::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=format!("{s:?}") selected=move || list.sort.get() == s>
                                    {move || format!("{}: {}", list_texts(lang.get()).sort, i18n::case_sort(lang.get(), s))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <ErrorBanner error=error />
            {move || match rows.get() {
                None => view! { <p class="muted">{texts(lang.get()).loading}</p> }.into_any(),
                // Before the first login there is nothing to match: say how
                // to get the cases, not "no case matches".
                Some(r) if r.is_empty() && !logged_in() => view! {
                    <p class="note" id="no-cases" data-why="login">
                        {crate::pages::login::session_texts(lang.get()).log_in_first} " "
                        <button id="cases-log-in" class="primary" on:click=move |_| route.set(Route::Login)>
                            {texts(lang.get()).log_in}
                        </button>
                    </p>
                }.into_any(),
                Some(r) if r.is_empty() => view! { <p class="muted" id="no-cases">{texts(lang.get()).no_cases}</p> }.into_any(),
                Some(r) => {
                    let count = r.len();
                    view! {
                        <p class="muted count">{texts(lang.get()).cases_shown} ": " <span id="case-count">{count}</span></p>
                        <ul class="case-list">
                            <li class="case-head" aria-hidden="true">
                                <span>{list_texts(lang.get()).head_debtor}</span>
                                <span>{list_texts(lang.get()).head_place}</span>
                                <span>{list_texts(lang.get()).head_state}</span>
                            </li>
                            {r
                                .into_iter()
                                .map(|row| {
                                    let id = row.id.clone();
                                    view! {
                                        <li>
                                            <button
                                                class="case-row"
                                                data-case-id=row.id.clone()
                                                on:click=move |_| route.set(Route::Case(id.clone()))
                                            >
                                                <span class="row-main">
                                                    <span class="name">{row.debtor_name.clone()}</span>
                                                    <span class="amount">{fmt::pln(row.outstanding)}</span>
                                                </span>
                                                <span class="row-sub">
                                                    <span class="city">{row.city.clone()}</span>
                                                    <span class="number">{row.number.clone()}</span>
                                                </span>
                                                {(!row.matched.is_empty()).then(|| {
                                                    let l = lang.get();
                                                    let why = row
                                                        .matched
                                                        .iter()
                                                        .map(|m| format!("{} {}", i18n::match_kind(l, m.kind), m.text))
                                                        .collect::<Vec<_>>()
                                                        .join(" · ");
                                                    view! {
                                                        <span class="row-why">{list_texts(l).matched} ": " {why}</span>
                                                    }
                                                })}
                                                <span class="row-badges">
                                                    <PriorityBadge priority=row.priority />
                                                    <StatusBadge status=row.status />
                                                    <Flags flags=row.flags.clone() status=row.status />
                                                </span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
