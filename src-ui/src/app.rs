//! The app frame: header with the language switch, and the current page.

use crate::components::SyncBar;
use crate::i18n::{texts, Lang};
use crate::pages::{
    attention::AttentionPage, case_detail::CaseDetailPage, cases::CasesPage, login::LoginPage,
    offer::OfferPage, office::OfficePage, office::OfficeSection, plan::PlanPage, team::TeamPage,
    visit::VisitPage,
};
use crate::runner::run_quietly;
use ::api::{AppInfoCmd, Priority, Status, SyncStatus};
use leptos::prelude::*;

/// Where the advisor is.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Cases,
    Case(String),
    Login,
    Attention,
    Offer(String),
    /// The offer screen for an amendment: the case and the settlement of
    /// the agreement in force it amends.
    Amend(String, String),
    Plan,
    /// The team lead's page.
    Team,
    /// The visit report of a case.
    Visit(String),
    /// A visit report that corrects one saved before: the case and the
    /// report corrected.
    CorrectVisit(String, String),
    /// The back office's workspace "Biuro", at one of its sections.
    Office(OfficeSection),
    /// "Wiadomości": the advisor's consultation threads (issue 12).
    Messages,
    // #12 inbox: add below this line (branch inbox).
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    /// The back office's case file (issue #12), by case id.
    OfficeCase(String),
}

/// Bumped whenever a sync changed the replica, so pages reload.
#[derive(Debug, Clone, Copy)]
pub struct DataVersion(pub RwSignal<u64>);

impl DataVersion {
    pub fn bump(&self) {
        self.0.update(|v| *v += 1);
    }
}

/// The case list's filters, kept while the advisor looks at a case.
#[derive(Debug, Clone, Copy)]
pub struct ListState {
    pub text: RwSignal<String>,
    pub status: RwSignal<Option<Status>>,
    pub priority: RwSignal<Option<Priority>>,
    pub sort: RwSignal<::api::CaseSort>,
}

const LANG_KEY: &str = "partner.lang";

fn stored_lang() -> Lang {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    match stored.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Pl,
    }
}

fn store_lang(lang: Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Losing the preference is harmless: the app falls back to Polish.
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(stored_lang());
    let route = RwSignal::new(Route::Cases);
    let list = ListState {
        text: RwSignal::new(String::new()),
        status: RwSignal::new(None),
        priority: RwSignal::new(None),
        sort: RwSignal::new(::api::CaseSort::default()),
    };
    provide_context(lang);
    provide_context(route);
    provide_context(list);
    provide_context(DataVersion(RwSignal::new(0)));
    provide_context(RwSignal::new(None::<SyncStatus>));
    // What the last logout left on the device (the login page says it).
    provide_context(RwSignal::new(None::<::api::LoggedOut>));

    let advisor = RwSignal::new(None::<String>);
    let status = expect_context::<RwSignal<Option<SyncStatus>>>();
    let team_lead = move || status.get().is_some_and(|s| s.team_lead);
    let back_office = move || status.get().is_some_and(|s| s.back_office);
    let version = expect_context::<DataVersion>();
    Effect::new(move |_| {
        version.0.track();
        run_quietly::<AppInfoCmd>((), move |info| advisor.set(info.advisor_name));
    });
    // The advisor's unread answers, for the "Wiadomości" button.
    let unread = RwSignal::new(0u32);
    Effect::new(move |_| {
        version.0.track();
        route.track();
        if !team_lead() && !back_office() {
            run_quietly::<::api::MessageThreads>((), move |rows| {
                unread.set(crate::pages::consult::unread_total(&rows))
            });
        }
    });

    Effect::new(move |_| {
        let l = lang.get();
        store_lang(l);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", l.code());
        }
    });

    view! {
        <header class="topbar">
            <button class="brand" on:click=move |_| route.set(if back_office() {
                Route::Office(OfficeSection::Inbox)
            } else {
                Route::Cases
            })>
                {move || texts(lang.get()).app_title}
            </button>
            <span class="advisor">{move || advisor.get().unwrap_or_default()}</span>
            {move || (!team_lead() && !back_office()).then(|| view! {
                <button id="nav-plan" class="nav" class:active=move || route.get() == Route::Plan
                    on:click=move |_| route.set(Route::Plan)>
                    {move || texts(lang.get()).nav_plan}
                </button>
            })}
            {move || (!team_lead() && !back_office()).then(|| view! {
                <button id="nav-messages" class="nav" class:active=move || route.get() == Route::Messages
                    on:click=move |_| route.set(Route::Messages)>
                    {move || crate::i18n::consult_texts(lang.get()).messages}
                    {move || (unread.get() > 0).then(|| view! {
                        " " <span class="badge unread-badge" id="nav-unread">{unread.get()}</span>
                    })}
                </button>
            })}
            {move || team_lead().then(|| view! {
                <button id="nav-team" class="nav" class:active=move || route.get() == Route::Team
                    on:click=move |_| route.set(Route::Team)>
                    {move || texts(lang.get()).team}
                </button>
            })}
            {move || back_office().then(|| view! {
                <button id="nav-office" class="nav"
                    class:active=move || matches!(route.get(), Route::Office(_))
                    on:click=move |_| route.set(Route::Office(OfficeSection::Inbox))>
                    {move || texts(lang.get()).office}
                </button>
            })}
            {move || status.get().is_some_and(|s| s.pin_set && !s.locked).then(|| view! {
                <button id="lock-now" class="nav" on:click=move |_| {
                    crate::runner::run_quietly::<::api::LockNow>((), move |_| {
                        status.update(|s| {
                            if let Some(s) = s {
                                s.locked = true;
                            }
                        })
                    })
                }>
                    {move || crate::i18n::lock_texts(lang.get()).lock_now}
                </button>
            })}
            <div class="lang" role="group" aria-label=move || texts(lang.get()).language>
                <button
                    id="lang-pl"
                    class:active=move || lang.get() == Lang::Pl
                    on:click=move |_| lang.set(Lang::Pl)
                >
                    "PL"
                </button>
                <button
                    id="lang-en"
                    class:active=move || lang.get() == Lang::En
                    on:click=move |_| lang.set(Lang::En)
                >
                    "EN"
                </button>
            </div>
        </header>
        {move || status.get().is_some_and(|s| s.locked).then(|| view! { <crate::pages::lock::LockScreen /> })}
        <main>
            {move || match route.get() {
                Route::Cases => view! { <CasesPage /> }.into_any(),
                Route::Case(id) => view! { <CaseDetailPage id=id /> }.into_any(),
                Route::Login => view! { <LoginPage /> }.into_any(),
                Route::Attention => view! { <AttentionPage /> }.into_any(),
                Route::Offer(id) => view! { <OfferPage id=id /> }.into_any(),
                Route::Amend(id, amends) => view! { <OfferPage id=id amends=amends /> }.into_any(),
                Route::Plan => view! { <PlanPage /> }.into_any(),
                Route::Team => view! { <TeamPage /> }.into_any(),
                Route::Visit(id) => view! { <VisitPage id=id /> }.into_any(),
                Route::CorrectVisit(id, report) => {
                    view! { <VisitPage id=id corrects=report /> }.into_any()
                }
                Route::Office(section) => view! { <OfficePage section=section /> }.into_any(),
                Route::Messages => view! { <crate::pages::consult::MessagesPage /> }.into_any(),
                // #12 inbox: add below this line (branch inbox).
                // (the line between keeps the two branches' additions apart)
                // #12 desk: add below this line (branch desk).
                Route::OfficeCase(id) => {
                    view! { <crate::pages::office::case::OfficeCasePage id=id /> }.into_any()
                }
            }}
        </main>
        <SyncBar />
    }
}
