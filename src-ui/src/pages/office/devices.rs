//! The "Biuro" section "Urządzenia" (issue #12): every device, the latest
//! sync first, with its user, the last sync's time, the unsent changes and
//! the app version the device reported, "Unieważnij" (revoke); the users
//! with "Zablokuj użytkownika" / "Odblokuj". Online: paged on the server.

use super::desk_texts::desk_texts;
use crate::components::ErrorBanner;
use crate::fmt;
use crate::i18n::{texts, Lang};
use crate::runner::Runner;
use ::api::{
    user_role, CommandError, DeskDevices, DeskDevicesPage, DeskPageQuery, DeskRevoke,
    DeskUserDisabled, DeskUsers, DeskUsersPage, RevokeForm, RevokeModeCode, UserDisabledForm,
};
use leptos::prelude::*;

/// Rows per page.
const PAGE: u32 = 25;

/// What the last action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Revoked,
    Disabled,
    Enabled,
}

#[component]
pub fn DevicesSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let devices = RwSignal::new(None::<DeskDevicesPage>);
    let users = RwSignal::new(None::<DeskUsersPage>);
    let device_offset = RwSignal::new(0u32);
    let user_offset = RwSignal::new(0u32);
    let error = RwSignal::new(None::<CommandError>);
    let done = RwSignal::new(None::<Done>);
    let reload = RwSignal::new(0u32);
    let load_devices = Runner::new(error).latest_only();
    let load_users = Runner::new(error).latest_only();
    let acting = Runner::new(error);
    Effect::new(move |_| {
        reload.track();
        let q = DeskPageQuery {
            offset: device_offset.get(),
            limit: PAGE,
        };
        load_devices.run::<DeskDevices>(q, move |p| devices.set(Some(p)));
    });
    Effect::new(move |_| {
        reload.track();
        let q = DeskPageQuery {
            offset: user_offset.get(),
            limit: PAGE,
        };
        load_users.run::<DeskUsers>(q, move |p| users.set(Some(p)));
    });
    let refreshed = move |what: Done| {
        done.set(Some(what));
        reload.update(|n| *n += 1);
    };
    // A decision made meanwhile (409): the lists as they are now.
    let on_conflict = move |e: &CommandError| {
        if matches!(e, CommandError::AlreadyDecided { .. }) {
            reload.update(|n| *n += 1);
        }
    };
    let revoke = move |device_id: String, mode: RevokeModeCode| {
        done.set(None);
        acting.run::<DeskRevoke>(RevokeForm { device_id, mode }, move |()| {
            refreshed(Done::Revoked)
        });
    };
    let set_disabled = move |user_id: String, disabled: bool| {
        done.set(None);
        acting.run_or::<DeskUserDisabled>(
            UserDisabledForm { user_id, disabled },
            move |u| {
                refreshed(if u.disabled {
                    Done::Disabled
                } else {
                    Done::Enabled
                })
            },
            on_conflict,
        );
    };

    view! {
        <div class="office-section office-devices" id="office-devices">
            <h2>{move || desk_texts(lang.get()).devices_title}</h2>
            {move || match error.get() {
                Some(CommandError::AlreadyDecided { .. }) => {
                    view! { <p class="error" role="alert">{desk_texts(lang.get()).already_disabled}</p> }.into_any()
                }
                _ => view! { <ErrorBanner error=error /> }.into_any(),
            }}
            {move || done.get().map(|x| {
                let d = desk_texts(lang.get());
                view! {
                    <p class="ok" id="desk-devices-done" data-done=format!("{x:?}")>
                        {match x { Done::Revoked => d.revoked_ok, Done::Disabled => d.disabled_ok, Done::Enabled => d.enabled_ok }}
                    </p>
                }
            })}
            {move || {
                let l = lang.get();
                let d = desk_texts(l);
                match devices.get() {
                    None => view! { <p class="muted">{texts(l).loading}</p> }.into_any(),
                    Some(p) if p.devices.is_empty() => view! { <p class="muted">{d.no_devices}</p> }.into_any(),
                    Some(p) => {
                        let next = p.next_offset;
                        view! {
                            <ul class="plain desk-devices" id="desk-device-list">
                                {p.devices.into_iter().map(|x| {
                                    let id = x.device_id.clone();
                                    let handed = x.device_id.clone();
                                    view! {
                                        <li class="card desk-device" data-device=x.device_id.clone()
                                            class:revoked=x.revoked class:disabled=x.user_disabled>
                                            <strong>{x.name.clone()}</strong>
                                            <span>{d.user} ": " {x.user_name.clone()} " (" {x.login.clone()} ", " {user_role(l, x.role)} ")"</span>
                                            <span class="desk-last-sync">{d.last_sync} ": "
                                                {x.last_sync.map(fmt::datetime).unwrap_or_else(|| d.never_synced.into())}</span>
                                            <span>{d.pending} ": " {x.pending.map(|n| n.to_string()).unwrap_or_else(|| d.unknown.into())}</span>
                                            <span>{d.app_version} ": " {x.app_version.clone().unwrap_or_else(|| d.unknown.into())}</span>
                                            <span class="row-badges">
                                                {x.revoked.then(|| view! { <span class="badge warn">{d.revoked}</span> })}
                                                {x.user_disabled.then(|| view! { <span class="badge warn">{d.disabled}</span> })}
                                            </span>
                                            {(!x.revoked).then(|| view! {
                                                <span class="row-actions">
                                                    <button class="desk-revoke" disabled=move || acting.pending()
                                                        on:click=move |_| revoke(id.clone(), RevokeModeCode::Lost)>{d.revoke}</button>
                                                    <button class="desk-revoke-handover" disabled=move || acting.pending()
                                                        on:click=move |_| revoke(handed.clone(), RevokeModeCode::Handover)>{d.revoke_handover}</button>
                                                </span>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <div class="pager">
                                {move || (device_offset.get() > 0).then(|| view! {
                                    <button on:click=move |_| device_offset.update(|o| *o = o.saturating_sub(PAGE))>
                                        {desk_texts(lang.get()).previous_page}
                                    </button>
                                })}
                                {next.map(|n| view! { <button on:click=move |_| device_offset.set(n)>{d.next_page}</button> })}
                            </div>
                        }.into_any()
                    }
                }
            }}
            <h2>{move || desk_texts(lang.get()).users_title}</h2>
            {move || {
                let l = lang.get();
                let d = desk_texts(l);
                match users.get() {
                    None => view! { <p class="muted">{texts(l).loading}</p> }.into_any(),
                    Some(p) => {
                        let next = p.next_offset;
                        view! {
                            <ul class="plain desk-users" id="desk-user-list">
                                {p.users.into_iter().map(|u| {
                                    let id = u.user_id.clone();
                                    let disabled = u.disabled;
                                    view! {
                                        <li class="card desk-user" data-login=u.login.clone() class:disabled=disabled>
                                            <strong>{u.name.clone()}</strong>
                                            <span class="muted">{u.login.clone()} " · " {user_role(l, u.role)}</span>
                                            {disabled.then(|| view! { <span class="badge warn">{d.disabled}</span> })}
                                            <button class="desk-user-toggle" disabled=move || acting.pending()
                                                on:click=move |_| set_disabled(id.clone(), !disabled)>
                                                {if disabled { d.enable } else { d.disable }}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <div class="pager">
                                {move || (user_offset.get() > 0).then(|| view! {
                                    <button on:click=move |_| user_offset.update(|o| *o = o.saturating_sub(PAGE))>
                                        {desk_texts(lang.get()).previous_page}
                                    </button>
                                })}
                                {next.map(|n| view! { <button on:click=move |_| user_offset.set(n)>{d.next_page}</button> })}
                            </div>
                        }.into_any()
                    }
                }
            }}
        </div>
    }
}
