//! The visit report screen (issue 11), for one hand on a 360 px phone: the
//! contact outcome first as large buttons, then only what that contact
//! allows (the domain's rule, through `api::VisitContact::outcomes`), then
//! only the fields of the chosen result; the report is saved once, offline,
//! and queued. A refused input is shown on its field, and nothing typed is
//! lost.

use crate::app::Route;
use crate::components::photos::PhotoPicker;
use crate::components::ErrorBanner;
use crate::i18n::{self, visit_texts, Lang};
use crate::runner::Runner;
use ::api::{
    CaseRequest, CommandError, Field, PromiseChannel, RecordVisit, StartVisit, VisitContact,
    VisitDetail, VisitForm, VisitOutcome, VisitSaved,
};
use leptos::prelude::*;

fn contact_id(c: VisitContact) -> &'static str {
    match c {
        VisitContact::RightParty => "visit-contact-right-party",
        VisitContact::ThirdParty => "visit-contact-third-party",
        VisitContact::Nobody => "visit-contact-nobody",
        VisitContact::AddressInvalid => "visit-contact-address-invalid",
        VisitContact::Deceased => "visit-contact-deceased",
    }
}

fn detail_id(d: VisitDetail) -> &'static str {
    match d {
        VisitDetail::HouseholdMember => "visit-detail-household-member",
        VisitDetail::Neighbour => "visit-detail-neighbour",
        VisitDetail::Other => "visit-detail-other",
        VisitDetail::NotAtHome => "visit-detail-not-at-home",
        VisitDetail::NoAnswer => "visit-detail-no-answer",
        VisitDetail::Moved => "visit-detail-moved",
        VisitDetail::WrongAddress => "visit-detail-wrong-address",
        VisitDetail::Empty => "visit-detail-empty",
        VisitDetail::Demolished => "visit-detail-demolished",
    }
}

fn outcome_id(o: VisitOutcome) -> &'static str {
    match o {
        VisitOutcome::PromiseToPay => "visit-outcome-promise",
        VisitOutcome::PaidAtDoor => "visit-outcome-paid",
        VisitOutcome::SettlementSigned => "visit-outcome-settlement",
        VisitOutcome::Refused => "visit-outcome-refused",
        VisitOutcome::Dispute => "visit-outcome-dispute",
        VisitOutcome::Hardship => "visit-outcome-hardship",
        VisitOutcome::Revisit => "visit-outcome-revisit",
        VisitOutcome::Nothing => "visit-outcome-nothing",
    }
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn time(s: &str) -> Option<chrono::NaiveTime> {
    chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// The message of `error` when it is about `field`, shown under it.
#[component]
pub fn FieldError(error: RwSignal<Option<CommandError>>, field: Field) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    move || {
        error.get().and_then(|e| match &e {
            CommandError::Invalid { field: f, code } if *f == field => Some(view! {
                <p class="field-error" role="alert">{i18n::invalid(lang.get(), *f, code)}</p>
            }),
            _ => None,
        })
    }
}

#[component]
pub fn VisitPage(
    id: String,
    /// The report (its id) this one corrects.
    #[prop(optional, into)]
    corrects: Option<String>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let error = RwSignal::new(None::<CommandError>);
    let started = RwSignal::new(None::<chrono::NaiveDateTime>);
    let contact = RwSignal::new(None::<VisitContact>);
    let detail = RwSignal::new(None::<VisitDetail>);
    let outcome = RwSignal::new(None::<VisitOutcome>);
    let channel = RwSignal::new(Some(PromiseChannel::BankTransfer));
    let [who, amount, due_on, settlement, details, revisit_on, window_from, window_until, notes, next_step, follow_up] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let saved = RwSignal::new(None::<VisitSaved>);
    let identity = RwSignal::new(None::<::api::IdentityForm>);
    let photos = RwSignal::new(Vec::<::api::PhotoDraft>::new());
    let start = Runner::new(error);
    let saving = Runner::new(error);
    start.run::<StartVisit>(
        CaseRequest {
            case_id: id.clone(),
        },
        move |s| started.set(Some(s.started_at)),
    );
    let case_id = id.clone();
    let correcting = corrects.is_some();
    let save = move |_| {
        let settlement = settlement.get_untracked();
        let form = VisitForm {
            case_id: case_id.clone(),
            contact: contact.get_untracked(),
            detail: detail.get_untracked(),
            who: who.get_untracked(),
            outcome: outcome.get_untracked(),
            amount: amount.get_untracked(),
            due_on: date(&due_on.get_untracked()),
            channel: channel.get_untracked(),
            // The device numbers the receipt as the server does.
            receipt: String::new(),
            settlement_id: Some(settlement).filter(|s| !s.trim().is_empty()),
            details: details.get_untracked(),
            revisit_on: date(&revisit_on.get_untracked()),
            window_from: time(&window_from.get_untracked()),
            window_until: time(&window_until.get_untracked()),
            notes: notes.get_untracked(),
            next_step: next_step.get_untracked(),
            follow_up: date(&follow_up.get_untracked()),
            started_at: started.get_untracked(),
            corrects: corrects.clone(),
            receipt_strokes: None,
            photos: photos.get_untracked(),
            identity: identity.get_untracked(),
        };
        saving.run::<RecordVisit>(form, move |s| saved.set(Some(s)));
    };
    let back_id = id.clone();
    let text_input = move |input_id: &'static str,
                           label: fn(&i18n::VisitTexts) -> &'static str,
                           value: RwSignal<String>,
                           field: Field,
                           kind: &'static str| {
        view! {
            <label class="form">
                {move || label(visit_texts(lang.get()))}
                <input id=input_id type=kind autocomplete="off" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <FieldError error=error field=field />
            </label>
        }
    };
    view! {
        <section class="page visit">
            <button class="back" id="visit-back" on:click=move |_| route.set(Route::Case(back_id.clone()))>
                {move || visit_texts(lang.get()).back_to_case}
            </button>
            <h1>{move || visit_texts(lang.get()).title}</h1>
            {correcting.then(|| view! {
                <p class="card note" id="visit-correcting">{move || visit_texts(lang.get()).correcting}</p>
            })}
            <fieldset class="card choices" id="visit-contact">
                <legend>{move || visit_texts(lang.get()).whom}</legend>
                {VisitContact::ALL.into_iter().map(|c| view! {
                    <button id=contact_id(c) class="choice" class:chosen=move || contact.get() == Some(c)
                        aria-pressed=move || (contact.get() == Some(c)).to_string()
                        on:click=move |_| {
                            contact.set(Some(c));
                            detail.set(c.details().first().copied());
                            // A result the new contact does not allow is dropped.
                            if outcome.get_untracked().is_some_and(|o| !c.outcomes().contains(&o)) {
                                outcome.set(None);
                            }
                        }>
                        {move || i18n::visit_contact(lang.get(), c)}
                    </button>
                }).collect_view()}
                <FieldError error=error field=Field::VisitContact />
            </fieldset>
            {move || contact.get().filter(|c| !c.details().is_empty()).map(|c| view! {
                <fieldset class="card choices" id="visit-detail">
                    {c.details().iter().copied().map(|d| view! {
                        <button id=detail_id(d) class="choice small" class:chosen=move || detail.get() == Some(d)
                            aria-pressed=move || (detail.get() == Some(d)).to_string()
                            on:click=move |_| detail.set(Some(d))>
                            {move || i18n::visit_detail(lang.get(), d)}
                        </button>
                    }).collect_view()}
                    {(c == VisitContact::ThirdParty).then(|| text_input("visit-who", |t| t.who, who, Field::VisitWho, "text"))}
                    <FieldError error=error field=Field::VisitDetail />
                </fieldset>
            })}
            <crate::pages::door::DoorCheck case_id=id.clone() contact=contact confirmed=identity error=error />
            // The results (a promise, a payment, a settlement) speak of the
            // debt: with the debtor only once confirmed.
            {move || contact.get()
                .filter(|c| *c != VisitContact::RightParty || identity.get().is_some())
                .map(|c| view! {
                <fieldset class="card choices" id="visit-outcome">
                    <legend>{move || visit_texts(lang.get()).outcome}</legend>
                    {c.outcomes().into_iter().map(|o| view! {
                        <button id=outcome_id(o) class="choice" class:chosen=move || outcome.get() == Some(o)
                            aria-pressed=move || (outcome.get() == Some(o)).to_string()
                            on:click=move |_| outcome.set(Some(o))>
                            {move || i18n::visit_outcome(lang.get(), o)}
                        </button>
                    }).collect_view()}
                    <FieldError error=error field=Field::VisitOutcome />
                </fieldset>
            })}
            {move || outcome.get().map(|o| match o {
                VisitOutcome::PromiseToPay => view! {
                    <fieldset class="card form">
                        {text_input("visit-amount", |t| t.amount, amount, Field::VisitAmount, "text")}
                        {text_input("visit-due-on", |t| t.due_on, due_on, Field::VisitDueOn, "date")}
                        <div class="choices">
                            {PromiseChannel::ALL.into_iter().map(|p| view! {
                                <button class="choice small" class:chosen=move || channel.get() == Some(p)
                                    on:click=move |_| channel.set(Some(p))>
                                    {move || i18n::promise_channel(lang.get(), p)}
                                </button>
                            }).collect_view()}
                        </div>
                        <FieldError error=error field=Field::VisitChannel />
                    </fieldset>
                }.into_any(),
                VisitOutcome::PaidAtDoor => view! {
                    <fieldset class="card form">
                        {text_input("visit-amount", |t| t.amount, amount, Field::VisitAmount, "text")}
                        <p class="muted" id="visit-receipt-note">{move || visit_texts(lang.get()).receipt_note}</p>
                    </fieldset>
                }.into_any(),
                VisitOutcome::SettlementSigned => view! {
                    <fieldset class="card form">
                        {text_input("visit-settlement", |t| t.settlement, settlement, Field::VisitSettlement, "text")}
                    </fieldset>
                }.into_any(),
                VisitOutcome::Refused | VisitOutcome::Dispute | VisitOutcome::Hardship => view! {
                    <fieldset class="card form">
                        {text_input("visit-details", |t| t.details, details, Field::VisitDetails, "text")}
                    </fieldset>
                }.into_any(),
                VisitOutcome::Revisit => view! {
                    <fieldset class="card form">
                        {text_input("visit-revisit-on", |t| t.revisit_on, revisit_on, Field::VisitRevisitOn, "date")}
                        {text_input("visit-window-from", |t| t.window_from, window_from, Field::VisitWindow, "time")}
                        {text_input("visit-window-until", |t| t.window_until, window_until, Field::VisitWindow, "time")}
                    </fieldset>
                }.into_any(),
                VisitOutcome::Nothing => ().into_any(),
            })}
            {move || outcome.get().map(|_| view! { <PhotoPicker photos=photos error=error name="visit" /> })}
            {move || outcome.get().map(|_| view! {
                <fieldset class="card form">
                    <label class="form">
                        {move || visit_texts(lang.get()).notes}
                        <textarea id="visit-notes" rows="4" prop:value=move || notes.get()
                            on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                        <FieldError error=error field=Field::VisitNotes />
                    </label>
                    {text_input("visit-next-step", |t| t.next_step, next_step, Field::VisitNextStep, "text")}
                    {text_input("visit-follow-up", |t| t.follow_up, follow_up, Field::VisitFollowUp, "date")}
                    <FieldError error=error field=Field::VisitTimes />
                    <button id="visit-save" class="primary wide" on:click=save.clone()
                        disabled=move || saving.pending() || saved.get().is_some()>
                        {move || visit_texts(lang.get()).save}
                    </button>
                </fieldset>
            })}
            <ErrorBanner error=error />
            {move || saved.get().map(|s| view! {
                <div class="card ok" id="visit-saved">
                    <p>{move || visit_texts(lang.get()).saved}</p>
                    <p id="visit-line">{s.line.clone()}</p>
                    {(!s.fix).then(|| view! { <p class="muted">{move || visit_texts(lang.get()).no_fix}</p> })}
                    {s.receipt.clone().map(|r| {
                        let saved_to = r.saved_to.clone();
                        view! {
                            <p id="visit-receipt">{move || i18n::receipt(lang.get(), &r)}</p>
                            {saved_to.map(|p| view! {
                                <p class="muted">{move || visit_texts(lang.get()).receipt_saved_to}" "{p.clone()}</p>
                            })}
                        }
                    })}
                </div>
                // Contact data learnt at the door: a proposal that refers
                // to this visit.
                <div class="card" id="visit-contact-data">
                    <h2>{move || i18n::contact_texts(lang.get()).from_visit}</h2>
                    <crate::pages::contact::ProposeForm
                        case_id=id.clone()
                        visit_id=s.id.clone()
                        on_saved=move |_| {}
                    />
                </div>
            })}
        </section>
    }
}
