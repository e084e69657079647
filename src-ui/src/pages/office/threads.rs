//! The "Biuro" section Konsultacje (issue 12): the paged list of the
//! consultation threads (urgent first, then unanswered, then the newest),
//! one thread opened (its questions become read by the office), the answer,
//! close and urgent. Online: every action is a call to the server.

use crate::components::ErrorBanner;
use crate::fmt;
use crate::i18n::{self, consult_texts, texts, Lang};
use crate::pages::consult::MessageItem;
use crate::runner::Runner;
use ::api::{
    CaseRequest, CommandError, OfficeAnswer, OfficeAnswerForm, OfficeClose, OfficeThread,
    OfficeThreadView, OfficeThreads, OfficeThreadsPage, OfficeThreadsQuery, OfficeUrgent,
    OfficeUrgentForm,
};
use leptos::prelude::*;

/// Threads per page.
const PAGE: u32 = 20;

#[component]
pub fn ThreadsSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    // A team lead (this section is also a tab of their page) may list,
    // read and answer, not close or mark.
    let status = expect_context::<RwSignal<Option<::api::SyncStatus>>>();
    let back_office = move || status.get().is_some_and(|s| s.back_office);
    let page = RwSignal::new(None::<OfficeThreadsPage>);
    let offset = RwSignal::new(0u32);
    let open = RwSignal::new(None::<OfficeThreadView>);
    let error = RwSignal::new(None::<CommandError>);
    let answer_error = RwSignal::new(None::<CommandError>);
    let answered = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let load = Runner::new(error).latest_only();
    let acting = Runner::new(error);
    let answering = Runner::new(answer_error);
    Effect::new(move |_| {
        reload.track();
        let q = OfficeThreadsQuery {
            offset: offset.get(),
            limit: PAGE,
        };
        load.run::<OfficeThreads>(q, move |p| page.set(Some(p)));
    });
    let open_thread = move |case_id: String| {
        answered.set(false);
        acting.run::<OfficeThread>(CaseRequest { case_id }, move |v| {
            open.set(Some(v));
            reload.update(|n| *n += 1);
        });
    };
    let shown = move |v: OfficeThreadView| {
        open.set(Some(v));
        reload.update(|n| *n += 1);
    };
    let answer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(v) = open.get_untracked() else {
            return;
        };
        let req = OfficeAnswerForm {
            case_id: v.case_id,
            text: text.get_untracked(),
        };
        answering.run_or::<OfficeAnswer>(
            req,
            move |v| {
                // The text goes only once the server took it.
                text.set(String::new());
                answered.set(true);
                shown(v);
            },
            move |_| answered.set(false),
        );
    };
    let close = move |_| {
        if let Some(v) = open.get_untracked() {
            acting.run::<OfficeClose>(CaseRequest { case_id: v.case_id }, shown);
        }
    };
    let toggle_urgent = move |_| {
        if let Some(v) = open.get_untracked() {
            let form = OfficeUrgentForm {
                case_id: v.case_id,
                urgent: !v.urgent,
            };
            acting.run::<OfficeUrgent>(form, shown);
        }
    };
    view! {
        <div class="office-section office-threads" id="office-threads">
            <h2>{move || consult_texts(lang.get()).office_title}</h2>
            <ErrorBanner error=error />
            <div class="threads-layout">
                <div class="threads-list">
                    {move || {
                        let c = consult_texts(lang.get());
                        match page.get() {
                            None => view! { <p class="muted">{texts(lang.get()).loading}</p> }.into_any(),
                            Some(p) if p.threads.is_empty() => view! { <p class="muted">{c.no_threads}</p> }.into_any(),
                            Some(p) => {
                                let next = p.next_offset;
                                view! {
                                    <ul class="plain thread-list" id="office-thread-list">
                                        {p.threads.into_iter().map(|t| {
                                            let id = t.case_id.clone();
                                            let selected = t.case_id.clone();
                                            view! {
                                                <li>
                                                    <button class="card thread-row wide" data-case=t.case_id.clone()
                                                        class:urgent=t.urgent class:unanswered=t.unanswered
                                                        class:active=move || open.get().is_some_and(|v| v.case_id == selected)
                                                        on:click=move |_| open_thread(id.clone())>
                                                        <strong>{t.case_number.clone()} " · " {t.debtor.clone()}</strong>
                                                        {t.urgent.then(|| view! { " " <span class="badge warn">{c.urgent}</span> })}
                                                        {t.unanswered.then(|| view! { " " <span class="badge">{c.unanswered}</span> })}
                                                        {(!t.open).then(|| view! { " " <span class="badge">{c.closed}</span> })}
                                                        <span class="muted">{c.advisor} ": " {t.advisor_name.clone()}</span>
                                                        <span class="muted thread-last">{t.last_text.clone()} " · " {fmt::datetime(t.last_at)}</span>
                                                    </button>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <div class="pager">
                                        {move || (offset.get() > 0).then(|| view! {
                                            <button on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>
                                                {texts(lang.get()).back}
                                            </button>
                                        })}
                                        {next.map(|n| view! {
                                            <button id="threads-next" on:click=move |_| offset.set(n)>{c.more}</button>
                                        })}
                                    </div>
                                }.into_any()
                            }
                        }
                    }}
                </div>
                {move || open.get().map(|v| {
                    let c = consult_texts(lang.get());
                    view! {
                        <div class="card thread-open" id="office-thread" data-case=v.case_id.clone()>
                            <h3>{v.case_number.clone()} " · " {v.debtor.clone()}</h3>
                            {(!v.open).then(|| view! {
                                <p class="note" id="office-thread-closed">
                                    {c.closed}
                                    {v.closed_by.clone().map(|b| format!(" ({b}"))}
                                    {v.closed_at.map(|a| format!(", {})", fmt::datetime(a)))}
                                </p>
                            })}
                            <ul class="plain messages">
                                {v.messages.iter().cloned().map(|m| view! { <MessageItem m=m /> }).collect_view()}
                            </ul>
                            {v.open.then(|| view! {
                                <form class="consult-form" on:submit=answer>
                                    <textarea id="office-answer-text" rows="3"
                                        placeholder=c.answer_placeholder
                                        prop:value=move || text.get()
                                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                    {move || answer_error.get().map(|e| view! { <p class="error" role="alert">{i18n::error(lang.get(), &e)}</p> })}
                                    <button id="office-answer" class="primary" type="submit" disabled=move || answering.pending()>{c.answer}</button>
                                </form>
                                {move || back_office().then(|| view! {
                                    <div class="actions">
                                        <button id="office-urgent" on:click=toggle_urgent disabled=move || acting.pending()>
                                            {if v.urgent { c.unmark_urgent } else { c.mark_urgent }}
                                        </button>
                                        <button id="office-close" on:click=close disabled=move || acting.pending()>{c.close}</button>
                                    </div>
                                })}
                            })}
                            {move || answered.get().then(|| view! { <p class="ok" id="office-answered">{consult_texts(lang.get()).answered}</p> })}
                        </div>
                    }
                })}
            </div>
        </div>
    }
}
