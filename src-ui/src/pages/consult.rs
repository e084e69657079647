//! The consultation thread on the advisor's device (issue 12): the case
//! page's section "Konsultacja z biurem" (the thread with each message's
//! state and both times, the form with "Pilne", the unread badge) and the
//! "Wiadomości" page (every thread, unread first).

use crate::app::{DataVersion, Route};
use crate::components::photos::PhotoPicker;
use crate::components::ErrorBanner;
use crate::fmt;
use crate::i18n::{self, consult_texts, texts, Lang};
use crate::runner::Runner;
use ::api::{
    AskForm, AskOffice, CaseRequest, CommandError, GetThread, MessageAuthor, MessageState,
    MessageThreads, MessageView, ReadAnswers, ResendMessage, ResendRequest, ThreadPanel, ThreadRow,
};
use leptos::prelude::*;

/// One message: who, the text, its state, the device's and the server's
/// times.
#[component]
pub fn MessageItem(
    m: MessageView,
    #[prop(optional)] resend: Option<Callback<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let office = m.author != MessageAuthor::Advisor;
    let state = m.state;
    let id = m.id.clone();
    view! {
        <li class="card message" class:office=office class:unread={state == MessageState::Unread}
            data-state=format!("{state:?}") data-id=m.id.clone()>
            <p class="message-head">
                <strong>{move || i18n::message_author(lang.get(), m.author)} ": " {m.author_name.clone()}</strong>
                {m.urgent.then(|| view! { " " <span class="badge warn">{move || consult_texts(lang.get()).urgent}</span> })}
                " " <span class="badge message-state">{move || i18n::message_state(lang.get(), state)}</span>
            </p>
            <p class="message-text">{m.text.clone()}</p>
            {(m.photos > 0).then(|| view! {
                <p class="muted message-photos" data-count=m.photos.to_string()>
                    {move || consult_texts(lang.get()).photos} ": " {m.photos}
                </p>
            })}
            <p class="muted message-times">
                {move || consult_texts(lang.get()).written} " " {fmt::datetime(m.written_at)}
                {m.received_at.map(|r| view! { " · " {move || consult_texts(lang.get()).received} " " {fmt::datetime(r)} })}
            </p>
            {m.reason.clone().map(|r| view! { <p class="error">{r}</p> })}
            {(state == MessageState::Rejected).then(|| resend.map(|cb| {
                let id = id.clone();
                view! {
                    <button class="primary resend" on:click=move |_| cb.run(id.clone())>
                        {move || consult_texts(lang.get()).resend}
                    </button>
                }
            }))}
        </li>
    }
}

/// "Konsultacja z biurem" on the case page.
#[component]
pub fn ConsultSection(case_id: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let version = expect_context::<DataVersion>();
    let panel = RwSignal::new(None::<ThreadPanel>);
    let error = RwSignal::new(None::<CommandError>);
    let form_error = RwSignal::new(None::<CommandError>);
    let text = RwSignal::new(String::new());
    let urgent = RwSignal::new(false);
    let photos = RwSignal::new(Vec::<::api::PhotoDraft>::new());
    let saved = RwSignal::new(false);
    let load = Runner::new(error);
    let acting = Runner::new(error);
    let sending = Runner::new(form_error);
    let reload = RwSignal::new(0u32);
    let id = case_id.clone();
    Effect::new(move |_| {
        version.0.track();
        reload.track();
        load.run::<GetThread>(
            CaseRequest {
                case_id: id.clone(),
            },
            move |p| panel.set(Some(p)),
        );
    });
    let id = case_id.clone();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = AskForm {
            case_id: id.clone(),
            text: text.get_untracked(),
            urgent: urgent.get_untracked(),
            photos: photos.get_untracked(),
        };
        sending.run_or::<AskOffice>(
            req,
            move |_| {
                // The text goes only once it is saved; a refusal keeps it.
                text.set(String::new());
                urgent.set(false);
                photos.set(Vec::new());
                saved.set(true);
                reload.update(|n| *n += 1);
            },
            move |_| saved.set(false),
        );
    };
    let id = case_id.clone();
    let mark_read = move |_| {
        acting.run::<ReadAnswers>(
            CaseRequest {
                case_id: id.clone(),
            },
            move |p| panel.set(Some(p)),
        );
    };
    let resend = Callback::new(move |message_id: String| {
        acting.run::<ResendMessage>(ResendRequest { message_id }, move |_| {
            reload.update(|n| *n += 1);
        });
    });
    view! {
        <section class="card consult" id="consult">
            <h2>
                {move || consult_texts(lang.get()).title}
                {move || panel.get().filter(|p| p.unread > 0).map(|p| view! {
                    " " <span class="badge unread-badge" id="consult-unread">{p.unread} " " {consult_texts(lang.get()).unread_badge}</span>
                })}
            </h2>
            <ErrorBanner error=error />
            {move || {
                let c = consult_texts(lang.get());
                match panel.get() {
                    None => view! { <p class="muted">{texts(lang.get()).loading}</p> }.into_any(),
                    Some(p) if p.messages.is_empty() => view! { <p class="muted" id="consult-empty">{c.empty}</p> }.into_any(),
                    Some(p) => view! {
                        {(!p.open).then(|| view! {
                            <p class="note" id="consult-closed">
                                {c.closed}
                                {p.closed_by.clone().map(|b| format!(" ({b}"))}
                                {p.closed_at.map(|a| format!(", {})", fmt::datetime(a)))}
                            </p>
                        })}
                        <ul class="plain messages" id="consult-messages">
                            {p.messages.iter().cloned().map(|m| view! { <MessageItem m=m resend=resend /> }).collect_view()}
                        </ul>
                        {(p.unread > 0).then(|| view! {
                            <button class="wide" id="consult-read" on:click=mark_read.clone()
                                disabled=move || acting.pending()>{c.mark_read}</button>
                        })}
                    }.into_any(),
                }
            }}
            <form class="consult-form" on:submit=send>
                <textarea id="consult-text" rows="3"
                    placeholder=move || consult_texts(lang.get()).placeholder
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <label class="check">
                    <input type="checkbox" id="consult-urgent" prop:checked=move || urgent.get()
                        on:change=move |ev| urgent.set(event_target_checked(&ev)) />
                    {move || consult_texts(lang.get()).urgent}
                </label>
                <PhotoPicker photos=photos error=form_error name="consult" />
                {move || form_error.get().map(|e| view! { <p class="error" role="alert" id="consult-error">{i18n::error(lang.get(), &e)}</p> })}
                {move || saved.get().then(|| view! { <p class="ok" id="consult-saved">{consult_texts(lang.get()).queued_note}</p> })}
                <button id="consult-send" class="primary" type="submit" disabled=move || sending.pending()>
                    {move || consult_texts(lang.get()).send}
                </button>
            </form>
        </section>
    }
}

/// How many answers are unread on this device, for the nav button.
pub fn unread_total(rows: &[ThreadRow]) -> u32 {
    rows.iter().map(|r| r.unread).sum()
}

/// "Wiadomości": every thread of the advisor, unread first.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let version = expect_context::<DataVersion>();
    let rows = RwSignal::new(None::<Vec<ThreadRow>>);
    let error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(error);
    Effect::new(move |_| {
        version.0.track();
        load.run::<MessageThreads>((), move |r| rows.set(Some(r)));
    });
    view! {
        <section class="page messages-page" id="messages-page">
            <button class="back" on:click=move |_| route.set(Route::Cases)>{move || texts(lang.get()).back}</button>
            <h1>{move || consult_texts(lang.get()).messages}</h1>
            <ErrorBanner error=error />
            {move || {
                let c = consult_texts(lang.get());
                match rows.get() {
                    None => view! { <p class="muted">{texts(lang.get()).loading}</p> }.into_any(),
                    Some(r) if r.is_empty() => view! { <p class="muted">{c.no_threads}</p> }.into_any(),
                    Some(r) => view! {
                        <ul class="plain thread-list" id="thread-list">
                            {r.into_iter().map(|t| {
                                let id = t.case_id.clone();
                                view! {
                                    <li>
                                        <button class="card thread-row wide" class:unread={t.unread > 0}
                                            data-case=t.case_id.clone()
                                            on:click=move |_| route.set(Route::Case(id.clone()))>
                                            <strong>{t.case_number.clone()} " · " {t.debtor.clone()}</strong>
                                            {(t.unread > 0).then(|| view! { " " <span class="badge unread-badge">{t.unread} " " {c.unread_badge}</span> })}
                                            {(t.waiting > 0).then(|| view! { " " <span class="badge">{t.waiting} " " {c.waiting}</span> })}
                                            {t.urgent.then(|| view! { " " <span class="badge warn">{c.urgent}</span> })}
                                            {(!t.open).then(|| view! { " " <span class="badge">{c.closed}</span> })}
                                            <span class="muted thread-last">{t.last_text.clone()} " · " {fmt::datetime(t.last_at)}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            }}
        </section>
    }
}
