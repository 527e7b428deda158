// The service worker keeps the app's shell so that the pickup form opens with
// no network after one visit. Network first: online, people always get the
// current version; offline, the last one seen. Never the API: its answers
// hold personal data and must not be kept here.

const CACHE = "passerelle-shell-v2";
// The pages' pieces of the app, listed here by the build.
const PIECES = [];
const SHELL = ["/", "/index.html", "/boot.js", "/browser.js", "/style.css", "/passerelle.js", "/passerelle_bg.wasm", ...PIECES];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function isShell(url) {
  return url.origin === self.location.origin && !url.pathname.startsWith("/api/") && url.pathname !== "/graphql";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !isShell(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          const key = request.mode === "navigate" ? "/index.html" : request;
          caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        // Any page of the app is the same index.html; the router does the rest.
        const cached = request.mode === "navigate" ? await cache.match("/index.html") : await cache.match(request);
        return cached || Response.error();
      }),
  );
});
