//! "Wymaga uwagi": captured changes the server refused, with its reasons.

use crate::app::{DataVersion, Route};
use crate::components::ErrorBanner;
use crate::i18n::{texts, Lang};
use crate::runner::Runner;
use ::api::{AttentionItem, AttentionItems, CommandError};
use leptos::prelude::*;

#[component]
pub fn AttentionPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let version = expect_context::<DataVersion>();
    let items = RwSignal::new(None::<Vec<AttentionItem>>);
    let error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(error);
    Effect::new(move |_| {
        version.0.track();
        load.run::<AttentionItems>((), move |i| items.set(Some(i)));
    });
    view! {
        <section class="page attention">
            <button class="back" on:click=move |_| route.set(Route::Cases)>{move || texts(lang.get()).back}</button>
            <h1>{move || texts(lang.get()).attention_title}</h1>
            <ErrorBanner error=error />
            {move || {
                let t = texts(lang.get());
                match items.get() {
                    None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                    Some(i) if i.is_empty() => view! { <p class="muted">{t.attention_empty}</p> }.into_any(),
                    Some(i) => view! {
                        <ul class="plain attention-list">
                            {i.into_iter().map(|a| view! {
                                <li class="card">
                                    <strong>{crate::fmt::datetime(a.created_at)} " · " {a.kind}</strong>
                                    <p>{a.reason}</p>
                                    // A refused question keeps its text: sent again as it was.
                                    {a.message_id.map(|id| view! {
                                        <button class="primary resend" on:click=move |_| {
                                            let req = ::api::ResendRequest { message_id: id.clone() };
                                            load.run::<::api::ResendMessage>(req, move |_| version.bump());
                                        }>{crate::i18n::consult_texts(lang.get()).resend}</button>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            }}
        </section>
    }
}
