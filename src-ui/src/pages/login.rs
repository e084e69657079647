//! Logging the device in to the server.

use crate::app::{DataVersion, Route};
use crate::i18n::{self, texts, Lang};
use ::api::{CommandError, LoggedOut, Login, LoginRequest, SyncNow, SyncProblem, SyncStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The session's words (issue #17): logging out, an unreachable server, the
/// empty list before a login.
pub struct SessionTexts {
    pub logout: &'static str,
    pub logged_out: &'static str,
    pub unsynced_kept: &'static str,
    pub nothing_unsynced: &'static str,
    pub cannot_reach: &'static str,
    pub log_in_first: &'static str,
}

const PL: SessionTexts = SessionTexts {
    logout: "Wyloguj",
    logged_out: "Wylogowano.",
    unsynced_kept:
        "Niewysłane zmiany zostają na urządzeniu i zostaną wysłane po ponownym zalogowaniu",
    nothing_unsynced: "Wszystkie zmiany zostały wysłane.",
    cannot_reach: "Nie można połączyć się z serwerem: sprawdź adres serwera i połączenie z siecią.",
    log_in_first: "Zaloguj się, aby pobrać swoje sprawy.",
};

const EN: SessionTexts = SessionTexts {
    logout: "Log out",
    logged_out: "Logged out.",
    unsynced_kept: "Changes not yet sent stay on this device and are sent after the next login",
    nothing_unsynced: "Every change was sent.",
    cannot_reach: "Cannot reach the server: check the server's address and the network.",
    log_in_first: "Log in to download your cases.",
};

pub fn session_texts(lang: Lang) -> &'static SessionTexts {
    match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
    }
}

/// The notice after a logout: what stayed on the device.
pub fn logged_out_notice(lang: Lang, out: &LoggedOut) -> String {
    let t = session_texts(lang);
    if out.unsynced == 0 {
        format!("{} {}", t.logged_out, t.nothing_unsynced)
    } else {
        format!("{} {}: {}.", t.logged_out, t.unsynced_kept, out.unsynced)
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let status = expect_context::<RwSignal<Option<SyncStatus>>>();
    let version = expect_context::<DataVersion>();
    let server = RwSignal::new(
        status
            .get_untracked()
            .and_then(|s| s.server)
            .unwrap_or_else(|| "http://127.0.0.1:8787".to_owned()),
    );
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Set by "Wyloguj"; shown until the next login.
    let logged_out = expect_context::<RwSignal<Option<LoggedOut>>>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        message.set(None);
        let req = LoginRequest {
            server: server.get_untracked(),
            login: login.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            let l = lang.get_untracked();
            match crate::api::call::<Login>(&req).await {
                Ok(s) if s.logged_in_as.is_some() && s.problem.is_none() => {
                    // A team lead goes to the team's page, the back office
                    // to "Biuro"; an advisor to the cases.
                    logged_out.set(None);
                    route.set(if s.team_lead {
                        Route::Team
                    } else if s.back_office {
                        Route::Office(crate::pages::office::OfficeSection::Inbox)
                    } else {
                        Route::Cases
                    });
                    status.set(Some(s));
                    if let Ok(s) = crate::api::call::<SyncNow>(&()).await {
                        status.set(Some(s));
                    }
                    version.bump();
                }
                Ok(s) => message.set(Some(match s.problem {
                    Some(SyncProblem::LoginRequired) | None => {
                        texts(l).wrong_credentials.to_owned()
                    }
                    // Not "working offline": there is nothing to work on
                    // until the first login reaches the server.
                    Some(SyncProblem::Offline) => session_texts(l).cannot_reach.to_owned(),
                    Some(p) => i18n::sync_problem(l, &p),
                })),
                Err(CommandError::Offline) => {
                    message.set(Some(session_texts(l).cannot_reach.to_owned()))
                }
                // A malformed address, an empty login: said as what it is.
                Err(e) => message.set(Some(i18n::error(l, &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page login">
            <h1>{move || texts(lang.get()).login_title}</h1>
            {move || logged_out.get().map(|out| view! {
                <p class="note" id="logged-out" role="status">{logged_out_notice(lang.get(), &out)}</p>
            })}
            <form on:submit=submit class="form">
                <label>
                    {move || texts(lang.get()).server_address}
                    // Not type="url": the WebView would block the form in
                    // its own words; the app says what is wrong, in Polish.
                    <input id="server" type="text" inputmode="url" autocomplete="url" autocapitalize="off" spellcheck="false" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev)) />
                </label>
                <label>
                    {move || texts(lang.get()).login_name}
                    <input id="login" autocomplete="username" prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
                </label>
                <label>
                    {move || texts(lang.get()).password}
                    <input id="password" type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                </label>
                {move || message.get().map(|m| view! { <div class="error" role="alert" id="login-error">{m}</div> })}
                <button id="login-submit" class="primary" type="submit" disabled=move || busy.get()>
                    {move || texts(lang.get()).log_in}
                </button>
            </form>
        </section>
    }
}
