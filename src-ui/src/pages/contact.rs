//! Contact data as proposals (issue 11): the case page's section of
//! proposals, each change with its state ("zaproponowane" until the back
//! office decides, then accepted, or rejected with its comment), and the
//! form behind "Zaproponuj zmianę" — also on the visit screen, where the
//! proposal refers to the visit. One kind of change at a time, large
//! buttons; a refused field shows the validator's Polish sentence under
//! it, and nothing typed is lost.

use crate::i18n::{self, contact_texts, Lang};
use crate::pages::visit::FieldError;
use crate::runner::Runner;
use ::api::{
    AddressKind, AddressView, CommandError, ConsentKind, ConsentMethodCode, ContactChangeForm,
    ContactChangeKind, ContactForm, ContactSaved, Field, PhoneMarkCode, PhoneView, ProposalState,
    ProposalView, ProposeContact,
};
use leptos::prelude::*;

fn kind_id(k: ContactChangeKind) -> &'static str {
    match k {
        ContactChangeKind::Phone => "contact-kind-phone",
        ContactChangeKind::Email => "contact-kind-email",
        ContactChangeKind::Address => "contact-kind-address",
        ContactChangeKind::Consent => "contact-kind-consent",
    }
}

fn state_class(s: ProposalState) -> &'static str {
    match s {
        ProposalState::Proposed => "approval pending",
        ProposalState::Accepted => "approval approved",
        ProposalState::Rejected => "approval rejected",
    }
}

/// The proposals of a case, each change with its state.
#[component]
pub fn Proposals(proposals: Vec<ProposalView>, l: Lang) -> impl IntoView {
    let t = contact_texts(l);
    if proposals.is_empty() {
        return view! { <p class="muted">{t.none}</p> }.into_any();
    }
    view! {
        <ul class="plain proposals" id="contact-proposals">
            {proposals.into_iter().map(|p| view! {
                <li class="proposal" data-proposal=p.id.clone()>
                    <small class="when">{crate::fmt::datetime(p.made_at)} " · " {p.author.clone()}</small>
                    <ul class="plain">
                        {p.changes.into_iter().map(|c| view! {
                            <li class="proposal-change" data-state=format!("{:?}", c.state)>
                                <span class="what">{c.text.clone()}</span> " "
                                <span class=state_class(c.state)>
                                    {i18n::proposal_state(l, c.state)}
                                    {(!c.comment.is_empty()).then(|| format!(": {}", c.comment))}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                    {(!p.note.is_empty()).then(|| view! { <small>{p.note.clone()}</small> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "Zaproponuj zmianę" and its form: one change of one kind; `on_saved`
/// runs after it is saved (the case page reloads).
#[component]
pub fn ProposeForm(
    case_id: String,
    #[prop(optional)] visit_id: Option<String>,
    #[prop(optional)] phones: Vec<PhoneView>,
    #[prop(optional)] addresses: Vec<AddressView>,
    #[prop(into)] on_saved: Callback<ContactSaved>,
    /// Where the last saved proposal is kept: the page's, so that the
    /// confirmation outlives the reload its saving causes.
    #[prop(optional)]
    saved: Option<RwSignal<Option<ContactSaved>>>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let t = move || contact_texts(lang.get());
    let open = RwSignal::new(false);
    let kind = RwSignal::new(ContactChangeKind::Phone);
    let error = RwSignal::new(None::<CommandError>);
    let saved = saved.unwrap_or_else(|| RwSignal::new(None::<ContactSaved>));
    let [target, number, email, street, postal_code, city, captured_by, note] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let [landline, primary, marketing, granted] = std::array::from_fn(|_| RwSignal::new(false));
    let mark = RwSignal::new(None::<PhoneMarkCode>);
    let address_kind = RwSignal::new(AddressKind::Residence);
    let channel = RwSignal::new(ConsentKind::Phone);
    let method = RwSignal::new(ConsentMethodCode::InPerson);
    let saving = Runner::new(error);
    let save = move |_| {
        let named = Some(target.get_untracked()).filter(|t| !t.is_empty());
        let change = ContactChangeForm {
            target: named,
            number: number.get_untracked(),
            landline: landline.get_untracked(),
            primary: primary.get_untracked(),
            mark: mark.get_untracked(),
            email: email.get_untracked(),
            address_kind: Some(address_kind.get_untracked()),
            street: street.get_untracked(),
            postal_code: postal_code.get_untracked(),
            city: city.get_untracked(),
            channel: Some(channel.get_untracked()),
            marketing: marketing.get_untracked(),
            granted: granted.get_untracked(),
            captured_at: None,
            method: Some(method.get_untracked()),
            captured_by: captured_by.get_untracked(),
            ..ContactChangeForm::new(kind.get_untracked())
        };
        let form = ContactForm {
            case_id: case_id.clone(),
            visit_id: visit_id.clone(),
            changes: vec![change],
            note: note.get_untracked(),
        };
        saving.run::<ProposeContact>(form, move |s| {
            // Saved: the form closes and starts empty next time.
            for s in [
                target,
                number,
                email,
                street,
                postal_code,
                city,
                captured_by,
                note,
            ] {
                s.set(String::new());
            }
            mark.set(None);
            open.set(false);
            saved.set(Some(s.clone()));
            on_saved.run(s);
        });
    };
    let text_input = move |input_id: &'static str,
                           label: fn(&i18n::ContactTexts) -> &'static str,
                           value: RwSignal<String>,
                           field: Field,
                           kind: &'static str| {
        view! {
            <label class="form">
                {move || label(contact_texts(lang.get()))}
                <input id=input_id type=kind autocomplete="off" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <FieldError error=error field=field />
            </label>
        }
    };
    let check = move |input_id: &'static str,
                      label: fn(&i18n::ContactTexts) -> &'static str,
                      value: RwSignal<bool>| {
        view! {
            <label class="check">
                <input id=input_id type="checkbox" prop:checked=move || value.get()
                    on:change=move |ev| value.set(event_target_checked(&ev)) />
                {move || label(contact_texts(lang.get()))}
            </label>
        }
    };
    let phone_targets = phones.clone();
    let address_targets = addresses.clone();
    view! {
        <div class="contact-propose">
            {move || saved.get().map(|s| view! {
                <p class="ok" id="contact-saved">{move || t().saved} " " <span id="contact-line">{s.line.clone()}</span></p>
            })}
            <button id="propose-contact" class="primary wide" on:click=move |_| {
                error.set(None);
                saved.set(None);
                open.set(true);
            } disabled=move || open.get()>{move || t().propose}</button>
            {move || open.get().then(|| {
                let phone_targets = phone_targets.clone();
                let address_targets = address_targets.clone();
                view! {
                <fieldset class="card form" id="contact-form">
                    <legend>{move || t().what}</legend>
                    <div class="choices">
                        {ContactChangeKind::ALL.into_iter().map(|k| view! {
                            <button id=kind_id(k) class="choice small" class:chosen=move || kind.get() == k
                                aria-pressed=move || (kind.get() == k).to_string()
                                on:click=move |_| { kind.set(k); target.set(String::new()); }>
                                {move || i18n::contact_change(lang.get(), k)}
                            </button>
                        }).collect_view()}
                    </div>
                    {move || match kind.get() {
                        ContactChangeKind::Phone => view! {
                            <label class="form">
                                {move || t().target}
                                <select id="contact-target" on:change=move |ev| target.set(event_target_value(&ev))>
                                    <option value="" selected=move || target.get().is_empty()>{move || t().new_entry}</option>
                                    {phone_targets.iter().map(|p| {
                                        let id = p.id.clone();
                                        let chosen = id.clone();
                                        view! { <option value=id selected=move || target.get() == chosen>{p.display.clone()}</option> }
                                    }).collect_view()}
                                </select>
                                <FieldError error=error field=Field::ContactTarget />
                            </label>
                            {text_input("contact-number", |t| t.number, number, Field::ContactPhone, "tel")}
                            {check("contact-landline", |t| t.landline, landline)}
                            {check("contact-primary", |t| t.primary, primary)}
                            <p class="label">{move || t().mark}</p>
                            <div class="choices" id="contact-mark">
                                <button class="choice small" class:chosen=move || mark.get().is_none()
                                    on:click=move |_| mark.set(None)>{move || t().no_mark}</button>
                                {PhoneMarkCode::ALL.into_iter().map(|m| view! {
                                    <button class="choice small" class:chosen=move || mark.get() == Some(m)
                                        on:click=move |_| mark.set(Some(m))>
                                        {move || i18n::phone_mark(lang.get(), m)}
                                    </button>
                                }).collect_view()}
                            </div>
                        }.into_any(),
                        ContactChangeKind::Email => view! {
                            {text_input("contact-email", |t| t.email, email, Field::ContactEmail, "email")}
                            {check("contact-primary", |t| t.primary, primary)}
                        }.into_any(),
                        ContactChangeKind::Address => view! {
                            <label class="form">
                                {move || t().target}
                                <select id="contact-target" on:change=move |ev| target.set(event_target_value(&ev))>
                                    <option value="" selected=move || target.get().is_empty()>{move || t().new_entry}</option>
                                    {address_targets.iter().map(|a| {
                                        let id = a.id.clone();
                                        let chosen = id.clone();
                                        view! { <option value=id selected=move || target.get() == chosen>{a.line.clone()}</option> }
                                    }).collect_view()}
                                </select>
                                <FieldError error=error field=Field::ContactTarget />
                            </label>
                            <p class="label">{move || t().address_kind}</p>
                            <div class="choices" id="contact-address-kind">
                                {[AddressKind::Registered, AddressKind::Correspondence, AddressKind::Residence].into_iter().map(|k| view! {
                                    <button class="choice small" class:chosen=move || address_kind.get() == k
                                        on:click=move |_| address_kind.set(k)>
                                        {move || i18n::address_kind(lang.get(), k)}
                                    </button>
                                }).collect_view()}
                            </div>
                            {text_input("contact-street", |t| t.street, street, Field::ContactStreet, "text")}
                            {text_input("contact-postal-code", |t| t.postal_code, postal_code, Field::ContactPostalCode, "text")}
                            {text_input("contact-city", |t| t.city, city, Field::ContactCity, "text")}
                        }.into_any(),
                        ContactChangeKind::Consent => view! {
                            <p class="label">{move || t().channel}</p>
                            <div class="choices" id="contact-channel">
                                {[ConsentKind::Phone, ConsentKind::Sms, ConsentKind::Email, ConsentKind::HomeVisit].into_iter().map(|k| view! {
                                    <button class="choice small" class:chosen=move || channel.get() == k
                                        on:click=move |_| channel.set(k)>
                                        {move || i18n::consent_kind(lang.get(), k)}
                                    </button>
                                }).collect_view()}
                            </div>
                            {check("contact-granted", |t| t.granted, granted)}
                            {check("contact-marketing", |t| t.marketing, marketing)}
                            <p class="label">{move || t().method}</p>
                            <div class="choices" id="contact-method">
                                {ConsentMethodCode::ALL.into_iter().map(|m| view! {
                                    <button class="choice small" class:chosen=move || method.get() == m
                                        on:click=move |_| method.set(m)>
                                        {move || i18n::consent_method(lang.get(), m)}
                                    </button>
                                }).collect_view()}
                            </div>
                            {text_input("contact-captured-by", |t| t.captured_by, captured_by, Field::ContactCapturedBy, "text")}
                            <FieldError error=error field=Field::ContactCapturedAt />
                        }.into_any(),
                    }}
                    <label class="form">
                        {move || t().note}
                        <textarea id="contact-note" rows="2" prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                        <FieldError error=error field=Field::ContactNote />
                    </label>
                    <FieldError error=error field=Field::ContactChanges />
                    <FieldError error=error field=Field::ContactVisit />
                    <div class="choices">
                        <button id="contact-save" class="primary" on:click=save.clone()
                            disabled=move || saving.pending()>{move || t().save}</button>
                        <button id="contact-cancel" class="secondary" on:click=move |_| open.set(false)>
                            {move || t().cancel}
                        </button>
                    </div>
                </fieldset>
            }})}
        </div>
    }
}
