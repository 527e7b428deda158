//! The phone's storage, camera photos, position and file transfers, through
//! `static/browser.js` (see why there). Everything returns plain Rust types.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue, prelude::wasm_bindgen};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(raw_module = "/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = outboxSave)]
    fn outbox_save_js(id: &str, meta: &str, photos: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = outboxSetMeta)]
    fn outbox_set_meta_js(id: &str, meta: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = outboxPhotoUploaded)]
    fn outbox_photo_uploaded_js(id: &str, photo_id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = outboxList)]
    fn outbox_list_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = outboxPhoto)]
    fn outbox_photo_js(id: &str, photo_id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = outboxDelete)]
    fn outbox_delete_js(id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = forgetAll)]
    fn forget_all_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = keep)]
    fn keep_js(key: &str, text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = kept)]
    fn kept_js(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = newUuid)]
    pub fn new_uuid() -> String;
    #[wasm_bindgen(js_name = shrinkPhoto)]
    fn shrink_photo_js(file: &web_sys::File, max_side: u32, quality: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = currentPosition)]
    fn current_position_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = putBlob)]
    fn put_blob_js(url: &str, token: &str, blob: &web_sys::Blob) -> js_sys::Promise;
    #[wasm_bindgen(js_name = postBlob)]
    fn post_blob_js(url: &str, token: &str, blob: &web_sys::Blob) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fetchObjectUrl)]
    fn fetch_object_url_js(url: &str, token: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = objectUrl)]
    pub fn object_url(blob: &web_sys::Blob) -> String;
    #[wasm_bindgen(js_name = scanQr)]
    fn scan_qr_js(video: &web_sys::HtmlVideoElement) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopScan)]
    pub fn stop_scan();
    #[wasm_bindgen(js_name = canScan)]
    pub fn can_scan() -> bool;
    #[wasm_bindgen(js_name = shareFile)]
    fn share_file_js(object_url: &str, file_name: &str, title: &str) -> js_sys::Promise;
}

/// Storage failed (private browsing with no IndexedDB, disk full…).
#[derive(Debug, Clone, PartialEq)]
pub struct BrowserError;

impl From<JsValue> for BrowserError {
    fn from(_: JsValue) -> BrowserError {
        BrowserError
    }
}

async fn wait(promise: js_sys::Promise) -> Result<JsValue, BrowserError> {
    Ok(JsFuture::from(promise).await?)
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// One outbox entry as stored: the app's JSON text and its photos' state.
pub struct StoredEntry {
    pub id: String,
    pub meta: String,
    /// (photo id, already uploaded)
    pub photos: Vec<(String, bool)>,
}

pub async fn outbox_save(
    id: &str,
    meta: &str,
    photos: &[(String, web_sys::Blob)],
) -> Result<(), BrowserError> {
    let list = Array::new();
    for (photo_id, blob) in photos {
        let item = Object::new();
        Reflect::set(&item, &"id".into(), &JsValue::from_str(photo_id))?;
        Reflect::set(&item, &"blob".into(), blob)?;
        list.push(&item);
    }
    wait(outbox_save_js(id, meta, &list)).await.map(|_| ())
}

pub async fn outbox_set_meta(id: &str, meta: &str) -> Result<(), BrowserError> {
    wait(outbox_set_meta_js(id, meta)).await.map(|_| ())
}

pub async fn outbox_photo_uploaded(id: &str, photo_id: &str) -> Result<(), BrowserError> {
    wait(outbox_photo_uploaded_js(id, photo_id))
        .await
        .map(|_| ())
}

pub async fn outbox_list() -> Result<Vec<StoredEntry>, BrowserError> {
    let list: Array = wait(outbox_list_js()).await?.dyn_into()?;
    Ok(list
        .iter()
        .map(|entry| StoredEntry {
            id: field(&entry, "id").as_string().unwrap_or_default(),
            meta: field(&entry, "meta").as_string().unwrap_or_default(),
            photos: Array::from(&field(&entry, "photos"))
                .iter()
                .map(|p| {
                    (
                        field(&p, "id").as_string().unwrap_or_default(),
                        field(&p, "uploaded").as_bool().unwrap_or(false),
                    )
                })
                .collect(),
        })
        .collect())
}

pub async fn outbox_photo(id: &str, photo_id: &str) -> Result<Option<web_sys::Blob>, BrowserError> {
    let value = wait(outbox_photo_js(id, photo_id)).await?;
    Ok(value.dyn_into().ok())
}

pub async fn outbox_delete(id: &str) -> Result<(), BrowserError> {
    wait(outbox_delete_js(id)).await.map(|_| ())
}

/// Removes everything this app keeps on the phone.
pub async fn forget_all() -> Result<(), BrowserError> {
    wait(forget_all_js()).await.map(|_| ())
}

pub async fn keep(key: &str, text: &str) -> Result<(), BrowserError> {
    wait(keep_js(key, text)).await.map(|_| ())
}

pub async fn kept(key: &str) -> Option<String> {
    wait(kept_js(key)).await.ok()?.as_string()
}

pub async fn shrink_photo(
    file: &web_sys::File,
    max_side: u32,
) -> Result<web_sys::Blob, BrowserError> {
    Ok(wait(shrink_photo_js(file, max_side, 0.8))
        .await?
        .dyn_into()?)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy: Option<f64>,
}

pub async fn current_position() -> Option<Position> {
    let value = wait(current_position_js()).await.ok()?;
    if value.is_null() || value.is_undefined() {
        return None;
    }
    Some(Position {
        latitude: field(&value, "latitude").as_f64()?,
        longitude: field(&value, "longitude").as_f64()?,
        accuracy: field(&value, "accuracy").as_f64(),
    })
}

/// (HTTP status, body text); status 0 when the network failed.
pub async fn put_blob(url: &str, token: &str, blob: &web_sys::Blob) -> (u16, String) {
    match wait(put_blob_js(url, token, blob)).await {
        Ok(answer) => pair(&answer),
        Err(_) => (0, String::new()),
    }
}

/// (HTTP status, body text); status 0 when the network failed.
pub async fn post_blob(url: &str, token: &str, blob: &web_sys::Blob) -> (u16, String) {
    match wait(post_blob_js(url, token, blob)).await {
        Ok(answer) => pair(&answer),
        Err(_) => (0, String::new()),
    }
}

/// (HTTP status, object URL on success or the error body); status 0 offline.
pub async fn fetch_object_url(url: &str, token: &str) -> (u16, String) {
    match wait(fetch_object_url_js(url, token)).await {
        Ok(answer) => pair(&answer),
        Err(_) => (0, String::new()),
    }
}

fn pair(answer: &JsValue) -> (u16, String) {
    let answer = Array::from(answer);
    (
        answer.get(0).as_f64().unwrap_or(0.0) as u16,
        answer.get(1).as_string().unwrap_or_default(),
    )
}

/// Opens the share sheet with a file; false where the browser cannot share files.
pub async fn share_file(object_url: &str, file_name: &str, title: &str) -> bool {
    wait(share_file_js(object_url, file_name, title))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The text of the first QR code the camera sees, or `None` where the
/// browser cannot scan (the person types the tag instead).
pub async fn scan_qr(video: &web_sys::HtmlVideoElement) -> Option<String> {
    wait(scan_qr_js(video)).await.ok()?.as_string()
}

/// What follows `#` in the page's address (a reset link's token), decoded.
pub fn location_hash() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.trim_start_matches('#').to_string()
}

/// Today on the phone's clock, as a date input writes it ("2026-12-02").
pub fn today_input() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
