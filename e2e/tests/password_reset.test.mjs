// Journey: a trainer forgot their password. From the sign-in page they ask
// for a link; the e-mail (kept on the demo server's messages page, which
// the coordinator reads) carries it; the link opens the page to choose a
// new password, a tired first try is refused, then they sign in with it.
// The link works once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkA11y, COORDINATOR, desktopPage, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();
const TRAINER = "formation@demo.passerelle.fr";

test("a trainer resets a forgotten password from the e-mailed link", async () => {
  const url = running.app().url;
  const trainer = await phonePage(running.browser());
  await trainer.goto(`${url}/login`);
  await trainer.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await trainer.getByRole("heading", { name: "Mot de passe oublié" }).waitFor();
  await checkA11y(trainer, "forgotten password");
  // A typo first: said at once, in words.
  await trainer.getByLabel("Adresse e-mail").fill("formation@demo");
  await trainer.getByRole("button", { name: "Recevoir le lien" }).click();
  await trainer.getByRole("alert").waitFor();
  await checkA11y(trainer, "forgotten password, address not valid");
  await trainer.getByLabel("Adresse e-mail").fill(TRAINER);
  await trainer.getByRole("button", { name: "Recevoir le lien" }).click();
  await trainer.getByText("C'est envoyé.", { exact: false }).waitFor();
  await snapshot(trainer, "password-link-sent");
  await checkA11y(trainer, "reset link sent");

  // The demo server keeps its e-mails: the coordinator reads it there.
  const desk = await desktopPage(running.browser());
  await signIn(desk, url, COORDINATOR);
  await desk.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(desk, "coordinator home");
  await desk.getByRole("link", { name: /Messages envoyés/ }).click();
  const message = desk.locator("li.entry", { hasText: TRAINER });
  await message.getByText("Envoyé", { exact: true }).waitFor();
  await message.getByText("Texte du message", { exact: false }).click();
  await checkA11y(desk, "messages");
  await snapshot(desk, "messages");
  const body = await message.locator("pre.message-text").textContent();
  assert.match(body, /dans les 30 minutes/);
  const link = body.split("\n").find((line) => line.includes("/password/reset#"));
  assert.ok(link, body);
  assert.ok(link.startsWith(url), `${link} opens this server`);

  await trainer.goto(link.trim());
  await trainer.getByRole("heading", { name: "Choisir un nouveau mot de passe" }).waitFor();
  await checkA11y(trainer, "new password");
  await trainer.getByLabel("Nouveau mot de passe", { exact: true }).fill("atelier-2027");
  await trainer.getByLabel("Nouveau mot de passe, encore une fois").fill("atelier-2028");
  await trainer.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await trainer.getByRole("alert").waitFor();
  await checkA11y(trainer, "new password, two different");
  await trainer.getByLabel("Nouveau mot de passe, encore une fois").fill("atelier-2027");
  await trainer.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await trainer.getByText("C'est fait : votre mot de passe est changé.", { exact: false }).waitFor();
  await snapshot(trainer, "password-reset-done");
  await checkA11y(trainer, "new password saved");

  await signIn(trainer, url, TRAINER, "atelier-2027");
  await trainer.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(trainer, "trainer home");

  // The same link again: it no longer works, and says what to do.
  const again = await phonePage(running.browser());
  await again.goto(link.trim());
  await again.getByLabel("Nouveau mot de passe", { exact: true }).fill("encore-un-autre");
  await again.getByLabel("Nouveau mot de passe, encore une fois").fill("encore-un-autre");
  await again.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await again.getByText("Ce lien ne marche plus", { exact: false }).waitFor();
  await checkA11y(again, "new password, link used");
  for (const page of [trainer, desk, again]) assert.deepEqual(page.problems, []);
});
