// Starts the app. A file rather than an inline script, so that the Content
// Security Policy can forbid inline scripts altogether.
import init from "/passerelle.js";

init({ module_or_path: "/passerelle_bg.wasm" });

// Keeps the app openable with no network (see sw.js). Browsers allow service
// workers on https and on localhost only.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}
