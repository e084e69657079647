//! "Plan dnia": the day's candidates with their key-case reasons, the day
//! planned (stops with times, what was left out and why), the advisor's
//! edits (pin, move, remove, add back), a sketch of the route, the week
//! preview, and sending the plan to the team lead.

use crate::app::DataVersion;
use crate::components::{ErrorBanner, Flags};
use crate::fmt;
use crate::i18n::{self, texts, Lang};
use crate::runner::Runner;
use ::api::{
    AppInfoCmd, CandidatesView, CommandError, DayPlanView, EditPlan, EditPlanRequest, Field,
    GetDayPlan, PlanCandidates, PlanDay, PlanEdit, PlanParams, PlanPoint, PlanStatusCode,
    PlanStopView, PlanWeek, Reason, SubmitPlan, SubmitPlanRequest, WeekPlanView,
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn drive(minutes: u32) -> String {
    format!("{} h {:02} min", minutes / 60, minutes % 60)
}

fn status_class(s: PlanStatusCode) -> &'static str {
    match s {
        PlanStatusCode::Draft => "badge",
        PlanStatusCode::Submitted => "badge status",
        PlanStatusCode::Approved => "badge good",
        PlanStatusCode::Returned => "badge bad",
    }
}

/// The route drawn on a plain box: latitude and longitude projected with
/// the longitude scaled by cos(latitude), start as a square, stops as
/// numbered circles joined in order. No map tiles.
#[component]
fn RouteSketch(start: PlanPoint, stops: Vec<PlanStopView>) -> impl IntoView {
    let points = stops.iter().map(|s| (s.lat, s.lon, s.pinned)).collect();
    view! {
        <Sketch id="route-sketch".to_owned() label=start.label.clone() start=Some((start.lat, start.lon)) stops=points />
    }
}

/// A route's sketch: `stops` as (latitude, longitude, pinned) in order,
/// from `start` and back to it when there is one (the plan screen), else
/// only between the stops (the team lead's card, which has no base).
#[component]
pub fn Sketch(
    id: String,
    label: String,
    start: Option<(f64, f64)>,
    stops: Vec<(f64, f64, bool)>,
) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 320.0;
    const PAD: f64 = 24.0;
    let mut lats: Vec<f64> = stops.iter().map(|s| s.0).collect();
    lats.extend(start.map(|s| s.0));
    let mid = (lats.iter().cloned().fold(f64::MAX, f64::min)
        + lats.iter().cloned().fold(f64::MIN, f64::max))
        / 2.0;
    let k = mid.to_radians().cos();
    let xy = |lat: f64, lon: f64| (lon * k, lat);
    let pts: Vec<(f64, f64)> = start
        .map(|s| xy(s.0, s.1))
        .into_iter()
        .chain(stops.iter().map(|s| xy(s.0, s.1)))
        .collect();
    let (min_x, max_x) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let span = (max_x - min_x).max(max_y - min_y).max(1e-6);
    let scale = (W - 2.0 * PAD).min(H - 2.0 * PAD) / span;
    let off_x = (W - (max_x - min_x) * scale) / 2.0;
    let off_y = (H - (max_y - min_y) * scale) / 2.0;
    // North up: the y axis of the box grows downwards.
    let screen: Vec<(f64, f64)> = pts
        .iter()
        .map(|p| {
            (
                off_x + (p.0 - min_x) * scale,
                H - (off_y + (p.1 - min_y) * scale),
            )
        })
        .collect();
    let mut line: Vec<String> = screen
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.0, p.1))
        .collect();
    let skip = usize::from(start.is_some());
    if start.is_some() {
        line.push(line[0].clone());
    }
    let first = screen.first().copied();
    view! {
        <svg id=id class="sketch" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
            <rect x="0" y="0" width=W height=H fill="#f8fafc" />
            <polyline points=line.join(" ") fill="none" stroke="#0b5394" stroke-width="2" stroke-linejoin="round" />
            {start.and(first).map(|(sx, sy)| view! {
                <rect class="sketch-start" x=sx - 8.0 y=sy - 8.0 width="16" height="16" fill="#1d2430" />
            })}
            {screen
                .iter()
                .skip(skip)
                .enumerate()
                .map(|(i, (x, y))| {
                    let pinned = stops[i].2;
                    view! {
                        <g class="sketch-stop">
                            <circle cx=*x cy=*y r="11" fill=if pinned { "#8a5a00" } else { "#0b5394" } stroke="white" stroke-width="2" />
                            <text x=*x y=*y + 4.5 text-anchor="middle" font-size="12" fill="white">{i + 1}</text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
    }
}

/// The date field's text as a day (`domain::format::parse_date`).
fn domain_date(text: &str) -> Option<NaiveDate> {
    ::domain::format::parse_date(text)
}

struct WeekTexts {
    save: &'static str,
    saved: &'static str,
    skipped: &'static str,
}

fn week_texts(l: Lang) -> WeekTexts {
    match l {
        Lang::Pl => WeekTexts {
            save: "Zapisz tydzień jako plany dni",
            saved: "Zapisane plany dni",
            skipped: "Pominięty",
        },
        Lang::En => WeekTexts {
            save: "Save the week as day plans",
            saved: "Day plans saved",
            skipped: "Skipped",
        },
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let version = expect_context::<DataVersion>();
    let date = RwSignal::new(None::<NaiveDate>);
    let candidates = RwSignal::new(None::<CandidatesView>);
    let plan = RwSignal::new(None::<DayPlanView>);
    let week = RwSignal::new(None::<WeekPlanView>);
    let error = RwSignal::new(None::<CommandError>);
    let comment = RwSignal::new(String::new());
    // The day whose note `comment` holds.
    let comment_for = StoredValue::new(None::<NaiveDate>);
    // "Zapisz tydzień jako plany dni": what was saved and skipped.
    let week_saved = RwSignal::new(None::<::api::WeekDrafts>);
    // The day's candidates and plan, reloaded as the form changes.
    let load = Runner::new(error).latest_only();
    // Planning the day and the week: each button waits for both.
    let planning = Runner::new(error);
    let editing = Runner::new(error);
    let submitting = Runner::new(error);

    // Today's date comes from the device's clock, through the backend.
    load.run::<AppInfoCmd>((), move |info| date.set(Some(info.plan_date)));
    let from = RwSignal::new("08:00".to_owned());
    let until = RwSignal::new("16:00".to_owned());
    let visit_minutes = RwSignal::new("30".to_owned());
    // The request from the form; a field that does not parse is named.
    let params = move || -> Result<PlanParams, CommandError> {
        let bad = |field: Field| CommandError::invalid(field, Reason::Malformed);
        let d = date.get_untracked().ok_or_else(|| bad(Field::Date))?;
        let time = |s: String| NaiveTime::parse_from_str(s.trim(), "%H:%M");
        Ok(PlanParams {
            from: time(from.get_untracked()).map_err(|_| bad(Field::From))?,
            until: time(until.get_untracked()).map_err(|_| bad(Field::Until))?,
            visit_minutes: visit_minutes
                .get_untracked()
                .trim()
                .parse()
                .map_err(|_| bad(Field::VisitMinutes))?,
            ..PlanParams::for_date(d)
        })
    };

    Effect::new(move |_| {
        version.0.track();
        if date.get().is_none() {
            return;
        }
        let req = match params() {
            Ok(p) => p,
            Err(e) => return error.set(Some(e)),
        };
        week.set(None);
        let day = req.date;
        let both = async move {
            let c = crate::api::call::<PlanCandidates>(&req).await;
            let p = crate::api::call::<GetDayPlan>(&req).await;
            Ok((c?, p?))
        };
        load.spawn(both, move |(c, p)| {
            candidates.set(Some(c));
            // Another day's note never carries over: the comment is the
            // day's own (its plan's, or empty) whenever the day changes.
            if comment_for.get_value() != Some(day) {
                comment_for.set_value(Some(day));
                comment.set(
                    p.as_ref()
                        .and_then(|p| p.comment.clone())
                        .unwrap_or_default(),
                );
            }
            plan.set(p);
        });
    });

    let plan_day = move |_| planning.try_run::<PlanDay>(params(), move |p| plan.set(Some(p)));
    let plan_week = move |_| {
        week_saved.set(None);
        planning.try_run::<PlanWeek>(params(), move |w| week.set(Some(w)))
    };
    let save_week = move |_| {
        planning.try_run::<::api::SaveWeekDrafts>(params(), move |r| {
            week_saved.set(Some(r));
            version.bump();
        })
    };
    let edit = move |edit: PlanEdit| {
        let req = params().map(|params| EditPlanRequest { params, edit });
        editing.try_run::<EditPlan>(req, move |p| plan.set(Some(p)));
    };
    let submit = move |_| {
        let c = comment.get_untracked();
        let req = params().map(|params| SubmitPlanRequest {
            params,
            comment: Some(c).filter(|c| !c.trim().is_empty()),
        });
        submitting.try_run::<SubmitPlan>(req, move |p| {
            plan.set(Some(p));
            version.bump();
        });
    };

    view! {
        <section class="page plan">
            <h1>{move || texts(lang.get()).plan_title}</h1>
            <div class="plan-controls">
                <label>
                    {move || texts(lang.get()).date}
                    // dd.mm.rrrr whatever the system's locale (a native date
                    // field shows 12/01/2026 under C.UTF-8), with a day
                    // back and forward.
                    <span class="date-step">
                        <button id="plan-prev-day" class="secondary" type="button" aria-label="−1"
                            on:click=move |_| date.update(|d| *d = d.and_then(|d| d.pred_opt()))>"‹"</button>
                        <input id="plan-date" type="text" inputmode="numeric" placeholder="dd.mm.rrrr"
                            autocomplete="off"
                            prop:value=move || date.get().map(fmt::date).unwrap_or_default()
                            on:change=move |ev| {
                                match domain_date(&event_target_value(&ev)) {
                                    Some(d) => date.set(Some(d)),
                                    None => error.set(Some(CommandError::invalid(Field::Date, Reason::Malformed))),
                                }
                            } />
                        <button id="plan-next-day" class="secondary" type="button" aria-label="+1"
                            on:click=move |_| date.update(|d| *d = d.and_then(|d| d.succ_opt()))>"›"</button>
                    </span>
                </label>
                <label>
                    {move || texts(lang.get()).work_from}
                    <input id="plan-from" type="time" prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev)) />
                </label>
                <label>
                    {move || texts(lang.get()).work_until}
                    <input id="plan-until" type="time" prop:value=move || until.get()
                        on:change=move |ev| until.set(event_target_value(&ev)) />
                </label>
                <label>
                    {move || texts(lang.get()).visit_minutes}
                    <input id="plan-visit-minutes" inputmode="numeric" prop:value=move || visit_minutes.get()
                        on:change=move |ev| visit_minutes.set(event_target_value(&ev)) />
                </label>
                <button id="plan-day" class="primary" disabled=move || planning.pending() on:click=plan_day>
                    {move || texts(lang.get()).plan_day}
                </button>
                <button id="plan-week" class="secondary" disabled=move || planning.pending() on:click=plan_week>
                    {move || texts(lang.get()).plan_week}
                </button>
            </div>
            <ErrorBanner error=error />
            {move || plan.get().map(|p| {
                let l = lang.get();
                let t = texts(l);
                let editable = p.status == PlanStatusCode::Draft || p.status == PlanStatusCode::Returned;
                let stops = p.stops.clone();
                let count = stops.len();
                view! {
                    <div class="plan-grid">
                        <div class="card plan-day">
                            <h2>
                                {t.stops} " "
                                <span id="plan-status" class=status_class(p.status) data-status=format!("{:?}", p.status)>
                                    {i18n::plan_status(l, p.status)}
                                </span>
                            </h2>
                            {p.review_comment.clone().map(|c| view! {
                                <p class="note" id="plan-review">
                                    {t.review_comment} {p.reviewed_by.clone().map(|b| format!(" ({b})")).unwrap_or_default()} ": " {c}
                                </p>
                            })}
                            <p class="plan-facts">
                                <span>{t.start_at} ": " {p.start.label.clone()} ", " <strong id="plan-departure">{hm(p.departure)}</strong></span>
                                <span>{t.day_end} ": " <strong id="plan-end">{hm(p.end)}</strong></span>
                                <span>{t.drive_time} ": " <strong id="plan-drive">{drive(p.drive_minutes)}</strong></span>
                            </p>
                            {(!p.warnings.is_empty()).then(|| view! {
                                <ul class="plain warnings" id="plan-warnings" role="alert">
                                    {p.warnings.iter().map(|w| view! {
                                        <li class="note warn">
                                            {i18n::plan_warning(l, w.code)}
                                            {w.debtor_name.clone().map(|n| format!(": {n}")).unwrap_or_default()}
                                            {w.at.map(|a| format!(" ({})", hm(a))).unwrap_or_default()}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            <ol class="stops" id="plan-stops">
                                {stops.into_iter().enumerate().map(|(i, s)| {
                                    let id = s.case_id.clone();
                                    let (id_pin, id_up, id_down, id_rm) = (id.clone(), id.clone(), id.clone(), id.clone());
                                    let pinned = s.pinned;
                                    view! {
                                        <li class="stop" class:pinned=pinned data-case-id=id.clone()>
                                            <span class="stop-no">{i + 1}</span>
                                            <span class="stop-main">
                                                <span class="stop-times">
                                                    <span class="stop-arrival">{hm(s.arrival)}</span>
                                                    "–"
                                                    <span class="stop-departure">{hm(s.departure)}</span>
                                                    {(s.start != s.arrival).then(|| view! {
                                                        <span class="stop-wait muted">"(" {t.visit_from} " " {hm(s.start)} ")"</span>
                                                    })}
                                                    {s.appointment.map(|a| view! { <span class="flag">{t.appointment} " " {hm(a)}</span> })}
                                                </span>
                                                <span class="stop-name">{s.debtor_name.clone()}</span>
                                                <span class="stop-town muted">{s.street.clone()} ", " <span class="stop-city">{s.city.clone()}</span></span>
                                                <Flags flags=s.reasons.clone() />
                                                <button class="visit-open" on:click={
                                                    let (id, route) = (id.clone(), expect_context::<RwSignal<crate::app::Route>>());
                                                    move |_| route.set(crate::app::Route::Visit(id.clone()))
                                                }>{i18n::visit_texts(l).open}</button>
                                                <crate::components::Navigate
                                                    line=format!("{}, {}", s.street, s.city)
                                                    lat=Some(s.lat)
                                                    lon=Some(s.lon)
                                                />
                                            </span>
                                            {editable.then(|| view! {
                                                <span class="stop-actions">
                                                    <button class="pin" class:active=pinned aria-pressed=pinned.to_string()
                                                        title=if pinned { t.unpin } else { t.pin }
                                                        on:click=move |_| edit(PlanEdit::Pin { case_id: id_pin.clone(), pinned: !pinned })>
                                                        {if pinned { t.unpin } else { t.pin }}
                                                    </button>
                                                    <button class="up" title=t.move_up aria-label=t.move_up disabled=i == 0
                                                        on:click=move |_| edit(PlanEdit::MoveUp { case_id: id_up.clone() })>"▲"</button>
                                                    <button class="down" title=t.move_down aria-label=t.move_down disabled=i + 1 == count
                                                        on:click=move |_| edit(PlanEdit::MoveDown { case_id: id_down.clone() })>"▼"</button>
                                                    <button class="remove" title=t.remove aria-label=t.remove
                                                        on:click=move |_| edit(PlanEdit::Remove { case_id: id_rm.clone() })>"✕"</button>
                                                </span>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </div>
                        <div class="card plan-map">
                            <h2>{t.route_sketch}</h2>
                            <RouteSketch start=p.start.clone() stops=p.stops.clone() />
                        </div>
                        <div class="card plan-dropped">
                            <h2>{t.dropped} " (" {p.dropped.len()} ")"</h2>
                            <ul class="plain dropped-list" id="plan-dropped">
                                {p.dropped.iter().map(|d| {
                                    let id = d.case_id.clone();
                                    view! {
                                        <li class="dropped" data-case-id=d.case_id.clone()>
                                            <span class="dropped-main">
                                                <span class="dropped-name">{d.debtor_name.clone()}</span>
                                                <span class="muted">{d.city.clone()} " · " {d.points} " " {t.points}</span>
                                                <span class="dropped-reason" data-reason=d.reason.code()>{i18n::drop_reason(l, d.reason)}</span>
                                            </span>
                                            {editable.then(|| view! {
                                                <button class="add-back" on:click=move |_| edit(PlanEdit::AddBack { case_id: id.clone() })>
                                                    {t.add_back}
                                                </button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                        {(p.status == PlanStatusCode::Draft).then(|| view! {
                            <div class="card plan-submit form">
                                <label>
                                    {if p.date.weekday() == chrono::Weekday::Sat {
                                        t.plan_saturday_reason
                                    } else {
                                        t.plan_comment
                                    }}
                                    <textarea id="plan-comment" rows="2" prop:value=move || comment.get()
                                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                                </label>
                                <button id="plan-submit" class="primary" on:click=submit
                                    disabled=move || submitting.pending()>{t.submit_plan}</button>
                            </div>
                        })}
                        {(p.status == PlanStatusCode::Submitted).then(|| view! {
                            <p class="ok" id="plan-sent">{t.plan_sent}</p>
                        })}
                    </div>
                }
            })}
            {move || week.get().map(|w| {
                let l = lang.get();
                let t = texts(l);
                view! {
                    <div class="card week" id="week">
                        <h2>{t.week_title} " · " {t.drive_time} ": " {drive(w.drive_minutes)}</h2>
                        <div class="week-days">
                            {w.days.iter().map(|d| view! {
                                <section class="week-day" data-date=d.date.to_string()>
                                    <h3>{i18n::weekday(l, d.date)} " " {fmt::date(d.date)}</h3>
                                    <p class="muted">{hm(d.departure)} "–" {hm(d.end)} " · " {drive(d.drive_minutes)}</p>
                                    <ol class="week-stops">
                                        {d.stops.iter().map(|s| view! {
                                            <li>
                                                <span class="stop-arrival">{hm(s.arrival)}</span> " "
                                                <span class="stop-name">{s.debtor_name.clone()}</span>
                                                <span class="muted">", " {s.city.clone()}</span>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </section>
                            }).collect_view()}
                        </div>
                        <p class="muted">{t.dropped} ": " {w.dropped.len()}</p>
                        <button id="week-save" class="primary" disabled=move || planning.pending() || week_saved.get().is_some()
                            on:click=save_week>{week_texts(l).save}</button>
                    </div>
                }
            })}
            // Outside the week card: saving reloads the page's data, which
            // clears the preview.
            {move || week_saved.get().map(|r| {
                let l = lang.get();
                let wt = week_texts(l);
                view! {
                    <div class="ok card" role="status" id="week-saved" data-saved=r.saved.len() data-skipped=r.skipped.len()>
                        <p>{wt.saved} ": " {r.saved.iter().map(|p| fmt::date(p.date)).collect::<Vec<_>>().join(", ")}</p>
                        {(!r.skipped.is_empty()).then(|| view! {
                            <ul class="plain">
                                {r.skipped.iter().map(|s| view! {
                                    <li>{wt.skipped} " " {fmt::date(s.date)} ": " {i18n::week_skip(l, &s.why)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                    </div>
                }
            })}
            {move || candidates.get().map(|c| {
                let l = lang.get();
                let t = texts(l);
                view! {
                    <details class="card candidates" open=move || plan.get().is_none()>
                        <summary>{t.candidates} " (" <span id="candidate-count">{c.candidates.len()}</span> ")"</summary>
                        {(c.candidates.is_empty()).then(|| view! { <p class="muted">{t.no_candidates}</p> })}
                        <ul class="plain candidate-list" id="candidates">
                            {c.candidates.iter().map(|x| {
                                let flags: Vec<::api::Flag> = x.reasons.iter().map(|r| r.flag).collect();
                                view! {
                                <li class="candidate" data-case-id=x.case_id.clone()>
                                    <span class="row-main">
                                        <span class="name">{x.debtor_name.clone()}</span>
                                        <span class="badge prio high">{x.points} " " {t.points}</span>
                                    </span>
                                    <span class="muted">{x.street.clone()} ", " {x.city.clone()}
                                        {x.appointment.map(|a| format!(" · {} {}", t.appointment, hm(a)))}
                                    </span>
                                    <Flags flags=flags />
                                </li>
                            }}).collect_view()}
                        </ul>
                        {(c.without_location > 0).then(|| view! {
                            <p class="muted">{t.without_location} ": " {c.without_location}</p>
                        })}
                    </details>
                }
            })}
        </section>
    }
}
