//! The "Biuro" section Search: see [`super::OfficeSection::Search`].

use crate::i18n::{texts, Lang};
use leptos::prelude::*;

#[component]
pub fn SearchSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="office-section" id="office-search">
            <h2>{move || texts(lang.get()).office_search}</h2>
        </div>
    }
}
