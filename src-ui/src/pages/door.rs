//! The doorstep identity check on the visit screen (issue 14): nothing
//! about the debt — the amounts, the creditor, the history — is on the
//! screen until the person at the door gave the debtor's name and one fact
//! that `domain::identity::confirm` checks against the case. With a third
//! party the screen says to disclose nothing.

use crate::i18n::Lang;
use crate::pages::visit::FieldError;
use crate::runner::Runner;
use ::api::{
    CommandError, ConfirmIdentity, DoorCase, Field, IdentityFactCode, IdentityForm, VisitContact,
};
use leptos::prelude::*;

struct DoorTexts {
    title: &'static str,
    hint: &'static str,
    name: &'static str,
    birth_date: &'static str,
    pesel_end: &'static str,
    value_birth: &'static str,
    value_pesel: &'static str,
    confirm: &'static str,
    confirmed: &'static str,
    creditor: &'static str,
    outstanding: &'static str,
    history: &'static str,
    third_party: &'static str,
}

const PL: DoorTexts = DoorTexts {
    title: "Potwierdź tożsamość",
    hint: "Informacje o długu pokażą się po potwierdzeniu, że rozmawiasz z dłużnikiem.",
    name: "Imię i nazwisko podane przez osobę",
    birth_date: "Data urodzenia",
    pesel_end: "Końcówka PESEL",
    value_birth: "Data urodzenia (dd.mm.rrrr)",
    value_pesel: "4 ostatnie cyfry PESEL",
    confirm: "Potwierdź tożsamość",
    confirmed: "Tożsamość potwierdzona",
    creditor: "Wierzyciel",
    outstanding: "Do spłaty",
    history: "Ostatnie zdarzenia",
    third_party: "Osoba trzecia: nie ujawniaj żadnych informacji o długu i nie zostawiaj dokumentów. Raport zapisze tylko, że spotkano osobę trzecią.",
};

const EN: DoorTexts = DoorTexts {
    title: "Confirm the identity",
    hint: "The debt is shown once you confirmed you are speaking with the debtor.",
    name: "The name the person gave",
    birth_date: "Birth date",
    pesel_end: "PESEL's end",
    value_birth: "Birth date (dd.mm.yyyy)",
    value_pesel: "The PESEL's last 4 digits",
    confirm: "Confirm the identity",
    confirmed: "Identity confirmed",
    creditor: "Creditor",
    outstanding: "Outstanding",
    history: "Recent events",
    third_party: "A third party: disclose nothing about the debt and leave no papers. The report records only that a third party was met.",
};

fn texts(lang: Lang) -> &'static DoorTexts {
    match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
    }
}

fn fact_id(f: IdentityFactCode) -> &'static str {
    match f {
        IdentityFactCode::BirthDate => "visit-fact-birth-date",
        IdentityFactCode::PeselEnd => "visit-fact-pesel-end",
    }
}

/// The identity card under the contact choice. `confirmed` is the check
/// that passed (sent with the report); it is cleared when the contact
/// changes away from the debtor.
#[component]
#[allow(clippy::redundant_closure)]
pub fn DoorCheck(
    case_id: String,
    contact: RwSignal<Option<VisitContact>>,
    confirmed: RwSignal<Option<IdentityForm>>,
    error: RwSignal<Option<CommandError>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let name = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let fact = RwSignal::new(IdentityFactCode::BirthDate);
    let door = RwSignal::new(None::<DoorCase>);
    let runner = Runner::new(error);
    let case_id = StoredValue::new(case_id);
    Effect::new(move |_| {
        if contact.get() != Some(VisitContact::RightParty) {
            confirmed.set(None);
            door.set(None);
        }
    });
    let check = move |_| {
        let form = IdentityForm {
            case_id: case_id.get_value(),
            name: name.get_untracked(),
            fact: fact.get_untracked(),
            value: value.get_untracked(),
        };
        let sent = form.clone();
        // Typing again withdraws what an earlier check showed.
        confirmed.set(None);
        door.set(None);
        runner.run::<ConfirmIdentity>(form, move |d| {
            confirmed.set(Some(sent));
            door.set(Some(d));
        });
    };
    move || {
        match contact.get() {
        Some(VisitContact::RightParty) => {
            let t = move || texts(lang.get());
            match door.get() {
                Some(d) => view! {
                    <section class="card door-case" id="visit-door-case">
                        <p class="badge ok" id="visit-identity-confirmed">{move || t().confirmed}</p>
                        <p><strong>{move || t().creditor}": "</strong><span id="visit-door-creditor">{d.creditor.clone()}</span></p>
                        <p><strong>{move || t().outstanding}": "</strong><span id="visit-door-outstanding">{d.outstanding.clone()}</span></p>
                        <h3>{move || t().history}</h3>
                        <ul id="visit-door-history">
                            {d.history.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any(),
                None => view! {
                    <fieldset class="card form" id="visit-identity">
                        <legend>{move || t().title}</legend>
                        <p class="hint">{move || t().hint}</p>
                        <label class="form">
                            {move || t().name}
                            <input id="visit-identity-name" type="text" autocomplete="off"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev)) />
                            <FieldError error=error field=Field::VisitIdentity />
                        </label>
                        <div class="choices">
                            {IdentityFactCode::ALL.into_iter().map(|f| view! {
                                <button id=fact_id(f) class="choice small" class:chosen=move || fact.get() == f
                                    aria-pressed=move || (fact.get() == f).to_string()
                                    on:click=move |_| fact.set(f)>
                                    {move || match f {
                                        IdentityFactCode::BirthDate => t().birth_date,
                                        IdentityFactCode::PeselEnd => t().pesel_end,
                                    }}
                                </button>
                            }).collect_view()}
                        </div>
                        <label class="form">
                            {move || match fact.get() {
                                IdentityFactCode::BirthDate => t().value_birth,
                                IdentityFactCode::PeselEnd => t().value_pesel,
                            }}
                            <input id="visit-identity-value" type="text" autocomplete="off"
                                inputmode=move || match fact.get() {
                                    IdentityFactCode::BirthDate => "text",
                                    IdentityFactCode::PeselEnd => "numeric",
                                }
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev)) />
                            <FieldError error=error field=Field::VisitIdentityFact />
                        </label>
                        <button id="visit-identity-confirm" class="primary"
                            disabled=move || runner.pending()
                            on:click=move |ev| check(ev)>
                            {move || t().confirm}
                        </button>
                    </fieldset>
                }
                .into_any(),
            }
        }
        Some(VisitContact::ThirdParty) => view! {
            <p class="card note" id="visit-third-party-note">{move || texts(lang.get()).third_party}</p>
        }
        .into_any(),
        _ => ().into_any(),
    }
    }
}
