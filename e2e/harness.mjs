// Starts the real server on a free port with a fresh database, and drives
// Debian's Chromium through playwright-core (which never downloads a browser).
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..");
export const artifacts = path.join(here, "artifacts");

export const DEMO_PASSWORD = "passerelle-demo";
export const COORDINATOR = "coordination@demo.passerelle.fr";

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suite through \`cargo xtask test\``);
  return value;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within 30 s:\n${log()}`);
}

/** Starts the app on a fresh SQLite database with the demo data. */
export async function startApp() {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "passerelle-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(required("PASSERELLE_BIN"), ["serve"], {
    env: {
      ...process.env,
      PASSERELLE_BIND: `127.0.0.1:${port}`,
      PASSERELLE_DATA_DIR: dataDir,
      PASSERELLE_DATABASE_URL: "",
      PASSERELLE_STATIC_DIR: required("PASSERELLE_STATIC_DIR"),
      PASSERELLE_DEMO: "1",
      PASSERELLE_ENV: "production",
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await waitForHealth(url, child, () => output);
  return {
    url,
    log: () => output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh phone-sized tab (360 px wide, touch), as a collection agent would hold. */
export async function phonePage(browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "fr-FR",
    // The programme's day is Paris's (the server closes visits on their day).
    timezoneId: "Europe/Paris",
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.problems = problems;
  watchScreens(page);
  return page;
}

/** A fresh desktop-sized tab, as a coordinator at the office would use. */
export async function desktopPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.problems = problems;
  watchScreens(page);
  return page;
}

/** The WCAG 2.2 AA rule sets axe-core checks every screen against. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// Every path a journey's tab went to, and the ones axe looked at: a screen
// a journey passes through without a check fails the file (see useApp), so
// "every page is checked" cannot silently become "some pages are".
const watched = [];

function watchScreens(page) {
  page.screens = { visited: new Set(), checked: new Set() };
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = new URL(frame.url());
    if (url.protocol.startsWith("http")) page.screens.visited.add(url.pathname);
  });
  watched.push(page);
}

/** What axe found, as a person fixing it needs it: rule, impact, where. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.html}\n      ${n.failureSummary?.replaceAll("\n", "\n      ") ?? ""}`)
        .join("\n");
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

/**
 * Runs axe-core on the screen as it stands (call it once the screen has
 * settled) and fails on any WCAG 2.2 AA violation.
 */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  page.screens?.checked.add(new URL(page.url()).pathname);
  if (results.violations.length > 0) {
    throw new Error(
      `axe-core: ${results.violations.length} accessibility violation(s) on "${label}" (${page.url()}):\n${describeViolations(results.violations)}`,
    );
  }
}

/** Paths some journey's tab went to that no `checkA11y` looked at. */
export function uncheckedScreens() {
  return watched.flatMap((page) =>
    [...page.screens.visited].filter((p) => !page.screens.checked.has(p)),
  );
}

/** Keeps a picture of the page for a person to look at (e2e/artifacts/). */
export async function snapshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

export async function signIn(page, url, email, password = DEMO_PASSWORD) {
  await page.goto(`${url}/login`);
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).waitFor();
  await checkA11y(page, "sign-in");
  await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole("button", { name: /Se connecter|Sign in/ }).click();
}

/**
 * Gives a test file its own server (fresh database) and browser, started
 * before its tests and stopped after them. Returns getters for both.
 */
export function useApp() {
  const running = {};
  before(async () => {
    running.app = await startApp();
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.app?.stop();
    const unchecked = [...new Set(uncheckedScreens())];
    if (unchecked.length > 0) {
      throw new Error(`screens visited without an accessibility check: ${unchecked.join(", ")}`);
    }
  });
  return { app: () => running.app, browser: () => running.browser };
}
