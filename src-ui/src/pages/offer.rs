//! The offer screen: the client's budget, every variant side by side with its
//! exact schedule, recomputed as the advisor types; the chosen one is saved
//! on the case (offline) and queued for the office.

use crate::app::Route;
use crate::fmt;
use crate::i18n::{self, texts, Lang, Texts};
use crate::pages::visit::FieldError;
use crate::runner::Runner;
use ::api::{
    BuildOffers, CommandError, Field, OfferForm, OfferKind, OffersView, SaveOffer,
    SaveOfferRequest, VariantView, Verdict,
};
use leptos::prelude::*;

fn kind_id(k: OfferKind) -> &'static str {
    match k {
        OfferKind::LumpSum => "lump_sum",
        OfferKind::FitsBudget => "fits_budget",
        OfferKind::LowestInstallment => "lowest_installment",
        OfferKind::Forbearance => "forbearance",
        OfferKind::Custom => "custom",
    }
}

/// The offer screen's own words (issue #17): the schedule's headings, the
/// terms above the signature pad.
struct OfferTexts {
    back_to_case: &'static str,
    number: &'static str,
    due_on: &'static str,
    amount: &'static str,
    down_payment_row: &'static str,
    signing: &'static str,
    total: &'static str,
    first_due: &'static str,
    frozen: &'static str,
}

const PL: OfferTexts = OfferTexts {
    back_to_case: "‹ Sprawa",
    number: "Nr",
    due_on: "Termin",
    amount: "Kwota",
    down_payment_row: "wpłata początkowa",
    signing: "Podpisywane warunki",
    total: "Razem",
    first_due: "pierwsza płatność",
    frozen: "Propozycja jest zapisana: aby zmienić warunki, przygotuj nową propozycję.",
};

const EN: OfferTexts = OfferTexts {
    back_to_case: "‹ Case",
    number: "No.",
    due_on: "Due",
    amount: "Amount",
    down_payment_row: "down payment",
    signing: "Terms being signed",
    total: "Total",
    first_due: "first payment",
    frozen: "The offer is saved: to change the terms, prepare a new offer.",
};

fn offer_texts(lang: Lang) -> &'static OfferTexts {
    match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
    }
}

/// The form's fields: their errors stand beside them, not in the banner.
const FORM_FIELDS: [Field; 9] = [
    Field::Income,
    Field::Housing,
    Field::Utilities,
    Field::Food,
    Field::Transport,
    Field::Dependants,
    Field::OtherDebts,
    Field::CustomDownPayment,
    Field::DueDay,
];

#[component]
fn Amount(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    value: RwSignal<String>,
    field: Field,
    error: RwSignal<Option<CommandError>>,
    frozen: Signal<bool>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <label>
            {move || label(texts(lang.get()))}
            <input id=id inputmode="decimal" autocomplete="off" prop:value=move || value.get()
                prop:disabled=move || frozen.get()
                class:invalid=move || matches!(error.get(), Some(CommandError::Invalid { field: f, .. }) if f == field)
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <FieldError error=error field=field />
        </label>
    }
}

#[component]
pub fn OfferPage(
    id: String,
    /// For an amendment: the settlement of the agreement in force.
    #[prop(optional, into)]
    amends: Option<String>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let [income, housing, utilities, food, transport, dependants, other_debts, custom_down] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let custom_term = RwSignal::new(String::new());
    let due_day = RwSignal::new("10".to_owned());
    let offers = RwSignal::new(None::<OffersView>);
    let error = RwSignal::new(None::<CommandError>);
    let chosen = RwSignal::new(None::<OfferKind>);
    let reason = RwSignal::new(String::new());
    let saved = RwSignal::new(None::<::api::SavedOffer>);
    // The terms saved: the form is frozen and the pad shows them.
    let saved_terms = RwSignal::new(None::<VariantView>);
    let frozen = Signal::derive(move || saved.get().is_some());
    let build = Runner::new(error).latest_only();
    let saving = Runner::new(error);
    let case_id = id.clone();
    let amending = amends.is_some();
    let form = move || OfferForm {
        case_id: case_id.clone(),
        income: income.get(),
        housing: housing.get(),
        utilities: utilities.get(),
        food: food.get(),
        transport: transport.get(),
        dependants: dependants.get(),
        other_debts: other_debts.get(),
        custom_term: custom_term.get().trim().parse().ok(),
        custom_down_payment: custom_down.get(),
        due_day: due_day.get().trim().parse().unwrap_or(0),
        amends: amends.clone(),
    };
    let form = StoredValue::new(form);
    Effect::new(move |_| {
        let req = form.with_value(|f| f());
        // Results follow the input: a form that does not build leaves no
        // variant to choose.
        build.run_or::<BuildOffers>(
            req,
            move |o| offers.set(Some(o)),
            move |_| {
                offers.set(None);
                chosen.set(None);
            },
        );
    });
    let save = move |_| {
        let Some(kind) = chosen.get_untracked() else {
            return;
        };
        let req = SaveOfferRequest {
            form: form.with_value(|f| f()),
            kind,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
        };
        let terms = offers
            .get_untracked()
            .and_then(|o| o.variants.into_iter().find(|v| v.kind == kind));
        saving.run::<SaveOffer>(req, move |s| {
            saved_terms.set(terms);
            saved.set(Some(s));
        });
    };
    let back_id = id.clone();
    view! {
        <section class="page offer">
            <button class="back" id="offer-back" on:click=move |_| route.set(Route::Case(back_id.clone()))>
                {move || offer_texts(lang.get()).back_to_case}
            </button>
            <h1>{move || if amending { texts(lang.get()).amend_title } else { texts(lang.get()).offer_title }}</h1>
            {amending.then(|| view! { <p class="note" id="amend-note">{move || texts(lang.get()).amend_note}</p> })}
            {move || offers.get().map(|o| {
                let t = texts(lang.get());
                view! {
                    <p class="big-total">{t.total_debt} ": " <strong id="offer-debt">{fmt::pln(o.debt.total)}</strong></p>
                    {o.time_barred.then(|| view! { <p class="note warn">{t.voluntary_only}</p> })}
                }
            })}
            <div class="grid">
                <fieldset class="card form">
                    <legend>{move || texts(lang.get()).budget}</legend>
                    <Amount id="offer-income" label=|t| t.income value=income field=Field::Income error=error frozen=frozen />
                    <Amount id="offer-housing" label=|t| t.housing value=housing field=Field::Housing error=error frozen=frozen />
                    <Amount id="offer-utilities" label=|t| t.utilities value=utilities field=Field::Utilities error=error frozen=frozen />
                    <Amount id="offer-food" label=|t| t.food value=food field=Field::Food error=error frozen=frozen />
                    <Amount id="offer-transport" label=|t| t.transport_cost value=transport field=Field::Transport error=error frozen=frozen />
                    <Amount id="offer-dependants" label=|t| t.dependants value=dependants field=Field::Dependants error=error frozen=frozen />
                    <Amount id="offer-other-debts" label=|t| t.other_debts value=other_debts field=Field::OtherDebts error=error frozen=frozen />
                    {move || offers.get().map(|o| {
                        let t = texts(lang.get());
                        view! {
                            <p>{t.disposable} ": " <strong id="offer-disposable">{fmt::pln(o.disposable)}</strong></p>
                            <p>{t.safe_limit} ": " <strong id="offer-limit">{fmt::pln(o.limit)}</strong></p>
                        }
                    })}
                </fieldset>
                <fieldset class="card form">
                    <legend>{move || texts(lang.get()).custom_terms}</legend>
                    <label>
                        {move || texts(lang.get()).term_months}
                        <input id="custom-term" inputmode="numeric" prop:value=move || custom_term.get()
                            prop:disabled=move || frozen.get()
                            on:input=move |ev| custom_term.set(event_target_value(&ev)) />
                    </label>
                    <Amount id="custom-down" label=|t| t.down_payment value=custom_down field=Field::CustomDownPayment error=error frozen=frozen />
                    <label>
                        {move || texts(lang.get()).due_day}
                        <input id="due-day" inputmode="numeric" prop:value=move || due_day.get()
                            prop:disabled=move || frozen.get()
                            on:input=move |ev| due_day.set(event_target_value(&ev)) />
                        <FieldError error=error field=Field::DueDay />
                    </label>
                </fieldset>
            </div>
            {move || error.get().filter(|e| !matches!(e, CommandError::Invalid { field, .. } if FORM_FIELDS.contains(field)))
                .map(|e| view! { <div class="error" role="alert" id="offer-error">{i18n::error(lang.get(), &e)}</div> })}
            {move || frozen.get().then(|| view! { <p class="note" id="offer-frozen">{offer_texts(lang.get()).frozen}</p> })}
            {move || offers.get().map(|o| {
                let l = lang.get();
                let t = texts(l);
                view! {
                    <div class="variants">
                        {o.variants.into_iter().map(|v| view! { <VariantCard v=v t=t l=l chosen=chosen frozen=frozen /> }).collect_view()}
                    </div>
                    <ul class="plain unbuilt">
                        {o.unbuilt.into_iter().map(|u| view! {
                            <li class="muted">{i18n::offer_kind(l, u.kind)} " — " {t.not_available} ": " {i18n::unbuilt(l, &u.reason)}</li>
                        }).collect_view()}
                    </ul>
                }
            })}
            {move || chosen.get().map(|k| {
                let needs_reason = move || {
                    offers.get().and_then(|o| o.variants.into_iter().find(|v| v.kind == k)).is_some_and(|v| v.requires_reason)
                };
                view! {
                    <div class="card confirm">
                        <h2>{move || i18n::offer_kind(lang.get(), k)}</h2>
                        {move || needs_reason().then(|| view! {
                            <label class="form">
                                {move || texts(lang.get()).reason_label}
                                <textarea id="offer-reason" rows="3" prop:value=move || reason.get()
                                    prop:disabled=move || frozen.get()
                                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                <FieldError error=error field=Field::Reason />
                            </label>
                        })}
                        // One tap, one offer: off while saving and once saved.
                        <button id="offer-save" class="primary" on:click=save
                            disabled=move || saving.pending() || frozen.get()>{move || texts(lang.get()).confirm}</button>
                        {move || saved.get().map(|s| view! {
                            <p class="ok" id="offer-saved">
                                {move || if s.needs_approval { texts(lang.get()).offer_saved_approval } else { texts(lang.get()).offer_saved }}
                            </p>
                        })}
                    </div>
                }
            })}
            // Once saved (and within the advisor's authority), the client
            // signs the settlement right here, the terms above the pad. This
            // is drawn once per saved offer: switching the language or a
            // sync never wipes drawn ink.
            {move || saved.get().filter(|s| !s.needs_approval).map(|s| view! {
                {move || saved_terms.get().map(|v| view! { <SigningTerms v=v /> })}
                <crate::pages::signature::SignSettlement offer_id=s.offer_id />
            })}
        </section>
    }
}

#[component]
fn VariantCard(
    v: VariantView,
    t: &'static Texts,
    l: Lang,
    chosen: RwSignal<Option<OfferKind>>,
    frozen: Signal<bool>,
) -> impl IntoView {
    let kind = v.kind;
    let verdict_class = match v.verdict {
        Verdict::Affordable => "verdict good",
        Verdict::NeedsReason | Verdict::Unaffordable => "verdict warn",
    };
    view! {
        <article class="card variant" data-kind=kind_id(kind) class:chosen=move || chosen.get() == Some(kind)>
            <h2>{i18n::offer_kind(l, kind)}</h2>
            <p class="big-total"><strong class="variant-total">{fmt::pln(v.total)}</strong></p>
            <dl>
                {(!v.down_payment.is_zero()).then(|| view! { <dt>{t.down_payment}</dt><dd>{fmt::pln(v.down_payment)}</dd> })}
                <dt>{t.installment}</dt>
                <dd class="variant-installment">{fmt::pln(v.installment)} " × " {v.term_months}</dd>
                {(!v.discount.is_zero()).then(|| view! { <dt>{t.discount}</dt><dd>{fmt::pln(v.discount)}</dd> })}
            </dl>
            <p class=verdict_class>{i18n::verdict(l, v.verdict)}</p>
            {v.voluntary_only.then(|| view! { <p class="flag warn">{t.voluntary_only}</p> })}
            {if v.approval.is_empty() {
                view! { <p class="muted">{t.within_authority}</p> }.into_any()
            } else {
                view! {
                    <p class="needs-approval">{t.needs_approval} ": "
                        {v.approval.iter().map(|a| i18n::approval(l, *a)).collect::<Vec<_>>().join(", ")}
                    </p>
                }.into_any()
            }}
            <details>
                <summary>{t.schedule} " (" {v.schedule.len()} ")"</summary>
                {schedule_table(l, format!("schedule-{}", kind_id(kind)), &v.schedule)}
            </details>
            <button class="choose" disabled=move || frozen.get()
                on:click=move |_| chosen.set(Some(kind))>{t.choose}</button>
        </article>
    }
}

/// A schedule as a table with its headers (Nr / Termin / Kwota), the down
/// payment named: on the offer's variants and on the team lead's card.
pub fn schedule_table(l: Lang, id: String, schedule: &[::api::InstallmentView]) -> impl IntoView {
    let o = offer_texts(l);
    view! {
        <table class="money schedule" id=id>
            <thead>
                <tr><th scope="col">{o.number}</th><th scope="col">{o.due_on}</th><th scope="col">{o.amount}</th></tr>
            </thead>
            <tbody>
                {schedule.iter().map(|i| view! {
                    <tr class:down-payment=i.number == 0>
                        <td class="installment-number">{installment_label(o, i.number)}</td>
                        <td>{fmt::date(i.due_on)}</td>
                        <td class="installment-amount">{fmt::pln(i.amount)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The schedule's first column: the down payment is named, the
/// installments count from 1.
fn installment_label(o: &OfferTexts, number: u32) -> String {
    if number == 0 {
        o.down_payment_row.to_owned()
    } else {
        number.to_string()
    }
}

/// The saved terms, above the signature pad: what the client signs.
#[component]
fn SigningTerms(v: VariantView) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        let l = lang.get();
        let (t, o) = (texts(l), offer_texts(l));
        let first = v
            .schedule
            .first()
            .map(|i| fmt::date(i.due_on))
            .unwrap_or_default();
        view! {
            <div class="card signing-terms" id="signing-terms">
                <h2>{o.signing} ": " {i18n::offer_kind(l, v.kind)}</h2>
                <dl>
                    <dt>{o.total}</dt><dd id="signing-total">{fmt::pln(v.total)}</dd>
                    {(!v.down_payment.is_zero()).then(|| view! { <dt>{t.down_payment}</dt><dd>{fmt::pln(v.down_payment)}</dd> })}
                    <dt>{t.installment}</dt>
                    <dd id="signing-installment">{fmt::pln(v.installment)} " × " {v.term_months}</dd>
                    <dt>{o.first_due}</dt><dd>{first}</dd>
                </dl>
            </div>
        }
    }
}
