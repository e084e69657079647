//! The app lock (issue #15): the lock screen over every page while the app
//! is locked (the PIN; after five wrong ones the password, online; the
//! warning before the last tries), and the card that sets the PIN.

use crate::app::{DataVersion, Route};
use crate::i18n::{self, lock_texts, Lang};
use crate::runner::Runner;
use ::api::{
    CommandError, LockStatus, LockView, PasswordUnlockForm, PinForm, SetPin, SetPinForm,
    SyncStatus, UnlockPassword, UnlockPin,
};
use leptos::prelude::*;

/// The lock screen: covers the page (which stays as it was beneath).
#[component]
pub fn LockScreen() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let status = expect_context::<RwSignal<Option<SyncStatus>>>();
    let route = expect_context::<RwSignal<Route>>();
    let version = expect_context::<DataVersion>();
    let view_ = RwSignal::new(None::<LockView>);
    let error = RwSignal::new(None::<CommandError>);
    // Reloading the status after a wrong try must not clear what it said.
    let load_error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(load_error);
    let trying = Runner::new(error);
    let secret = RwSignal::new(String::new());
    let reload = move || load.run::<LockStatus>((), move |v| view_.set(Some(v)));
    reload();
    let opened = move |_: LockView| {
        secret.set(String::new());
        status.update(|s| {
            if let Some(s) = s {
                s.locked = false;
            }
        });
        version.bump();
    };
    let failed = move |e: &CommandError| {
        secret.set(String::new());
        if matches!(e, CommandError::Erased { .. }) {
            status.update(|s| {
                if let Some(s) = s {
                    s.locked = false;
                }
            });
            route.set(Route::Login);
        }
        reload();
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = secret.get_untracked();
        if view_.get_untracked().is_some_and(|v| v.password_only) {
            trying.run_or::<UnlockPassword>(PasswordUnlockForm { password: typed }, opened, failed);
        } else {
            trying.run_or::<UnlockPin>(PinForm { pin: typed }, opened, failed);
        }
    };
    view! {
        <div class="lock-screen" id="lock-screen" role="dialog" aria-modal="true">
            <form class="card lock-card" on:submit=submit>
                <h1>{move || lock_texts(lang.get()).title}</h1>
                {move || {
                    let t = lock_texts(lang.get());
                    let v = view_.get();
                    let password = v.as_ref().is_some_and(|v| v.password_only);
                    view! {
                        <p class="muted" id="lock-how">{if password { t.password_only } else { t.enter_pin }}</p>
                        {v.filter(|v| v.warn).map(|v| view! {
                            <p class="error" id="lock-warning">
                                {format!("{} {} · {} {}", t.before_wipe, v.before_wipe, t.unsynced, v.unsynced)}
                            </p>
                        })}
                        <label class="form">
                            <span>{if password { t.password } else { t.pin }}</span>
                            <input id="lock-secret" type="password" autocomplete="off"
                                inputmode=if password { "text" } else { "numeric" }
                                prop:value=move || secret.get()
                                on:input=move |ev| secret.set(event_target_value(&ev)) />
                        </label>
                    }
                }}
                {move || error.get().map(|e| view! { <p class="error" role="alert" id="lock-error">{i18n::error(lang.get(), &e)}</p> })}
                <button class="primary wide" id="lock-unlock" type="submit" disabled=move || trying.pending()>
                    {move || lock_texts(lang.get()).unlock}
                </button>
            </form>
        </div>
    }
}

/// "Ustaw PIN aplikacji": shown on the case list until a PIN is set.
#[component]
pub fn PinSetup() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let view_ = RwSignal::new(None::<LockView>);
    let error = RwSignal::new(None::<CommandError>);
    let form_error = RwSignal::new(None::<CommandError>);
    let load = Runner::new(error);
    let saving = Runner::new(form_error);
    let pin = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    load.run::<LockStatus>((), move |v| view_.set(Some(v)));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run::<SetPin>(
            SetPinForm {
                pin: pin.get_untracked(),
                repeat: repeat.get_untracked(),
            },
            move |v| {
                pin.set(String::new());
                repeat.set(String::new());
                view_.set(Some(v));
            },
        );
    };
    // Only a logged-in device can set one (the password after five wrong
    // PINs is its user's).
    let status = expect_context::<RwSignal<Option<SyncStatus>>>();
    move || {
        let logged_in = status.with(|s| s.as_ref().is_some_and(|s| s.logged_in_as.is_some()));
        view_.get().filter(|v| !v.pin_set && logged_in).map(|_| {
            let t = lock_texts(lang.get());
            view! {
                <form class="card form pin-setup" id="pin-setup" on:submit=save>
                    <h2>{t.set_title}</h2>
                    <p class="muted">{t.set_why}</p>
                    <label class="form">
                        <span>{t.pin}</span>
                        <input id="pin-new" type="password" inputmode="numeric" autocomplete="off"
                            prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
                    </label>
                    <label class="form">
                        <span>{t.repeat}</span>
                        <input id="pin-repeat" type="password" inputmode="numeric" autocomplete="off"
                            prop:value=move || repeat.get() on:input=move |ev| repeat.set(event_target_value(&ev)) />
                    </label>
                    {move || form_error.get().map(|e| view! { <p class="error" role="alert" id="pin-error">{i18n::error(lang.get(), &e)}</p> })}
                    <button class="primary" id="pin-save" type="submit" disabled=move || saving.pending()>{t.save}</button>
                </form>
            }
        })
    }
}
