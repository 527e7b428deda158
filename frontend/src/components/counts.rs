//! Counts of material per category, typed or stepped with a thumb: the
//! pickup form and a batch's receipt use the same rows.

use leptos::prelude::*;
use shared_types::{MaterialCategory, pickup::MaterialCount};

use crate::i18n::{category_text, use_i18n};

/// One row per category: − [count] +, big enough for a thumb.
#[component]
pub fn CountSteppers(counts: Vec<(MaterialCategory, RwSignal<String>)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="counts">
                {counts
                    .iter()
                    .map(|(category, value)| {
                        let (category, value) = (*category, *value);
                        let id = format!("count-{}", category.as_str().to_lowercase());
                        let step = move |delta: i64| {
                            let current: i64 = value.get_untracked().trim().parse().unwrap_or(0);
                            let next = (current + delta).max(0);
                            value.set(if next == 0 { String::new() } else { next.to_string() });
                        };
                        view! {
                            <div class="count-row">
                                <label for=id.clone()>{move || category_text(i18n.language.get(), category)}</label>
                                <div class="stepper">
                                    <button type="button" class="step" aria-label=move || format!("{} −1", category_text(i18n.language.get(), category)) on:click=move |_| step(-1)>"−"</button>
                                    <input
                                        id=id
                                        type="number"
                                        inputmode="numeric"
                                        min="0"
                                        step="1"
                                        placeholder="0"
                                        prop:value=value
                                        on:input=move |ev| value.set(event_target_value(&ev))
                                    />
                                    <button type="button" class="step" aria-label=move || format!("{} +1", category_text(i18n.language.get(), category)) on:click=move |_| step(1)>"+"</button>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
    }
}

/// Counts typed in the steppers; an empty field is none.
pub fn typed_counts(counts: &[(MaterialCategory, RwSignal<String>)]) -> Vec<MaterialCount> {
    counts
        .iter()
        .map(|(category, text)| MaterialCount {
            category: *category,
            count: text.get_untracked().trim().parse().unwrap_or(0),
        })
        .collect()
}

/// A signal per category, empty (none taken).
pub fn empty_counts() -> Vec<(MaterialCategory, RwSignal<String>)> {
    MaterialCategory::ALL
        .iter()
        .map(|c| (*c, RwSignal::new(String::new())))
        .collect()
}
