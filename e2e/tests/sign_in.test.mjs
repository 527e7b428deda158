// Journey: the demo coordinator signs in on a phone, sees their home,
// switches to English (kept on their account), and signs out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkA11y, COORDINATOR, DEMO_PASSWORD, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();

test("the coordinator signs in, switches language, and signs out", async () => {
  const page = await phonePage(running.browser());
  await page.goto(running.app().url);
  // Not signed in: the app sends the person to the sign-in page, in French.
  await page.waitForURL(`${running.app().url}/login`);
  await page.getByRole("button", { name: "Se connecter" }).waitFor();
  await snapshot(page, "login-fr");
  await checkA11y(page, "sign-in, French");

  await signIn(page, running.app().url, COORDINATOR);
  await page.getByRole("heading", { name: "Bonjour, Camille Martin" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  await page.getByText("Grand Chambéry (démo)").waitFor();
  await page.getByRole("heading", { name: "Coordination", exact: true }).waitFor();
  await snapshot(page, "home-coordinator-fr");
  await checkA11y(page, "coordinator home, French");

  await page.getByRole("button", { name: "EN" }).click();
  await page.getByRole("heading", { name: "Hello, Camille Martin" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");

  // The choice is kept on the account, not only on this device.
  await page.evaluate(() => localStorage.removeItem("passerelle.language"));
  await page.reload();
  await page.getByRole("heading", { name: "Hello, Camille Martin" }).waitFor();
  await snapshot(page, "home-coordinator-en");
  await checkA11y(page, "coordinator home, English");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${running.app().url}/login`);
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await checkA11y(page, "sign-in, English, signed out");
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
  await checkA11y(page, "sign-in, wrong password, password shown");
  await snapshot(page, "login-wrong-password");
});

test("an address that cannot be an email is caught before sending", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "camille.martin", "peu importe");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /adresse e-mail n'est pas valide/);
  await checkA11y(page, "sign-in, invalid address");
});

test("changing the password signs the other phone out and the new one works", async () => {
  const INSTALLER = "installation@demo.passerelle.fr";
  const other = await phonePage(running.browser());
  await signIn(other, running.app().url, INSTALLER);
  await other.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(other, "installer home");

  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, INSTALLER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "installer home");
  await page.getByRole("link", { name: "Changer mon mot de passe" }).click();
  await page.getByLabel("Mot de passe actuel").fill(DEMO_PASSWORD);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("un-nouveau-secret");
  await page.getByLabel("Nouveau mot de passe, encore une fois").fill("un-nouveau-secreT");
  await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await page.getByText("Les deux nouveaux mots de passe ne sont pas identiques.").waitFor();
  await checkA11y(page, "password change, the two differ");
  await page.getByLabel("Nouveau mot de passe, encore une fois").fill("un-nouveau-secret");
  await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await page.getByText("Mot de passe changé. Vos autres appareils sont déconnectés.").waitFor();
  await snapshot(page, "password-changed");
  await checkA11y(page, "password changed");

  // This phone stays signed in; the other one is sent back to sign in.
  await page.goto(running.app().url);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await other.reload();
  await other.waitForURL(`${running.app().url}/login`);
  await other.getByText("Cette session a été fermée").waitFor();
  await checkA11y(other, "sign-in, session closed");
  await signIn(other, running.app().url, INSTALLER, "un-nouveau-secret");
  await other.getByRole("heading", { name: /Bonjour/ }).waitFor();
  assert.deepEqual(page.problems, []);
});
