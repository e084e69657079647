//! "Nawiguj" on an address: opens the platform's navigation (through the
//! backend's `navigate` command); when it cannot, shows the link.

use crate::i18n::{nav_texts, Lang};
use crate::runner::Runner;
use ::api::navigation::{NavigateRequest, Navigation};
use ::api::Navigate as NavigateCmd;
use leptos::prelude::*;

#[component]
pub fn Navigate(
    /// The address as written.
    line: String,
    lat: Option<f64>,
    lon: Option<f64>,
) -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    let error = RwSignal::new(None);
    let runner = Runner::new(error);
    let answer: RwSignal<Option<Navigation>> = RwSignal::new(None);
    let req = NavigateRequest { line, lat, lon };
    let go = move |_| runner.run::<NavigateCmd>(req.clone(), move |n| answer.set(Some(n)));
    view! {
        <span class="navigate">
            <button class="nav-go" type="button" on:click=go disabled=move || runner.pending()>
                {move || nav_texts(lang.get()).navigate}
            </button>
            {move || {
                answer
                    .get()
                    .map(|n| {
                        let t = nav_texts(lang.get());
                        if n.opened {
                            view! { <small class="nav-done">{t.opened}</small> }.into_any()
                        } else {
                            view! {
                                <small class="nav-link">
                                    {t.not_opened} " " <a href=n.url.clone()>{n.url.clone()}</a>
                                </small>
                            }
                                .into_any()
                        }
                    })
            }}
            <crate::components::ErrorBanner error=error />
        </span>
    }
}
