//! The settlement signature, under a saved offer: the client signs with a
//! finger or a stylus on the pad (pointer events, recorded as strokes of
//! (x, y, t)), the advisor types the town, and the device signs the PDF
//! (offline; it goes to the office with the next sync).
//!
//! Its few texts live here, Polish and English, beside the pad.

use crate::i18n::{self, Lang};
use crate::runner::Runner;
use ::api::{
    CommandError, Field, OpenDocument, OpenDocumentRequest, PdfOpened, SignSettlementCmd,
    SignSettlementRequest, SignatureStrokes,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};

struct SignTexts {
    title: &'static str,
    hint: &'static str,
    clear: &'static str,
    place: &'static str,
    sign: &'static str,
    signed: &'static str,
    saved: &'static str,
    not_saved: &'static str,
    blank: &'static str,
    no_place: &'static str,
    not_certified: &'static str,
    open: &'static str,
    opened: &'static str,
}

const PL: SignTexts = SignTexts {
    title: "Podpis ugody",
    hint: "Klient podpisuje się palcem lub rysikiem w polu poniżej.",
    clear: "Wyczyść",
    place: "Miejscowość",
    sign: "Podpisz ugodę",
    signed: "Ugoda podpisana",
    saved: "PDF dla klienta zapisany w:",
    not_saved: "Nie udało się zapisać PDF dla klienta; ugoda jest podpisana i zostanie wysłana.",
    blank: "Pole podpisu jest puste: poproś klienta o podpis.",
    no_place: "Wpisz miejscowość, w której zawierana jest ugoda.",
    not_certified:
        "Urządzenie nie ma jeszcze certyfikatu: zaloguj się i zsynchronizuj, a potem podpisz.",
    open: "Otwórz lub udostępnij PDF",
    opened: "PDF otwarty w przeglądarce dokumentów.",
};

const EN: SignTexts = SignTexts {
    title: "Settlement signature",
    hint: "The client signs with a finger or a stylus in the box below.",
    clear: "Clear",
    place: "Town",
    sign: "Sign the settlement",
    signed: "Settlement signed",
    saved: "The client's PDF is saved at:",
    not_saved: "The client's PDF could not be saved; the settlement is signed and will be sent.",
    blank: "The signature box is empty: ask the client to sign.",
    no_place: "Enter the town where the settlement is made.",
    not_certified: "This device has no certificate yet: log in and sync, then sign.",
    open: "Open or share the PDF",
    opened: "The PDF is open in the document viewer.",
};

fn texts(lang: Lang) -> &'static SignTexts {
    match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
    }
}

fn message(lang: Lang, e: &CommandError) -> String {
    let t = texts(lang);
    match e {
        CommandError::Invalid {
            field: Field::Signature,
            ..
        } => t.blank.into(),
        CommandError::Invalid {
            field: Field::Place,
            ..
        } => t.no_place.into(),
        CommandError::Invalid {
            field: Field::Device,
            ..
        } => t.not_certified.into(),
        other => i18n::error(lang, other),
    }
}

/// Gives the empty pad as many pixels as it shows (times the screen's pixel
/// ratio), so that ink lands under the finger whatever the pad's shape on
/// this screen. Resizing clears a canvas: only done before the first stroke.
fn fit_to_screen(canvas: Option<HtmlCanvasElement>) {
    let Some(c) = canvas else { return };
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (
        (f64::from(c.client_width()) * ratio).round() as u32,
        (f64::from(c.client_height()) * ratio).round() as u32,
    );
    if w > 0 && h > 0 && (c.width() != w || c.height() != h) {
        c.set_width(w);
        c.set_height(h);
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

#[component]
pub fn SignSettlement(offer_id: String) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let strokes = StoredValue::new(Vec::<Vec<(f32, f32, u32)>>::new());
    let drawing = StoredValue::new(false);
    let started = StoredValue::new(None::<f64>);
    let empty = RwSignal::new(true);
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<CommandError>);
    let signed = RwSignal::new(None::<(String, Option<String>)>);
    let signing = Runner::new(error);
    let opening = Runner::new(error);
    let opened = RwSignal::new(None::<PdfOpened>);
    let offer_id = StoredValue::new(offer_id);

    // (x, y) in CSS pixels of the pad, and the canvas's scale to draw.
    let point = move |ev: &PointerEvent| -> Option<(f32, f32, u32, f64, CanvasRenderingContext2d)> {
        let c: HtmlCanvasElement = canvas.get_untracked()?;
        let ctx = context(&c)?;
        let scale = f64::from(c.width()) / f64::from(c.client_width().max(1));
        let t0 = *started.get_value().get_or_insert(ev.time_stamp());
        started.set_value(Some(t0));
        let t = (ev.time_stamp() - t0).max(0.0) as u32;
        // From the client coordinates: offsetX is not set on every
        // WebView's pointer events.
        let rect = c.get_bounding_client_rect();
        let x = (f64::from(ev.client_x()) - rect.left()) as f32;
        let y = (f64::from(ev.client_y()) - rect.top()) as f32;
        Some((x, y, t, scale, ctx))
    };
    let down = move |ev: PointerEvent| {
        ev.prevent_default();
        if signed.get_untracked().is_some() {
            return;
        }
        if strokes.with_value(Vec::is_empty) {
            fit_to_screen(canvas.get_untracked());
        }
        let Some((x, y, t, scale, ctx)) = point(&ev) else {
            return;
        };
        drawing.set_value(true);
        strokes.update_value(|s| s.push(vec![(x, y, t)]));
        ctx.set_line_width(2.5 * scale);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
        ctx.set_stroke_style_str("#10206e");
        ctx.begin_path();
        ctx.move_to(f64::from(x) * scale, f64::from(y) * scale);
    };
    let moved = move |ev: PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        ev.prevent_default();
        let Some((x, y, t, scale, ctx)) = point(&ev) else {
            return;
        };
        strokes.update_value(|s| {
            if let Some(last) = s.last_mut() {
                last.push((x, y, t));
            }
        });
        ctx.line_to(f64::from(x) * scale, f64::from(y) * scale);
        ctx.stroke();
        empty.set(false);
    };
    let up = move |_: PointerEvent| drawing.set_value(false);
    let clear = move |_| {
        strokes.set_value(Vec::new());
        started.set_value(None);
        empty.set(true);
        if let Some(c) = canvas.get_untracked() {
            if let Some(ctx) = context(&c) {
                ctx.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
            }
        }
    };
    let sign = move |_| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let req = SignSettlementRequest {
            offer_id: offer_id.get_value(),
            place: place.get_untracked(),
            strokes: SignatureStrokes {
                width: c.client_width() as f32,
                height: c.client_height() as f32,
                strokes: strokes.get_value(),
            },
        };
        signing.run::<SignSettlementCmd>(req, move |s| signed.set(Some((s.number, s.saved_to))));
    };

    view! {
        <div class="card signature" id="settlement">
            <h2>{move || texts(lang.get()).title}</h2>
            <p class="muted">{move || texts(lang.get()).hint}</p>
            <canvas id="signature-pad" class="signature-pad" width="900" height="300" node_ref=canvas
                on:pointerdown=down on:pointermove=moved on:pointerup=up
                on:pointercancel=up on:pointerleave=up></canvas>
            <div class="row">
                <button id="signature-clear" on:click=clear
                    disabled=move || signed.get().is_some()>{move || texts(lang.get()).clear}</button>
            </div>
            <label class="form">
                {move || texts(lang.get()).place}
                <input id="settlement-place" autocomplete="off" prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! {
                <div class="error" role="alert">{message(lang.get(), &e)}</div>
            })}
            {move || match signed.get() {
                Some((number, saved_to)) => view! {
                    <p class="ok" id="settlement-signed">{texts(lang.get()).signed} " " {number}</p>
                    {match saved_to {
                        Some(path) => {
                            let open_path = path.clone();
                            let open_pdf = move |_| {
                                let req = OpenDocumentRequest { path: open_path.clone() };
                                opening.run::<OpenDocument>(req, move |o| opened.set(Some(o)));
                            };
                            view! {
                                <button id="settlement-open" class="primary wide"
                                    disabled=move || opening.pending()
                                    on:click=open_pdf>
                                    {texts(lang.get()).open}
                                </button>
                                // Opened in the viewer, or (no viewer here) where it is.
                                {move || opened.get().map(|o| view! {
                                    <p class="ok" id="settlement-opened" data-opened=o.opened.to_string()>
                                        {if o.opened { texts(lang.get()).opened.to_owned() } else { format!("{} {}", texts(lang.get()).saved, o.path) }}
                                    </p>
                                })}
                                <p id="settlement-file">{texts(lang.get()).saved} " "
                                    <code class="path" id="settlement-path">{path}</code></p>
                            }.into_any()
                        }
                        None => view! {
                            <p class="error" id="settlement-file">{texts(lang.get()).not_saved}</p>
                        }.into_any(),
                    }}
                }.into_any(),
                None => view! {
                    <button id="settlement-sign" class="primary" on:click=sign
                        disabled=move || signing.pending() || empty.get()>{move || texts(lang.get()).sign}</button>
                }.into_any(),
            }}
        </div>
    }
}
