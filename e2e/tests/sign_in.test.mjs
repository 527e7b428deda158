// Journey: the demo coordinator signs in on a phone, sees their home,
// switches to English (kept on their account), and signs out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COORDINATOR, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();

test("the coordinator signs in, switches language, and signs out", async () => {
  const page = await phonePage(running.browser());
  await page.goto(running.app().url);
  // Not signed in: the app sends the person to the sign-in page, in French.
  await page.waitForURL(`${running.app().url}/login`);
  await page.getByRole("button", { name: "Se connecter" }).waitFor();
  await snapshot(page, "login-fr");

  await signIn(page, running.app().url, COORDINATOR);
  await page.getByRole("heading", { name: "Bonjour, Camille Martin" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  await page.getByText("Grand Chambéry (démo)").waitFor();
  await page.getByRole("heading", { name: "Coordination", exact: true }).waitFor();
  await snapshot(page, "home-coordinator-fr");

  await page.getByRole("button", { name: "EN" }).click();
  await page.getByRole("heading", { name: "Hello, Camille Martin" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");

  // The choice is kept on the account, not only on this device.
  await page.evaluate(() => localStorage.removeItem("passerelle.language"));
  await page.reload();
  await page.getByRole("heading", { name: "Hello, Camille Martin" }).waitFor();
  await snapshot(page, "home-coordinator-en");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${running.app().url}/login`);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  // Signed out means signed out: the home page sends back to sign-in.
  await page.goto(running.app().url);
  await page.waitForURL(`${running.app().url}/login`);
  assert.deepEqual(page.problems, []);
});

test("a wrong password shows a clear message and keeps the email", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, COORDINATOR, "mauvais-mot-de-passe");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), "Adresse e-mail ou mot de passe incorrect.");
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(await page.getByLabel("Adresse e-mail").inputValue(), COORDINATOR);
  assert.equal(await page.getByLabel("Mot de passe").inputValue(), "");
  // A person unsure of what they typed can see it.
  await page.getByLabel("Mot de passe").fill("passerelle-demo");
  await page.getByRole("button", { name: "Afficher" }).click();
  assert.equal(await page.getByLabel("Mot de passe").getAttribute("type"), "text");
  await snapshot(page, "login-wrong-password");
});

test("an address that cannot be an email is caught before sending", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "camille.martin", "peu importe");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /adresse e-mail n'est pas valide/);
});
