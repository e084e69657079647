//! The back office's case file (issue #12, [`Route::OfficeCase`]): the
//! debtor, the debts and the balance, the status, what the field sent and
//! the timeline, as the server holds them; "Zamknij sprawę" with a reason
//! (a note required for "inny powód", the error beside its field) and
//! "Otwórz ponownie" on a closed case. A case decided meanwhile (409) says
//! so in words and shows its current state.

use super::desk_texts::{desk_texts, DeskTexts};
use super::OfficeSection;
use crate::app::Route;
use crate::components::{ErrorBanner, StatusBadge};
use crate::fmt;
use crate::i18n::{self, texts, Lang};
use crate::runner::Runner;
use ::api::{
    close_reason, CaseRequest, CloseForm, CloseReasonCode, CommandError, DeskCase, DeskCaseView,
    DeskClose, DeskReopen, Field, Status,
};
use leptos::prelude::*;

/// The reason of a `<select>` value (the variant's name), `None` for the
/// placeholder.
fn reason_of_value(v: &str) -> Option<CloseReasonCode> {
    CloseReasonCode::ALL
        .into_iter()
        .find(|r| format!("{r:?}") == v)
}

/// What the last decision answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Closed,
    Reopened,
}

/// Whether a failed decision belongs to `field` (shown beside it).
fn on_field(e: &Option<CommandError>, field: Field) -> bool {
    matches!(e, Some(CommandError::Invalid { field: f, .. }) if *f == field)
}

fn decision_error(d: &DeskTexts, l: Lang, e: &CommandError, closing: bool) -> String {
    match e {
        CommandError::AlreadyDecided { .. } if closing => d.already_closed.into(),
        CommandError::AlreadyDecided { .. } => d.already_open.into(),
        other => i18n::error(l, other),
    }
}

#[component]
pub fn OfficeCasePage(id: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let case = RwSignal::new(None::<DeskCaseView>);
    let error = RwSignal::new(None::<CommandError>);
    let decide_error = RwSignal::new(None::<CommandError>);
    let reason = RwSignal::new(None::<CloseReasonCode>);
    let note = RwSignal::new(String::new());
    let done = RwSignal::new(None::<Done>);
    // Whether the last failed decision was a close (else a reopen).
    let closing = RwSignal::new(true);
    let reload = RwSignal::new(0u32);
    let load = Runner::new(error).latest_only();
    let deciding = Runner::new(decide_error);
    let case_id = StoredValue::new(id);
    Effect::new(move |_| {
        reload.track();
        let req = CaseRequest {
            case_id: case_id.get_value(),
        };
        load.run::<DeskCase>(req, move |v| case.set(Some(v)));
    });
    // A decision the server refused because it was made before: the case
    // as it is now.
    let refresh_if_decided = move |e: &CommandError| {
        if matches!(e, CommandError::AlreadyDecided { .. }) {
            reload.update(|n| *n += 1);
        }
    };
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        closing.set(true);
        done.set(None);
        let form = CloseForm {
            case_id: case_id.get_value(),
            reason: reason.get_untracked(),
            note: note.get_untracked(),
        };
        deciding.run_or::<DeskClose>(
            form,
            move |v| {
                case.set(Some(v));
                note.set(String::new());
                reason.set(None);
                done.set(Some(Done::Closed));
            },
            refresh_if_decided,
        );
    };
    let reopen = move |_| {
        closing.set(false);
        done.set(None);
        let req = CaseRequest {
            case_id: case_id.get_value(),
        };
        deciding.run_or::<DeskReopen>(
            req,
            move |v| {
                case.set(Some(v));
                done.set(Some(Done::Reopened));
            },
            refresh_if_decided,
        );
    };

    view! {
        <section class="page case office-case" id="office-case">
            <button id="desk-back" class="back" on:click=move |_| route.set(Route::Office(OfficeSection::Search))>
                {move || desk_texts(lang.get()).back_to_search}
            </button>
            <ErrorBanner error=error />
            {move || {
                let l = lang.get();
                let t = texts(l);
                let d = desk_texts(l);
                match case.get() {
                    None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                    Some(v) => {
                        let closed = v.status == Status::Closed;
                        view! {
                            <header class="case-head">
                                <p class="muted">{d.case_file}</p>
                                <h1 id="debtor-name">{v.debtor.name.clone()}</h1>
                                <p class="muted">
                                    {t.case_number} " " <span id="case-number">{v.number.clone()}</span>
                                    " · " {t.opened_on} " " {fmt::date(v.opened_on)}
                                </p>
                                <p class="row-badges" id="office-case-status" data-status=format!("{:?}", v.status)>
                                    <StatusBadge status=v.status />
                                    {(!v.assigned).then(|| view! { <span class="badge muted">{d.not_assigned}</span> })}
                                </p>
                                {v.debtor.vulnerability.clone().map(|x| view! { <p class="note calm">{t.vulnerable} ": " {x}</p> })}
                            </header>
                            <div class="grid">
                                <section class="card">
                                    <h2>{t.debts}</h2>
                                    <p class="big-total">
                                        {d.balance} ": " <strong id="case-total">{fmt::pln(v.total.total)}</strong>
                                    </p>
                                    <table class="money components">
                                        <tbody>
                                            <tr><th>{t.principal}</th><td>{fmt::pln(v.total.principal)}</td></tr>
                                            <tr><th>{t.interest}</th><td>{fmt::pln(v.total.interest)}</td></tr>
                                            <tr><th>{t.costs}</th><td>{fmt::pln(v.total.costs)}</td></tr>
                                            <tr class="sum"><th>{t.total}</th><td>{fmt::pln(v.total.total)}</td></tr>
                                        </tbody>
                                    </table>
                                    <ul class="debts plain">
                                        {v.debts.iter().map(|x| view! {
                                            <li class="debt" class:barred=x.time_barred>
                                                <strong>{x.title.clone()}</strong>
                                                <small>{t.creditor} ": " {x.original_creditor.clone()}</small>
                                                <small>{t.due_since} " " {fmt::date(x.due_since)}</small>
                                                <small class="limitation">{i18n::debt_limitation(l, x.limitation)}</small>
                                                <span class="parts">
                                                    <span class="debt-total">{t.total} " " {fmt::pln(x.amounts.total)}</span>
                                                </span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                                <section class="card">
                                    <h2>{t.client}</h2>
                                    <dl>
                                        <dt>{t.pesel}</dt>
                                        <dd id="pesel">{v.debtor.pesel.clone()}</dd>
                                        <dt>{t.born}</dt>
                                        <dd>{v.debtor.birth_date.map(fmt::date).unwrap_or_default()}</dd>
                                        <dt>{t.phones}</dt>
                                        <dd>
                                            <ul class="plain">
                                                {v.debtor.phones.iter().map(|p| view! {
                                                    <li>
                                                        {p.display.clone()}
                                                        {p.primary.then(|| view! { <small>" (" {t.primary} ")"</small> })}
                                                        {p.mark.map(|m| view! { <small class="warn">" (" {i18n::phone_mark(l, m)} ")"</small> })}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        </dd>
                                        <dt>{t.emails}</dt>
                                        <dd>
                                            <ul class="plain">
                                                {v.debtor.emails.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                                            </ul>
                                        </dd>
                                        <dt>{t.addresses}</dt>
                                        <dd>
                                            <ul class="plain">
                                                {v.debtor.addresses.iter().map(|a| view! {
                                                    <li><small>{i18n::address_kind(l, a.kind)} ": "</small>{a.line.clone()}</li>
                                                }).collect_view()}
                                            </ul>
                                        </dd>
                                    </dl>
                                </section>
                                <section class="card">
                                    <h2>{d.from_field}</h2>
                                    <ul class="plain" id="office-case-field">
                                        <li>{d.visits} ": " <strong>{v.visits}</strong></li>
                                        <li>{d.photos} ": " <strong>{v.photos}</strong></li>
                                        <li>{d.open_proposals} ": " <strong>{v.open_proposals}</strong></li>
                                    </ul>
                                    <h2>{d.payments}</h2>
                                    {if v.payments.is_empty() {
                                        view! { <p class="muted">{d.no_payments}</p> }.into_any()
                                    } else {
                                        view! {
                                            <table class="money">
                                                <tbody>
                                                    {v.payments.iter().map(|p| view! {
                                                        <tr>
                                                            <th>{fmt::date(p.paid_on)}</th>
                                                            <td>{i18n::payment_channel(l, p.channel)}</td>
                                                            <td>{fmt::pln(p.amount)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        }.into_any()
                                    }}
                                </section>
                                <section class="card desk-decide" id="office-case-decide">
                                    {if closed {
                                        view! {
                                            <h2>{d.reopen}</h2>
                                            <p class="note" id="office-case-closed">{d.closed_note}</p>
                                            <p class="muted">{d.reopen_note}</p>
                                            <button id="desk-reopen" class="primary wide" on:click=reopen
                                                disabled=move || deciding.pending()>{d.reopen}</button>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <h2>{d.close_title}</h2>
                                            <form class="desk-close-form" on:submit=close>
                                                <label for="desk-close-reason">{d.close_reason}</label>
                                                <select id="desk-close-reason"
                                                    class:invalid=move || on_field(&decide_error.get(), Field::CloseReason)
                                                    on:change=move |ev| reason.set(reason_of_value(&event_target_value(&ev)))>
                                                    <option value="" selected=move || reason.get().is_none()>{d.choose_reason}</option>
                                                    {CloseReasonCode::ALL.into_iter().map(|r| view! {
                                                        <option value=format!("{r:?}") selected=move || reason.get() == Some(r)>
                                                            {close_reason(l, r)}
                                                        </option>
                                                    }).collect_view()}
                                                </select>
                                                {move || on_field(&decide_error.get(), Field::CloseReason).then(|| view! {
                                                    <p class="error field-error" id="desk-close-reason-error" role="alert">
                                                        {decide_error.get().map(|e| i18n::error(lang.get(), &e))}
                                                    </p>
                                                })}
                                                <label for="desk-close-note">{d.close_note}</label>
                                                <textarea id="desk-close-note" rows="3" maxlength="2000"
                                                    class:invalid=move || on_field(&decide_error.get(), Field::CloseNote)
                                                    placeholder=d.close_note_hint
                                                    prop:value=move || note.get()
                                                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                                                {move || on_field(&decide_error.get(), Field::CloseNote).then(|| view! {
                                                    <p class="error field-error" id="desk-close-note-error" role="alert">
                                                        {decide_error.get().map(|e| i18n::error(lang.get(), &e))}
                                                    </p>
                                                })}
                                                <p class="muted">{d.close_warning}</p>
                                                <button id="desk-close" class="primary wide" type="submit"
                                                    disabled=move || deciding.pending()>{d.close}</button>
                                            </form>
                                        }.into_any()
                                    }}
                                    {move || {
                                        let e = decide_error.get()?;
                                        if on_field(&Some(e.clone()), Field::CloseReason) || on_field(&Some(e.clone()), Field::CloseNote) {
                                            return None;
                                        }
                                        let l = lang.get();
                                        Some(view! {
                                            <p class="error" id="desk-decide-error" role="alert">
                                                {decision_error(desk_texts(l), l, &e, closing.get())}
                                            </p>
                                        })
                                    }}
                                    {move || done.get().map(|x| {
                                        let d = desk_texts(lang.get());
                                        view! {
                                            <p class="ok" id="desk-done" data-done=format!("{x:?}")>
                                                {match x { Done::Closed => d.closed_ok, Done::Reopened => d.reopened_ok }}
                                            </p>
                                        }
                                    })}
                                </section>
                                <section class="card wide">
                                    <h2>{t.timeline}</h2>
                                    <ol class="timeline" id="timeline">
                                        {v.timeline.iter().map(|a| view! {
                                            <li>
                                                <span class="when">{fmt::datetime(a.at)}</span>
                                                <span class="kind">{i18n::activity(l, a.kind)}</span>
                                                <span class="what">{a.summary.clone()}</span>
                                                <small class="who">{a.author.clone()}</small>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </section>
                            </div>
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}
