//! "Zespół": the team lead's page (issues #4 and #5). Three tabs: the team's
//! offers awaiting approval, the team's day plans for a date (each item
//! with its details, a comment field and the decision buttons), and the
//! consultation threads of the team's advisors (issue 12: the Biuro's
//! section, to list, read and answer). Online only:
//! every list and decision is a call to the server.

use crate::components::ErrorBanner;
use crate::fmt;
use crate::i18n::{self, texts, Lang};
use crate::runner::Runner;
use ::api::{
    CommandError, DecideForm, DecisionKind, Field, Reason, ReviewState, TeamDecide, TeamOfferView,
    TeamOffers, TeamPlanView, TeamPlans, TeamPlansQuery, TeamPlansView,
};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Offers,
    Plans,
    /// The team's consultation threads (issue 12).
    Threads,
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let tab = RwSignal::new(Tab::Offers);
    let reload = RwSignal::new(0u32);
    let offers = RwSignal::new(None::<Vec<TeamOfferView>>);
    let plans = RwSignal::new(None::<TeamPlansView>);
    let date = RwSignal::new(None::<chrono::NaiveDate>);
    let error = RwSignal::new(None::<CommandError>);
    let message = RwSignal::new(None::<String>);
    let load = Runner::new(error);
    Effect::new(move |_| {
        reload.track();
        let which = tab.get();
        let q = TeamPlansQuery { date: date.get() };
        error.set(None);
        match which {
            Tab::Offers => load.run::<TeamOffers>((), move |o| offers.set(Some(o))),
            Tab::Plans => load.run::<TeamPlans>(q, move |p| {
                if date.get_untracked().is_none() {
                    date.set(Some(p.date));
                }
                plans.set(Some(p));
            }),
            // The section loads its own page.
            Tab::Threads => {}
        }
    });
    let offline = move || matches!(error.get(), Some(CommandError::Offline));
    view! {
        <section class="page team" id="team-page">
            <h1>{move || texts(lang.get()).team}</h1>
            <div class="tabs" role="tablist">
                <button id="tab-offers" role="tab" class:active=move || tab.get() == Tab::Offers
                    aria-selected=move || (tab.get() == Tab::Offers).to_string()
                    on:click=move |_| { message.set(None); tab.set(Tab::Offers) }>
                    {move || match offers.get() {
                        Some(o) => format!("{} ({})", texts(lang.get()).team_offers_tab, o.len()),
                        None => texts(lang.get()).team_offers_tab.to_owned(),
                    }}
                </button>
                <button id="tab-plans" role="tab" class:active=move || tab.get() == Tab::Plans
                    aria-selected=move || (tab.get() == Tab::Plans).to_string()
                    on:click=move |_| { message.set(None); tab.set(Tab::Plans) }>
                    {move || {
                        let t = texts(lang.get());
                        let n = plans
                            .get()
                            .filter(|p| Some(p.date) == date.get())
                            .map(|p| format!(" ({})", p.plans.len()))
                            .unwrap_or_default();
                        match date.get() {
                            Some(d) => format!("{} {}{n}", t.team_plans_tab, fmt::date(d)),
                            None => t.team_plans_tab.to_owned(),
                        }
                    }}
                </button>
                <button id="tab-threads" role="tab" class:active=move || tab.get() == Tab::Threads
                    aria-selected=move || (tab.get() == Tab::Threads).to_string()
                    on:click=move |_| { message.set(None); tab.set(Tab::Threads) }>
                    {move || crate::i18n::consult_texts(lang.get()).office_title}
                </button>
            </div>
            <ErrorBanner error=error />
            {move || offline().then(|| view! {
                <p class="muted" id="team-offline">{texts(lang.get()).team_online_only}</p>
            })}
            {move || message.get().map(|m| view! { <div class="ok" role="status" id="team-message">{m}</div> })}
            <button class="secondary" id="team-refresh" on:click=move |_| reload.update(|n| *n += 1)>
                {move || texts(lang.get()).refresh}
            </button>
            {move || match tab.get() {
                Tab::Threads => view! { <crate::pages::office::threads::ThreadsSection /> }.into_any(),
                Tab::Offers => {
                    let t = texts(lang.get());
                    match offers.get() {
                        None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                        Some(o) if o.is_empty() => view! { <p class="muted" id="no-team-offers">{t.no_team_offers}</p> }.into_any(),
                        Some(o) => view! {
                            <ul class="plain team-list">
                                {o.into_iter().map(|o| view! { <OfferItem offer=o reload=reload message=message /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                }
                Tab::Plans => {
                    let t = texts(lang.get());
                    view! {
                        <label class="form date-pick">
                            {t.date}
                            <input id="plans-date" type="date"
                                prop:value=move || date.get().map(|d| d.to_string()).unwrap_or_default()
                                on:change=move |ev| {
                                    if let Ok(d) = event_target_value(&ev).parse() {
                                        date.set(Some(d));
                                    }
                                } />
                        </label>
                        {match plans.get() {
                            None => view! { <p class="muted">{t.loading}</p> }.into_any(),
                            Some(p) if p.plans.is_empty() => view! { <p class="muted" id="no-team-plans">{t.no_team_plans}</p> }.into_any(),
                            Some(p) => view! {
                                <ul class="plain team-list">
                                    {p.plans.into_iter().map(|p| view! { <PlanItem plan=p reload=reload message=message /> }).collect_view()}
                                </ul>
                            }.into_any(),
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The comment field and the decision buttons of one offer or plan:
/// approve, and `other` (reject an offer, return a plan), which needs a
/// comment. On success the list reloads and says so; on "already decided"
/// it reloads too (the list shows the decision that stands).
#[component]
fn Decide(
    request_id: String,
    other: DecisionKind,
    reload: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<CommandError>);
    let deciding = Runner::new(error);
    let id = StoredValue::new(request_id);
    let send = move |decision: DecisionKind| {
        let form = DecideForm {
            request_id: id.get_value(),
            decision,
            comment: comment.get_untracked(),
        };
        if decision != DecisionKind::Approve && form.comment.trim().is_empty() {
            error.set(Some(CommandError::invalid(
                Field::Comment,
                Reason::Required,
            )));
            return;
        }
        message.set(None);
        error.set(None);
        deciding.run_or::<TeamDecide>(
            form,
            move |_| {
                message.set(Some(texts(lang.get_untracked()).decision_saved.to_owned()));
                reload.update(|n| *n += 1);
            },
            move |e| {
                if matches!(e, CommandError::AlreadyDecided { .. }) {
                    message.set(Some(i18n::error(
                        lang.get_untracked(),
                        &CommandError::AlreadyDecided {
                            message: String::new(),
                        },
                    )));
                    reload.update(|n| *n += 1);
                }
            },
        );
    };
    let other_class = match other {
        DecisionKind::Return => "danger return",
        _ => "danger reject",
    };
    let other_label = move || {
        let t = texts(lang.get());
        match other {
            DecisionKind::Return => t.return_plan,
            _ => t.reject,
        }
    };
    view! {
        <label class="form">
            {move || texts(lang.get()).comment}
            <textarea class="comment" rows="3" prop:value=move || comment.get()
                on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
        </label>
        <ErrorBanner error=error />
        <div class="actions">
            <button class="primary approve" disabled=move || deciding.pending()
                on:click=move |_| send(DecisionKind::Approve)>
                {move || texts(lang.get()).approve}
            </button>
            <button class=other_class disabled=move || deciding.pending()
                on:click=move |_| send(other)>
                {other_label}
            </button>
        </div>
    }
}

/// The offer card's words for the client's budget (issue 17).
struct LeadTexts {
    budget: &'static str,
    income: &'static str,
    expenses: &'static str,
    disposable: &'static str,
    heaviest: &'static str,
    limit: &'static str,
    schedule: &'static str,
    history: &'static str,
}

fn lead_texts(l: Lang) -> LeadTexts {
    match l {
        Lang::Pl => LeadTexts {
            budget: "Budżet klienta (miesięcznie)",
            income: "Dochód",
            expenses: "Wydatki niezbędne",
            disposable: "Do dyspozycji",
            heaviest: "Najwyższa miesięczna wpłata",
            limit: "Bezpieczna część budżetu",
            schedule: "Harmonogram",
            history: "Historia sprawy",
        },
        Lang::En => LeadTexts {
            budget: "The client's budget (monthly)",
            income: "Income",
            expenses: "Essential expenses",
            disposable: "Disposable",
            heaviest: "Heaviest monthly payment",
            limit: "Safe share of the budget",
            schedule: "Schedule",
            history: "Case history",
        },
    }
}

#[component]
fn OfferItem(
    offer: TeamOfferView,
    reload: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let request_id = offer.request_id.clone();
    let data_id = offer.request_id.clone();
    let o = offer;
    view! {
        <li class="card team-offer" data-id=data_id>
            {move || {
                let l = lang.get();
                let t = texts(l);
                let o = o.clone();
                view! {
                    <h2>{o.case_number.clone()} " · " {o.debtor_name.clone()}</h2>
                    <p class="muted">
                        {t.advisor} ": " <strong>{o.advisor_name.clone()}</strong>
                        " · " {o.city.clone()} " · " {t.submitted} " " {fmt::datetime(o.submitted_at)}
                    </p>
                    <dl class="facts">
                        <dt>{t.outstanding}</dt><dd>{fmt::pln(o.outstanding)}</dd>
                        <dt>{t.total}</dt><dd class="offer-total">{fmt::pln(o.total)}</dd>
                        <dt>{t.down_payment}</dt><dd>{fmt::pln(o.down_payment)}</dd>
                        <dt>{t.installment}</dt>
                        <dd>{format!("{} × {}", o.term_months, fmt::pln(o.installment))}</dd>
                    </dl>
                    <p>{o.kind.map(|k| i18n::offer_kind(l, k).to_owned()).unwrap_or_default()}</p>
                    <p class="limits">
                        <strong>{t.limits_crossed} ": "</strong>
                        {o.approval.iter().map(|a| i18n::approval(l, *a)).collect::<Vec<_>>().join(", ")}
                    </p>
                    {o.voluntary_only.then(|| view! { <p class="flag warn">{t.voluntary_only}</p> })}
                    {o.reason.clone().map(|r| view! { <p><strong>{t.advisor_reason} ": "</strong>{r}</p> })}
                    {o.budget.clone().map(|b| {
                        let f = lead_texts(l);
                        let class = match b.verdict {
                            ::api::Verdict::Affordable => "verdict good",
                            _ => "verdict warn",
                        };
                        view! {
                            <h3>{f.budget}</h3>
                            <dl class="facts team-budget">
                                <dt>{f.income}</dt><dd class="budget-income">{fmt::pln(b.income)}</dd>
                                <dt>{f.expenses}</dt><dd>{fmt::pln(b.expenses)}</dd>
                                <dt>{f.disposable}</dt><dd class="budget-disposable">{fmt::pln(b.disposable)}</dd>
                                <dt>{f.heaviest}</dt><dd class="budget-payment">{fmt::pln(b.payment)}
                                    {b.share.map(|s| format!(" ({} %)", (s * rust_decimal::Decimal::from(100)).round_dp(0)))}
                                </dd>
                                <dt>{f.limit}</dt><dd>{fmt::pln(b.limit)}</dd>
                            </dl>
                            <p class=class id=format!("verdict-{}", o.request_id)>{i18n::verdict(l, b.verdict)}</p>
                        }
                    })}
                    {(!o.schedule.is_empty()).then(|| view! {
                        <details class="team-schedule">
                            <summary>{lead_texts(l).schedule} " (" {o.schedule.len()} ")"</summary>
                            {crate::pages::offer::schedule_table(l, format!("team-schedule-{}", o.request_id), &o.schedule)}
                        </details>
                    })}
                    {(!o.history.is_empty()).then(|| view! {
                        <details class="team-history">
                            <summary>{lead_texts(l).history} " (" {o.history.len()} ")"</summary>
                            <ol class="timeline">
                                {o.history.iter().map(|a| view! {
                                    <li data-kind=format!("{:?}", a.kind)>
                                        <span class="when">{fmt::datetime(a.at)}</span>
                                        {crate::components::activity_kind(l, a.kind)}
                                        <span class="what">{a.summary.clone()}</span>
                                        <span class="who muted">{a.author.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </details>
                    })}
                    <p class="muted">{o.summary.clone()}</p>
                }
            }}
            <Decide request_id=request_id other=DecisionKind::Reject reload=reload message=message />
        </li>
    }
}

#[component]
fn PlanItem(
    plan: TeamPlanView,
    reload: RwSignal<u32>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let pending = plan.state == ReviewState::Pending;
    let request_id = plan.request_id.clone();
    let data_id = plan.request_id.clone();
    let p = plan;
    view! {
        <li class="card team-plan" data-id=data_id>
            {move || {
                let l = lang.get();
                let t = texts(l);
                let p = p.clone();
                view! {
                    <h2>{p.advisor_name.clone()}</h2>
                    <p class="muted">
                        <span class="badge review-state">{i18n::plan_state(l, p.state)}</span>
                        " · " {t.submitted} " " {fmt::datetime(p.submitted_at)}
                        " · " {t.drive_time} ": " {format!("{} min", p.drive_minutes)}
                        " · " {t.left_out} ": " {p.dropped}
                    </p>
                    {p.advisor_comment.clone().map(|c| view! { <p><strong>{t.advisor_note} ": "</strong>{c}</p> })}
                    <h3>{t.visits} " (" {p.stops.len()} ")"</h3>
                    {
                        // The route, when every stop has its position.
                        let points: Option<Vec<(f64, f64, bool)>> = p
                            .stops
                            .iter()
                            .map(|s| s.lat.zip(s.lon).map(|(a, b)| (a, b, false)))
                            .collect();
                        points.filter(|v| !v.is_empty()).map(|points| view! {
                            <div class="team-sketch">
                                <crate::pages::plan::Sketch id=format!("team-sketch-{}", p.request_id)
                                    label=p.advisor_name.clone() start=None stops=points />
                            </div>
                        })
                    }
                    <ol class="stops">
                        {p.stops.iter().map(|s| view! {
                            <li>
                                <strong>{format!("{}–{}", s.arrival.format("%H:%M"), s.departure.format("%H:%M"))}</strong>
                                " " {s.case_number.clone()} " · " {s.debtor_name.clone()}
                                <br /><small class="muted">{s.address.clone()}</small>
                            </li>
                        }).collect_view()}
                    </ol>
                    {p.reviewed_by.clone().map(|by| view! {
                        <p class="decided">
                            <strong>{t.decided_by} ": "</strong> {by}
                            {p.reviewed_at.map(|at| format!(" · {}", fmt::datetime(at)))}
                            {p.comment.clone().map(|c| format!(" · {c}"))}
                        </p>
                    })}
                }
            }}
            {pending.then(|| view! {
                <Decide request_id=request_id other=DecisionKind::Return reload=reload message=message />
            })}
        </li>
    }
}
