//! Times typed on the phone, sent to the server.

/// A datetime-local value (the phone's time zone) as an RFC 3339 instant.
pub fn local_to_iso(local: &str) -> Option<String> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(local));
    (!date.get_time().is_nan()).then(|| String::from(date.to_iso_string()))
}
