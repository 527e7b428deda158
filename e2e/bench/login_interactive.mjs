// Times the sign-in page on a throttled mid-range phone: from the start of
// the navigation to /login until the email field is there and the sign-in
// button is enabled, that is until the WebAssembly app has mounted and the
// form can be used. Each run gets a fresh browser (cold cache, no service
// worker yet). Prints JSON on standard output; progress goes to stderr.
//
//   BASE_URL=http://127.0.0.1:8080 node e2e/bench/login_interactive.mjs
//
// Run by `cargo xtask bench`, which starts the server. RUNS (default 3)
// sets how many runs the median is taken over; CHROMIUM_PATH the browser.
import { chromium } from "playwright-core";

const base = process.env.BASE_URL;
if (!base) {
  console.error("BASE_URL is not set (the server to measure, e.g. http://127.0.0.1:8080)");
  process.exit(2);
}
const runs = Number(process.env.RUNS || 3);
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// A mid-range phone on a poor mobile network (issue 8's profile).
const PROFILE = {
  viewport: { width: 360, height: 740 },
  cpuSlowdown: 4,
  downloadKbps: 1600,
  uploadKbps: 750,
  latencyMs: 150,
};

async function once() {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({
      viewport: PROFILE.viewport,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "fr-FR",
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PROFILE.cpuSlowdown });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: (PROFILE.downloadKbps * 1000) / 8,
      uploadThroughput: (PROFILE.uploadKbps * 1000) / 8,
    });
    let transferred = 0;
    cdp.on("Network.loadingFinished", (event) => {
      transferred += event.encodedDataLength;
    });
    // The moment is taken inside the page, on the page's own clock (0 is
    // the start of the navigation), as soon as the DOM says the form works:
    // no polling delay from here.
    await page.addInitScript(() => {
      const usable = () => {
        const email = document.querySelector("#email");
        const button = document.querySelector('form button[type="submit"]');
        return email !== null && button !== null && !button.disabled;
      };
      const check = () => {
        if (window.__interactiveAt === undefined && usable()) {
          window.__interactiveAt = performance.now();
        }
      };
      new MutationObserver(check).observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
      });
    });
    await page.goto(`${base}/login`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, {
      timeout: 60_000,
      polling: 100,
    });
    const ms = await page.evaluate(() => window.__interactiveAt);
    const version = browser.version();
    return { ms, transferred, version };
  } finally {
    await browser.close();
  }
}

const measured = [];
for (let i = 0; i < runs; i++) {
  const run = await once();
  console.error(`  run ${i + 1}/${runs}: ${run.ms.toFixed(0)} ms, ${run.transferred} bytes transferred`);
  measured.push(run);
}
const sorted = measured.map((r) => r.ms).sort((a, b) => a - b);
const middle = Math.floor(sorted.length / 2);
const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
console.log(
  JSON.stringify(
    {
      runs_ms: measured.map((r) => Math.round(r.ms)),
      median_ms: Math.round(median),
      transferred_bytes: measured.map((r) => r.transferred),
      chromium: `Chromium ${measured[0]?.version ?? "?"}`,
      profile: PROFILE,
    },
    null,
    2,
  ),
);
