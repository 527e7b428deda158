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
  return page;
}

/** Keeps a picture of the page for a person to look at (e2e/artifacts/). */
export async function snapshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

export async function signIn(page, url, email, password = DEMO_PASSWORD) {
  await page.goto(`${url}/login`);
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
  });
  return { app: () => running.app, browser: () => running.browser };
}
