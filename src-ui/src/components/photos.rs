//! The photos of a visit's evidence (issue 11): the file input that takes
//! them (the camera on a phone, a file on a desktop) and the thumbnails.
//! The file is read here (web-sys `File`) and downscaled by the backend
//! (`PreparePhoto`); nothing is stored until the report is saved.

use crate::i18n::{self, photo_texts, Lang};
use crate::runner::Runner;
use ::api::{Field, PhotoDraft, PhotoFile, PhotoView, PreparePhoto};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The most photos one visit takes (as `evidence::MAX_PER_VISIT`; the
/// backend refuses more whatever the screen does).
const MAX: usize = 10;

/// Whether this is a phone or tablet, where the input opens the camera.
fn mobile() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| {
            ["Android", "iPhone", "iPad", "Mobile"]
                .iter()
                .any(|m| ua.contains(m))
        })
}

/// A thumbnail's `src`.
pub fn data_url(jpeg_base64: &str) -> String {
    format!("data:image/jpeg;base64,{jpeg_base64}")
}

/// Standard base64 with padding (what the backend decodes).
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(char::from(A[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Reads one chosen file's bytes.
async fn read(file: web_sys::File) -> Option<Vec<u8>> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A form's photos (a visit report's, a question's): the input, the
/// thumbnails taken so far (each removable before the form is saved), a
/// refused file on the field. `name` prefixes the elements' ids
/// (`visit-photo-input`, `consult-photo-input`).
#[component]
pub fn PhotoPicker(
    photos: RwSignal<Vec<PhotoDraft>>,
    error: RwSignal<Option<::api::CommandError>>,
    name: &'static str,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let preparing = Runner::new(error);
    let on_mobile = mobile();
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            let name = file.name();
            preparing.spawn(
                async move {
                    let bytes = read(file).await.unwrap_or_default();
                    crate::api::call::<PreparePhoto>(&PhotoFile {
                        name,
                        data: base64(&bytes),
                    })
                    .await
                },
                move |d| photos.update(|v| v.push(d)),
            );
        }
        // The same file may be chosen again.
        input.set_value("");
    };
    view! {
        <fieldset class="card form photos" id=format!("{name}-photos")>
            <label class="form photo-pick">
                {move || {
                    let t = photo_texts(lang.get());
                    if on_mobile { t.take } else { t.choose }
                }}
                <input id=format!("{name}-photo-input") type="file" accept="image/*" multiple
                    capture=on_mobile.then_some("environment")
                    disabled=move || photos.with(|p| p.len() >= MAX)
                    on:change=pick />
            </label>
            <p class="muted" id=format!("{name}-photo-count")>
                {move || format!("{}: {} / {MAX}", photo_texts(lang.get()).count, photos.with(Vec::len))}
            </p>
            {move || preparing.pending().then(|| view! {
                <p class="muted" id=format!("{name}-photo-preparing")>{photo_texts(lang.get()).preparing}</p>
            })}
            <div class="thumbs">
                {move || photos.get().into_iter().enumerate().map(|(i, p)| view! {
                    <figure class=format!("thumb {name}-photo")>
                        <img src=data_url(&p.thumb) alt=format!("{} × {}", p.width, p.height) />
                        <figcaption>{format!("{}×{} · {} KB", p.width, p.height, p.bytes.div_ceil(1000))}</figcaption>
                        <button class="small" on:click=move |_| photos.update(|v| { if i < v.len() { v.remove(i); } })>
                            {move || photo_texts(lang.get()).remove}
                        </button>
                    </figure>
                }).collect_view()}
            </div>
            {move || error.get().and_then(|e| match &e {
                ::api::CommandError::Invalid { field: f @ Field::VisitPhotos, code } => Some(view! {
                    <p class="field-error" role="alert" id=format!("{name}-photo-error")>{i18n::invalid(lang.get(), *f, code)}</p>
                }),
                _ => None,
            })}
        </fieldset>
    }
}

/// The case page's photos of visits taken on this device, with where each
/// stands (waiting to send, sent, refused with the server's reason).
#[component]
pub fn CasePhotos(photos: Vec<PhotoView>, l: Lang) -> impl IntoView {
    let t = photo_texts(l);
    view! {
        <section class="card wide" id="case-photos">
            <h2>{t.title}</h2>
            <div class="thumbs">
                {photos.into_iter().map(|p| {
                    let class = match p.state {
                        ::api::PhotoState::Waiting => "photo-state pending",
                        ::api::PhotoState::Sent => "photo-state approved",
                        ::api::PhotoState::Refused => "photo-state rejected",
                    };
                    view! {
                        <figure class="thumb case-photo" data-id=p.id.clone() data-visit=p.visit_id.clone()
                            data-state=format!("{:?}", p.state)>
                            <img src=data_url(&p.thumb) alt=format!("{} × {}", p.width, p.height) />
                            <figcaption>
                                {format!("{}×{} · {} KB", p.width, p.height, p.bytes.div_ceil(1000))}
                                <span class=class>{i18n::photo_state(l, p.state)}</span>
                                {p.reason.map(|r| view! { <small class="reason">{r}</small> })}
                            </figcaption>
                        </figure>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_is_the_standard_padded_alphabet() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(&[0xFF, 0xD8, 0xFF, 0xE0]), "/9j/4A==");
    }
}
