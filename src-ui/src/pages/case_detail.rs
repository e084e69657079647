//! The case detail: the debtor and contact data, the debts with their
//! components and total, payments, promises and the timeline (newest first).

use crate::app::{DataVersion, Route};
use crate::components::{ErrorBanner, Flags, PriorityBadge, StatusBadge};
use crate::fmt;
use crate::i18n::{self, texts, Lang};
use crate::runner::Runner;
use ::api::{AddNote, CaseDetail, CaseRequest, CommandError, GetCase, NoteRequest};
use leptos::prelude::*;

#[component]
pub fn CaseDetailPage(id: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let detail = RwSignal::new(None::<CaseDetail>);
    let error = RwSignal::new(None::<CommandError>);
    let version = expect_context::<DataVersion>();
    let reload = RwSignal::new(0u32);
    let contact_saved = RwSignal::new(None::<::api::ContactSaved>);
    let load = Runner::new(error);
    let case_id = id.clone();
    Effect::new(move |_| {
        version.0.track();
        reload.track();
        let req = CaseRequest {
            case_id: case_id.clone(),
        };
        load.run::<GetCase>(req, move |d| detail.set(Some(d)));
    });

    view! {
        <section class="page case">
            <button id="back" class="back" on:click=move |_| route.set(Route::Cases)>
                {move || texts(lang.get()).back}
            </button>
            <ErrorBanner error=error />
            <button id="make-offer" class="primary wide" on:click={
                let id = id.clone();
                move |_| route.set(Route::Offer(id.clone()))
            }>
                {move || texts(lang.get()).make_offer}
            </button>
            <button id="open-visit" class="primary wide" on:click={
                let id = id.clone();
                move |_| route.set(Route::Visit(id.clone()))
            }>{move || i18n::visit_texts(lang.get()).open}</button>
            {move || {
                let t = texts(lang.get());
                let l = lang.get();
                match detail.get() {
                    None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                    Some(d) => view! { <CaseView d=d t=t l=l reload=reload contact_saved=contact_saved /> }.into_any(),
                }
            }}
            <crate::pages::consult::ConsultSection case_id=id.clone() />
            <NoteForm case_id=id reload=reload />
        </section>
    }
}

#[component]
fn CaseView(
    d: CaseDetail,
    t: &'static i18n::Texts,
    l: Lang,
    reload: RwSignal<u32>,
    contact_saved: RwSignal<Option<::api::ContactSaved>>,
) -> impl IntoView {
    let route = expect_context::<RwSignal<Route>>();
    let debtor = d.debtor.clone();
    view! {
        <header class="case-head">
            <h1 id="debtor-name">{debtor.name.clone()}</h1>
            <p class="muted">
                {t.case_number} " " <span id="case-number">{d.number.clone()}</span> " · " {t.opened_on} " "
                {fmt::date(d.opened_on)}
            </p>
            <p class="row-badges">
                <PriorityBadge priority=d.priority />
                <StatusBadge status=d.status />
                <Flags flags=d.flags.clone() status=d.status />
            </p>
            {d.appointment.map(|a| view! { <p class="note">{t.appointment} ": " {fmt::datetime(a)}</p> })}
            {debtor.vulnerability.clone().map(|v| view! { <p class="note calm">{t.vulnerable} ": " {v}</p> })}
            {debtor.breathing_until.map(|until| view! {
                <p class="note calm" id="breathing-space">{t.breathing_until} " " {crate::fmt::date(until)}</p>
            })}
            {d.time_barred.then(|| view! { <p class="note warn" id="time-barred">{t.time_barred_note}</p> })}
        </header>

        <div class="grid">
            <section class="card">
                <h2>{t.debts}</h2>
                <p class="big-total">
                    {t.total_debt} ": " <strong id="case-total">{fmt::pln(d.total.total)}</strong>
                </p>
                <table class="money components" id="components">
                    <tbody>
                        <tr>
                            <th>{t.principal}</th>
                            <td>{fmt::pln(d.total.principal)}</td>
                        </tr>
                        <tr>
                            <th>{t.interest}</th>
                            <td>{fmt::pln(d.total.interest)}</td>
                        </tr>
                        <tr>
                            <th>{t.costs}</th>
                            <td>{fmt::pln(d.total.costs)}</td>
                        </tr>
                        <tr class="sum">
                            <th>{t.total}</th>
                            <td>{fmt::pln(d.total.total)}</td>
                        </tr>
                    </tbody>
                </table>
                <ul class="debts plain">
                    {d
                        .debts
                        .iter()
                        .map(|x| {
                            view! {
                                <li class="debt" class:barred=x.time_barred>
                                    <strong>{x.title.clone()}</strong>
                                    <small>
                                        {t.creditor} ": " {x.original_creditor.clone()}
                                    </small>
                                    <small>{t.due_since} " " {fmt::date(x.due_since)}</small>
                                    // Limitation per debt: one barred debt does
                                    // not make the others voluntary.
                                    <small class="limitation">
                                        {i18n::debt_limitation(l, x.limitation)}
                                    </small>
                                    <span class="parts">
                                        <span>{t.principal} " " {fmt::pln(x.amounts.principal)}</span>
                                        <span>{t.interest} " " {fmt::pln(x.amounts.interest)}</span>
                                        <span>{t.costs} " " {fmt::pln(x.amounts.costs)}</span>
                                        <span class="debt-total">{t.total} " " {fmt::pln(x.amounts.total)}</span>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>

            <section class="card">
                <h2>{t.client}</h2>
                <dl>
                    <dt>{t.pesel}</dt>
                    <dd id="pesel">{debtor.pesel.clone()}</dd>
                    <dt>{t.born}</dt>
                    <dd>{debtor.birth_date.map(fmt::date).unwrap_or_default()}</dd>
                    <dt>{t.phones}</dt>
                    <dd>
                        <ul class="plain">
                            {debtor
                                .phones
                                .iter()
                                .map(|p| {
                                    view! {
                                        <li>
                                            <a class="tel" href=format!("tel:{}", p.number)>{p.display.clone()}</a>
                                            {p.primary.then(|| view! { <small>" (" {t.primary} ")"</small> })}
                                            {p.mark.map(|m| view! { <small class="warn">" (" {i18n::phone_mark(l, m)} ")"</small> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </dd>
                    <dt>{t.emails}</dt>
                    <dd>
                        <ul class="plain">
                            {debtor.emails.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                        </ul>
                    </dd>
                    <dt>{t.addresses}</dt>
                    <dd>
                        <ul class="plain">
                            {debtor
                                .addresses
                                .iter()
                                .map(|a| {
                                    view! {
                                        <li>
                                            <small>{i18n::address_kind(l, a.kind)} ": "</small>
                                            {a.line.clone()}
                                            " "
                                            <crate::components::Navigate
                                                line=a.line.clone()
                                                lat=a.lat
                                                lon=a.lon
                                            />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </dd>
                    <dt>{t.consents}</dt>
                    <dd>
                        <ul class="plain">
                            {debtor
                                .consents
                                .iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            {i18n::consent_kind(l, c.kind)}
                                            {c.marketing.then(|| format!(" ({})", i18n::contact_texts(l).marketing_apart))}
                                            ": "
                                            {if c.granted { t.granted } else { t.refused }} " ("
                                            {fmt::date(c.recorded_on)} ")"
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </dd>
                </dl>
            </section>

            <section class="card" id="contact-section">
                <h2>{i18n::contact_texts(l).title}</h2>
                <crate::pages::contact::Proposals proposals=d.contacts.clone() l=l />
                <crate::pages::contact::ProposeForm
                    case_id=d.id.clone()
                    phones=debtor.phones.clone()
                    addresses=debtor.addresses.clone()
                    on_saved=move |_| reload.update(|n| *n += 1)
                    saved=contact_saved
                />
            </section>

            <section class="card">
                <h2>{t.promises}</h2>
                {if d.promises.is_empty() {
                    view! { <p class="muted">{t.no_promises}</p> }.into_any()
                } else {
                    view! {
                        <table class="money">
                            <thead>
                                <tr>
                                    <th>{t.due_on}</th>
                                    <th>{t.amount}</th>
                                    <th>{t.status}</th>
                                    <th>{i18n::ledger_heading(l, i18n::LedgerHeading::Paid)}</th>
                                    <th>
                                        {i18n::ledger_heading(l, i18n::LedgerHeading::InTimeUntil)}
                                    </th>
                                    <th>{t.made_on}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {d
                                    .promises
                                    .iter()
                                    .map(|p| {
                                        view! {
                                            <tr>
                                                <td>{fmt::date(p.due_on)}</td>
                                                <td>{fmt::pln(p.amount)}</td>
                                                <td>{i18n::promise_state(l, p.state)}</td>
                                                <td>{fmt::pln(p.paid)}</td>
                                                <td>{p.last_day.map(fmt::date)}</td>
                                                <td>{fmt::date(p.made_on)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        <h3>{i18n::ledger_heading(l, i18n::LedgerHeading::Ledger)}</h3>
                        <ul class="ledger">
                            {d
                                .ledger
                                .iter()
                                .map(|e| view! { <li>{i18n::ledger_entry(l, e)}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <h2>{t.payments}</h2>
                {if d.payments.is_empty() {
                    view! { <p class="muted">{t.no_payments}</p> }.into_any()
                } else {
                    view! {
                        <table class="money">
                            <thead>
                                <tr>
                                    <th>{t.date}</th>
                                    <th>{t.amount}</th>
                                    <th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {d
                                    .payments
                                    .iter()
                                    .map(|p| {
                                        view! {
                                            <tr>
                                                <td>{fmt::date(p.paid_on)}</td>
                                                <td>{fmt::pln(p.amount)}</td>
                                                <td>{i18n::payment_channel(l, p.channel)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </section>

            {d.in_force.clone().map(|a| view! { <InForce a=a case_id=d.id.clone() t=t /> })}
            {(!d.receipts.is_empty()).then(|| view! {
                <section class="card wide" id="receipts">
                    <h2>{i18n::visit_texts(l).receipts}</h2>
                    <ul class="receipts">
                        {d.receipts.iter().map(|r| view! {
                            <li data-receipt=r.id.clone() data-state=format!("{:?}", r.state)>
                                {i18n::receipt(l, r)}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!d.reports.is_empty()).then(|| {
                let case_id = d.id.clone();
                view! {
                    <section class="card wide" id="reports">
                        <h2>{i18n::visit_texts(l).reports}</h2>
                        <ul class="plain reports">
                            {d.reports.iter().map(|r| {
                                let (case_id, report) = (case_id.clone(), r.id.clone());
                                view! {
                                    <li class="report" data-report=r.id.clone()>
                                        <span class="report-line">{r.line.clone()}</span>
                                        <button class="report-correct" on:click=move |_| {
                                            route.set(Route::CorrectVisit(case_id.clone(), report.clone()))
                                        }>{i18n::visit_texts(l).correct}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            {(!d.photos.is_empty()).then(|| view! { <crate::components::photos::CasePhotos photos=d.photos.clone() l=l /> })}
            <section class="card wide">
                <h2>{t.timeline}</h2>
                <ol class="timeline" id="timeline">
                    {d
                        .timeline
                        .iter()
                        .map(|a| {
                            view! {
                                <li data-kind=format!("{:?}", a.kind)>
                                    <span class="when">{fmt::datetime(a.at)}</span>
                                    {a.received_apart().map(|r| view! {
                                        <span class="received">
                                            {format!("({} {})", t.on_server, fmt::datetime(r))}
                                        </span>
                                    })}
                                    {crate::components::activity_kind(l, a.kind)}
                                    <span class="what">
                                        {a.summary.clone()}
                                    {a.approval.clone().map(|v| {
                                            let class = match v.state {
                                                ::api::ReviewState::Pending => "approval pending",
                                                ::api::ReviewState::Approved | ::api::ReviewState::Returned => "approval approved",
                                                ::api::ReviewState::Rejected => "approval rejected",
                                            };
                                            view! {
                                                <span class=class data-approval=format!("{:?}", v.state)>
                                                    {i18n::review_state(l, v.state)}
                                                    {v.comment.map(|c| format!(": {c}"))}
                                                    {v.reviewed_by.map(|by| format!(" ({by})"))}
                                                </span>
                                            }
                                        })}
                                    {a.contact.map(|s| view! {
                                            <span class=match s {
                                                ::api::ProposalState::Proposed => "approval pending contact-state",
                                                ::api::ProposalState::Accepted => "approval approved contact-state",
                                                ::api::ProposalState::Rejected => "approval rejected contact-state",
                                            } data-contact=format!("{s:?}")>
                                                {i18n::proposal_state(l, s)}
                                            </span>
                                        })}
                                    </span>
                                    <small class="who">{a.author.clone()}</small>
                                    {a.signing.clone().map(|sg| view! { <SignUnder signing=sg l=l /> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        </div>
    }
}

/// A note for the case timeline, saved on the device and queued for upload.
#[component]
fn NoteForm(case_id: String, reload: RwSignal<u32>) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<CommandError>);
    let saved = RwSignal::new(false);
    let saving = Runner::new(error);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = NoteRequest {
            case_id: case_id.clone(),
            text: text.get_untracked(),
        };
        saving.run_or::<AddNote>(
            req,
            move |()| {
                text.set(String::new());
                reload.update(|n| *n += 1);
                saved.set(true);
            },
            move |_| saved.set(false),
        );
    };
    view! {
        <form class="card note-form" on:submit=save>
            <h2>{move || texts(lang.get()).add_note}</h2>
            <textarea
                id="note-text"
                rows="3"
                placeholder=move || texts(lang.get()).note_placeholder
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            {move || saved.get().then(|| view! { <p class="ok" id="note-saved">{texts(lang.get()).note_saved}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{i18n::error(lang.get(), &e)}</p> })}
            <button id="note-save" class="primary" type="submit" disabled=move || saving.pending()>
                {move || texts(lang.get()).add_note}
            </button>
        </form>
    }
}

/// Under a saved offer: the button that opens the signature pad when the
/// offer can be signed (within authority, or approved by the team lead), or
/// the mark that it is signed. Pending and rejected offers get neither.
#[component]
fn SignUnder(signing: ::api::Signing, l: Lang) -> impl IntoView {
    let open = RwSignal::new(false);
    let t = texts(l);
    match signing {
        ::api::Signing::Ready { offer_id } => {
            let id = offer_id.clone();
            view! {
                <div class="sign-under" data-offer=offer_id>
                    <button class="primary sign-offer" on:click=move |_| open.set(true)
                        disabled=move || open.get()>{t.sign_offer}</button>
                    {move || open.get().then(|| view! {
                        <crate::pages::signature::SignSettlement offer_id=id.clone() />
                    })}
                </div>
            }
            .into_any()
        }
        ::api::Signing::Signed => {
            view! { <span class="approval approved offer-signed">{t.offer_signed}</span> }
                .into_any()
        }
        ::api::Signing::NotYet => ().into_any(),
    }
}

/// The agreement in force: its schedule, what is unpaid, and the way to an
/// amendment when the client's situation got worse.
#[component]
fn InForce(a: ::api::AgreementView, case_id: String, t: &'static i18n::Texts) -> impl IntoView {
    let route = expect_context::<RwSignal<Route>>();
    let settlement = a.settlement_id.clone();
    view! {
        <section class="card wide" id="in-force" data-settlement=a.settlement_id.clone()>
            <h2>{if a.amendment { t.in_force_amendment } else { t.in_force }} " " {a.number.clone()}</h2>
            <p class="muted">{t.signed_on} " " {fmt::date(a.signed_on)}</p>
            <p>{t.agreement_total} ": " <strong>{fmt::pln(a.total)}</strong></p>
            <p>{t.unpaid} ": " <strong id="in-force-unpaid">{fmt::pln(a.unpaid)}</strong></p>
            <table class="schedule">
                <tbody>
                    {a.schedule.iter().map(|i| view! {
                        <tr>
                            <td>{i.number}</td>
                            <td>{fmt::date(i.due_on)}</td>
                            <td class="num">{fmt::pln(i.amount)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!a.unpaid.is_zero()).then(|| view! {
                <button id="amend" class="wide" on:click=move |_| {
                    route.set(Route::Amend(case_id.clone(), settlement.clone()))
                }>{t.amend}</button>
            })}
        </section>
    }
}
