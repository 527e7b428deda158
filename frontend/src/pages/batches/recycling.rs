//! Recycling by weight: what the workshop sends to recycling from a batch
//! without a device record per item, and taking back an entry made by
//! mistake.

use leptos::prelude::*;
use shared_types::{
    ErrorCode, MaterialCategory,
    pickup::{BulkRecycling, parse_weight_kg},
};

use crate::{
    api::{
        ApiError,
        batches::{self, NewRecycling, RecyclingEntry},
    },
    browser::today_input,
    components::{ErrorMessage, FieldKind, TextField, mutation},
    i18n::{Key, category_text, date_in_words, kilograms, use_i18n},
};

#[component]
pub fn BulkRecyclingSection(
    batch_id: String,
    entries: Vec<RecyclingEntry>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(MaterialCategory::Screen);
    let count = RwSignal::new(String::new());
    let weight = RwSignal::new(String::new());
    let recycled_on = RwSignal::new(today_input());
    let error = RwSignal::new(None::<ApiError>);
    let done_after_save = on_done.clone();
    let saving = mutation(error, batches::record_recycling, move |()| {
        // The next entry starts clean.
        count.set(String::new());
        weight.set(String::new());
        done_after_save();
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = count.get_untracked();
        let count_value = if typed.trim().is_empty() {
            0
        } else {
            match typed.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => return error.set(Some(ApiError::Server(ErrorCode::CountNotANumber))),
            }
        };
        let grams = match parse_weight_kg(&weight.get_untracked()) {
            Ok(g) => g,
            Err(code) => return error.set(Some(ApiError::Server(code))),
        };
        let input = BulkRecycling {
            category: category.get_untracked(),
            count: count_value,
            weight_kg: grams as f64 / 1000.0,
        };
        if let Err(code) = input.check() {
            return error.set(Some(ApiError::Server(code)));
        }
        let entry = NewRecycling {
            batch_id: batch_id.clone(),
            recycled_on: recycled_on.get_untracked(),
            input,
        };
        saving.dispatch_local(entry);
    };
    let total: f64 = entries.iter().map(|e| e.weight_kg).sum();
    view! {
        <section class="card bulk-recycling">
            <h2>{move || i18n.t(Key::BulkRecyclingTitle)}</h2>
            <p class="hint">{move || i18n.t(Key::BulkRecyclingHint)}</p>
            {(!entries.is_empty()).then(|| view! {
                <ul class="entries">
                    {entries.into_iter().map(|e| view! { <EntryRow entry=e on_done=on_done.clone() /> }).collect_view()}
                </ul>
                <p class="muted">{move || format!("{} : {}", i18n.t(Key::RecycledWeight), kilograms(i18n.language.get(), total))}</p>
            })}
            <form class="form" novalidate on:submit=save>
                <label for="bulk-category">{move || i18n.t(Key::RecycledMaterial)}</label>
                <select id="bulk-category" on:change=move |ev| if let Some(c) = MaterialCategory::parse(&event_target_value(&ev)) { category.set(c) }>
                    {MaterialCategory::ALL.iter().map(|c| {
                        let c = *c;
                        view! { <option value=c.as_str() prop:selected=move || category.get() == c>{move || category_text(i18n.language.get(), c)}</option> }
                    }).collect_view()}
                </select>
                <TextField id="bulk-count" label=Key::ItemCount value=count kind=FieldKind::Decimal />
                <TextField id="bulk-weight" label=Key::RecycledWeightKg value=weight kind=FieldKind::Decimal />
                <label for="bulk-date">{move || i18n.t(Key::RecycledOn)}</label>
                <input id="bulk-date" type="date" prop:value=recycled_on on:input=move |ev| recycled_on.set(event_target_value(&ev)) />
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::RecordRecycling)}</button>
            </form>
        </section>
    }
}

#[component]
fn EntryRow(
    entry: RecyclingEntry,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<ApiError>);
    let removing = mutation(error, batches::remove_recycling, move |()| on_done());
    let id = entry.id.clone();
    let remove = move |_| {
        removing.dispatch_local(id.clone());
    };
    let RecyclingEntry {
        category,
        count,
        weight_kg,
        recycled_on,
        ..
    } = entry;
    view! {
        <li class="entry">
            <strong>{move || category_text(i18n.language.get(), category)}</strong>
            <span>{move || {
                let language = i18n.language.get();
                let items = if count > 0 { format!("{count} · ") } else { String::new() };
                format!("{items}{} · {}", kilograms(language, weight_kg), date_in_words(language, &recycled_on))
            }}</span>
            <button type="button" class="button small" on:click=remove prop:disabled=move || removing.pending().get()>{move || i18n.t(Key::Remove)}</button>
            <ErrorMessage error=error />
        </li>
    }
}
