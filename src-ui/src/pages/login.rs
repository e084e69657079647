//! Logging the device in to the server.

use crate::app::{DataVersion, Route};
use crate::i18n::{self, texts, Lang};
use ::api::{CommandError, Login, LoginRequest, SyncNow, SyncProblem, SyncStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

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
                    Some(p) => i18n::sync_problem(l, &p),
                })),
                Err(CommandError::Invalid { field, .. }) => message.set(Some(format!(
                    "{}: {}",
                    texts(l).wrong_credentials,
                    i18n::field(l, field)
                ))),
                Err(e) => message.set(Some(i18n::error(l, &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="page login">
            <h1>{move || texts(lang.get()).login_title}</h1>
            <form on:submit=submit class="form">
                <label>
                    {move || texts(lang.get()).server_address}
                    <input id="server" type="url" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev)) />
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
