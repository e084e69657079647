//! "Dziś" (issue 17): at the top of the case list, today's next stop with
//! its time, "Nawiguj" and "Zadzwoń", and the rest of the day's stops in
//! order below it; without a plan for today, the way to plan it.

use crate::app::{DataVersion, Route};
use crate::components::Navigate;
use crate::i18n::Lang;
use crate::runner::run_quietly;
use ::api::{Today, TodayStop, TodayView};
use leptos::prelude::*;

struct TodayTexts {
    title: &'static str,
    next: &'static str,
    call: &'static str,
    agreed: &'static str,
    visited: &'static str,
    rest: &'static str,
    no_plan: &'static str,
    plan_it: &'static str,
    all_done: &'static str,
}

fn today_texts(l: Lang) -> TodayTexts {
    match l {
        Lang::Pl => TodayTexts {
            title: "Dziś",
            next: "Następna wizyta",
            call: "Zadzwoń",
            agreed: "umówiona",
            visited: "odwiedzona",
            rest: "Wizyty dziś",
            no_plan: "Brak planu na dziś.",
            plan_it: "Zaplanuj dzień",
            all_done: "Wszystkie dzisiejsze wizyty odbyte.",
        },
        Lang::En => TodayTexts {
            title: "Today",
            next: "Next visit",
            call: "Call",
            agreed: "agreed",
            visited: "visited",
            rest: "Today's visits",
            no_plan: "No plan for today.",
            plan_it: "Plan the day",
            all_done: "All of today's visits are done.",
        },
    }
}

/// One stop: time, client, address, and the two actions.
fn stop_view(l: Lang, s: &TodayStop, route: RwSignal<Route>, next: bool) -> impl IntoView {
    let t = today_texts(l);
    let id = s.case_id.clone();
    let time = s.start.format("%H:%M").to_string();
    view! {
        <li class="today-stop" class:next=next class:visited=s.visited data-case-id=s.case_id.clone()>
            <button class="today-open linklike" on:click=move |_| route.set(Route::Case(id.clone()))>
                <strong class="today-time">{time}</strong>
                {s.appointment.map(|_| view! { " " <span class="badge">{t.agreed}</span> })}
                {s.visited.then(|| view! { " " <span class="badge good">{t.visited}</span> })}
                " " <span class="name">{s.debtor_name.clone()}</span>
                <br /><small class="muted">{s.address.clone()} " · " {s.number.clone()}</small>
            </button>
            <span class="today-actions">
                <Navigate line=s.address.clone() lat=Some(s.lat) lon=Some(s.lon) />
                {s.phone.clone().map(|p| view! {
                    <a class="button call" href=format!("tel:{p}")
                        aria-label=format!("{} {}", t.call, s.phone_display.clone().unwrap_or_default())>
                        {t.call}
                    </a>
                })}
            </span>
        </li>
    }
}

#[component]
pub fn TodaySection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let route = expect_context::<RwSignal<Route>>();
    let version = expect_context::<DataVersion>();
    let view_of = RwSignal::new(None::<TodayView>);
    Effect::new(move |_| {
        version.0.track();
        // Quietly: the list below says what is wrong (a locked replica, a
        // device not logged in); this section then shows nothing.
        run_quietly::<Today>((), move |v| view_of.set(Some(v)));
    });
    move || {
        let l = lang.get();
        let t = today_texts(l);
        let v = view_of.get()?;
        Some(if !v.planned {
            view! {
                <section class="card today" id="today" data-planned="false">
                    <h2>{t.title}</h2>
                    <p class="muted">{t.no_plan} " "
                        <button id="today-plan" class="secondary" on:click=move |_| route.set(Route::Plan)>{t.plan_it}</button>
                    </p>
                </section>
            }
            .into_any()
        } else {
            let next = v.next;
            let first = next.and_then(|i| v.stops.get(i)).cloned();
            let count = v.stops.len();
            view! {
                <section class="card today" id="today" data-planned="true">
                    <h2>{t.title}</h2>
                    {match first {
                        Some(s) => view! {
                            <h3>{t.next}</h3>
                            <ul class="plain today-next">{stop_view(l, &s, route, true)}</ul>
                        }.into_any(),
                        None => view! { <p class="ok" id="today-done">{t.all_done}</p> }.into_any(),
                    }}
                    <details id="today-all">
                        <summary>{t.rest} " (" {count} ")"</summary>
                        <ol class="plain today-stops">
                            {v.stops.iter().enumerate().map(|(i, s)| stop_view(l, s, route, Some(i) == next)).collect_view()}
                        </ol>
                    </details>
                </section>
            }
            .into_any()
        })
    }
}
