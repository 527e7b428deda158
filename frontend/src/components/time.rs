//! Times typed on the phone, sent to the server.

/// A datetime-local value (the phone's time zone) as an RFC 3339 instant.
pub fn local_to_iso(local: &str) -> Option<String> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(local));
    (!date.get_time().is_nan()).then(|| String::from(date.to_iso_string()))
}

use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

/// The day a step happened: today unless the person says otherwise (a
/// paper form typed in later, a visit closed the next morning). The server
/// refuses a day to come or one before the programme started.
#[component]
pub fn HappenedOn(#[prop(into)] id: String, label: Key, day: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let hint = format!("{id}-hint");
    view! {
        <label for=id.clone()>{move || i18n.t(label)}</label>
        <input
            id=id
            type="date"
            max=crate::browser::today_input()
            aria-describedby=hint.clone()
            prop:value=day
            on:input=move |ev| day.set(event_target_value(&ev))
        />
        <p class="hint" id=hint>{move || i18n.t(Key::HappenedOnHint)}</p>
    }
}

/// The day to send: none when it is today (the server then keeps the
/// exact time) or left empty.
pub fn happened_day(day: RwSignal<String>) -> Option<String> {
    let typed = day.get_untracked();
    let typed = typed.trim();
    (!typed.is_empty() && typed != crate::browser::today_input()).then(|| typed.to_string())
}

/// A day field's first value: today.
pub fn today_field() -> RwSignal<String> {
    RwSignal::new(crate::browser::today_input())
}
