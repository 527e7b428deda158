//! Passerelle in the browser: a Leptos single-page app compiled to WebAssembly.

mod api;
mod app;
mod browser;
mod components;
mod i18n;
mod outbox;
mod pages;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
