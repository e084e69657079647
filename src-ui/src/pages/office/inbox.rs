//! The "Biuro" section Inbox: see [`super::OfficeSection::Inbox`].

use crate::i18n::{texts, Lang};
use leptos::prelude::*;

#[component]
pub fn InboxSection() -> impl IntoView {
    let lang = expect_context::<RwSignal<Lang>>();
    view! {
        <div class="office-section" id="office-inbox">
            <h2>{move || texts(lang.get()).office_inbox}</h2>
        </div>
    }
}
