//! Small pieces shared by the pages.

pub mod photos;

use crate::app::{DataVersion, Route};
use crate::i18n::{self, texts, Lang};
use crate::runner::run_quietly;
use ::api::{Flag, GetSyncStatus, Priority, Status, SyncNow, SyncStatus};
use leptos::prelude::*;

mod navigate;
pub use navigate::Navigate;

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

/// Applies a fresh status; bumps the data version when a sync finished.
fn apply_status(status: RwSignal<Option<SyncStatus>>, version: DataVersion, new: SyncStatus) {
    let before = status.get_untracked();
    let finished = before.as_ref().is_some_and(|b| b.running && !new.running);
    let synced = before
        .as_ref()
        .is_some_and(|b| b.last_sync != new.last_sync);
    status.set(Some(new));
    if finished || synced {
        version.bump();
    }
}

/// The sync bar's height, measured, into the page's `--syncbar-h`, so that
/// the page always keeps that much free below its last control.
fn reserve_bar_height() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(bar), Some(root)) = (doc.get_element_by_id("syncbar"), doc.document_element()) else {
        return;
    };
    let h = bar.get_bounding_client_rect().height().ceil();
    let style = format!("--syncbar-h: {h}px");
    if root.get_attribute("style").as_deref() != Some(style.as_str()) {
        let _ = root.set_attribute("style", &style);
    }
}

/// The one line the bar shows on a phone (issue #17): the state that
/// matters most, the details on tap.
fn summary(t: &i18n::Texts, l: Lang, s: &SyncStatus) -> (String, &'static str) {
    if s.running {
        return (format!("⟳ {} {}", t.syncing, s.received), "running");
    }
    if s.needs_attention > 0 {
        return (
            format!("⚠ {}: {}", t.needs_attention, s.needs_attention),
            "alert",
        );
    }
    if let Some(p) = &s.problem {
        return (format!("⚠ {}", i18n::sync_problem(l, p)), "problem");
    }
    if !s.decisions.is_empty() {
        return (
            format!("★ {}: {}", decision_texts(l).news, s.decisions.len()),
            "news",
        );
    }
    let when = match s.last_sync {
        Some(at) => crate::fmt::datetime(at),
        None => t.never_synced.to_owned(),
    };
    (format!("✓ {when} · {}: {}", t.waiting, s.pending), "ok")
}

/// The bar's words for the team lead's decisions (issue 17).
struct DecisionTexts {
    news: &'static str,
    show: &'static str,
}

fn decision_texts(l: Lang) -> DecisionTexts {
    match l {
        Lang::Pl => DecisionTexts {
            news: "Nowe decyzje kierownika",
            show: "Pokaż decyzję",
        },
        Lang::En => DecisionTexts {
            news: "New decisions of the team lead",
            show: "Show the decision",
        },
    }
}

/// A timeline line's kind: its icon and its name, coloured by kind (the
/// case page's timeline and the team lead's case history).
pub fn activity_kind(l: Lang, kind: ::api::ActivityKind) -> impl IntoView {
    view! {
        <span class=format!("kind kind-{kind:?}").to_lowercase()>
            <span class="icon" aria-hidden="true">{i18n::activity_icon(kind)}</span>
            " " {i18n::activity(l, kind)}
        </span>
    }
}

/// The sync status bar: last sync, waiting and refused items, the first
/// sync's progress, and the sync button. On a phone one line of at most
/// 48 px (the summary; the details on tap); its real height is kept free
/// below the page at every width.
#[component]
pub fn SyncBar() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let status = expect_context::<RwSignal<Option<SyncStatus>>>();
    let version = expect_context::<DataVersion>();
    let logged_out = expect_context::<RwSignal<Option<::api::LoggedOut>>>();
    let open = RwSignal::new(false);
    // "Wyloguj", for every role: the work stays, the login page says how
    // much.
    let logout = move |_| {
        run_quietly::<::api::Logout>((), move |out| {
            logged_out.set(Some(out));
            open.set(false);
            route.set(Route::Login);
            run_quietly::<GetSyncStatus>((), move |s| apply_status(status, version, s));
        })
    };
    let refresh =
        move || run_quietly::<GetSyncStatus>((), move |s| apply_status(status, version, s));
    refresh();
    set_interval(refresh, std::time::Duration::from_secs(2));
    // Measured after every change of the bar and of the window.
    Effect::new(move |_| {
        status.track();
        open.track();
        lang.track();
        request_animation_frame(reserve_bar_height);
    });
    let _resize = window_event_listener(leptos::ev::resize, move |_| reserve_bar_height());
    let sync = move |_| {
        status.update(|s| {
            if let Some(s) = s {
                s.running = true;
            }
        });
        run_quietly::<SyncNow>((), move |s| {
            apply_status(status, version, s);
            version.bump();
        });
    };
    view! {
        <footer class="syncbar" id="syncbar" class:open=move || open.get()>
            {move || {
                let t = texts(lang.get());
                let l = lang.get();
                let Some(s) = status.get() else { return view! { <span></span> }.into_any() };
                let logged_in = s.logged_in_as.is_some();
                let alert = s.needs_attention > 0;
                if logged_in && (s.team_lead || s.back_office) {
                    // A team lead's or the back office's device holds no
                    // cases: nothing to sync.
                    let live = if s.back_office { t.office_live } else { t.team_live };
                    return view! {
                        <div class="sync-facts live">
                            {s.logged_in_as.clone().map(|n| view! { <span class="who">{t.logged_in_as} ": " {n}</span> })}
                            <span id="team-live">{live}</span>
                            <button id="logout" class="linklike" on:click=logout>{crate::pages::login::session_texts(l).logout}</button>
                        </div>
                    }
                        .into_any();
                }
                let (line, state) = summary(t, l, &s);
                view! {
                    <button class="sync-summary" id="sync-summary" data-state=state
                        aria-expanded=move || open.get().to_string()
                        aria-controls="sync-facts"
                        on:click=move |_| open.update(|o| *o = !*o)>
                        <span class="sync-line">{line}</span>
                    </button>
                    <div class="sync-facts" id="sync-facts">
                        {s.logged_in_as.clone().map(|n| view! { <span class="who">{t.logged_in_as} ": " {n}</span> })}
                        {logged_in.then(|| view! {
                            <button id="logout" class="linklike" on:click=logout>{crate::pages::login::session_texts(l).logout}</button>
                        })}
                        <span id="last-sync">
                            {match s.last_sync {
                                Some(at) => format!("{}: {}", t.last_sync, crate::fmt::datetime(at)),
                                None => t.never_synced.to_owned(),
                            }}
                        </span>
                        <span>{t.waiting} ": " <strong id="pending">{s.pending}</strong></span>
                        <button
                            class="linklike"
                            class:alert=alert
                            on:click=move |_| route.set(Route::Attention)
                        >
                            {t.needs_attention} ": " <strong id="needs-attention">{s.needs_attention}</strong>
                        </button>
                        {s.running.then(|| view! {
                            <span class="progress" id="sync-progress">
                                <span class="bar"></span>
                                {t.received} ": " {s.received}
                            </span>
                        })}
                        {s.problem.as_ref().filter(|_| !s.running).map(|p| view! {
                            <span class="sync-problem" id="sync-problem">{i18n::sync_problem(l, p)}</span>
                        })}
                        {s.decisions.first().cloned().map(|d| {
                            let count = s.decisions.len();
                            // A case's decision opens the case (which marks
                            // it seen); a plan's opens the day plan.
                            let go = move |_| {
                                open.set(false);
                                match &d.case_id {
                                    Some(id) => route.set(Route::Case(id.clone())),
                                    None => route.set(Route::Plan),
                                }
                            };
                            view! {
                                <button id="sync-decisions" class="linklike news" data-count=count on:click=go>
                                    "★ " {decision_texts(l).show}
                                </button>
                            }
                        })}
                    </div>
                    {if logged_in {
                        view! {
                            <button id="sync-now" class="primary" disabled=s.running on:click=sync>
                                {if s.running { t.syncing } else { t.sync_now }}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button id="go-login" class="primary" on:click=move |_| route.set(Route::Login)>
                                {t.log_in}
                            </button>
                        }
                            .into_any()
                    }}
                }
                    .into_any()
            }}
        </footer>
    }
}
