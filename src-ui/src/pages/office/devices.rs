//! The "Biuro" section Devices: see [`super::OfficeSection::Devices`].

use crate::i18n::{texts, Lang};
use leptos::prelude::*;

#[component]
pub fn DevicesSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="office-section" id="office-devices">
            <h2>{move || texts(lang.get()).office_devices}</h2>
        </div>
    }
}
