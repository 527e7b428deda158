// Journey: life loops back at matching. Two trained learners, one laptop:
// the one proposed says she already has a computer, so the laptop goes to
// the other; she changes her mind and waits again. Then a match is undone:
// the laptop goes back to the stock, the learner it was given to moves away,
// and the laptop goes to the other learner, installed with a signature; it
// comes back from that home, is erased again, made ready, and goes to a third.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COORDINATOR, checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { gql, readyLaptop, token, trainedLearners } from "../programme.mjs";

const running = useApp();
const INSTALLER = "installation@demo.passerelle.fr";
let laptop;

test("set-up: two trained learners and one ready laptop", async () => {
  await trainedLearners(running.app().url, [
    ["Yasmine", "Haddad", "3 rue des Écoles, Chambéry"],
    ["Zoé", "Martin", "9 avenue de Lyon, Chambéry"],
  ]);
  laptop = await readyLaptop(running.app().url, "LN-480");
});

test("a learner who already has a computer leaves the waiting list, then comes back", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.getByRole("link", { name: /Attribution des ordinateurs/ }).click();
  const pair = page.locator("li.pair").first();
  await pair.waitFor();
  const proposed = (await pair.locator("strong").textContent()).trim();
  const other = proposed.startsWith("Yasmine") ? "Zoé Martin" : "Yasmine Haddad";
  await page.locator("li.waiting", { hasText: other }).waitFor();
  await checkA11y(page, "matching, one learner without a computer");

  await pair.locator("summary", { hasText: "Ne veut pas d'ordinateur, ou en a déjà un" }).click();
  await pair.getByLabel("A déjà un ordinateur").check();
  await pair.getByRole("button", { name: "Enregistrer" }).click();
  await pair.getByText("Indiquez pourquoi.").waitFor();
  await checkA11y(page, "matching, decline without a reason");
  await pair.getByLabel("Raison").fill("Son fils lui a donné le sien");
  await pair.getByRole("button", { name: "Enregistrer" }).click();

  const declined = page.locator("li.declined", { hasText: proposed });
  await declined.getByText("A déjà un ordinateur · Son fils lui a donné le sien").waitFor();
  await page.locator("li.pair", { hasText: other }).waitFor();
  await snapshot(page, "matching-declined");
  await checkA11y(page, "matching, a learner declined");

  await declined.getByRole("button", { name: "Remettre en attente" }).click();
  await page.locator("li.declined").waitFor({ state: "detached" });
  await page.locator("li.waiting, li.pair", { hasText: proposed }).first().waitFor();
  assert.deepEqual(page.problems, []);
});

test("a match undone sends the laptop back, and it goes to the other learner, installed with a signature", async () => {
  const url = running.app().url;
  const page = await phonePage(running.browser());
  await signIn(page, url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.goto(`${url}/matching`);
  const firstPair = page.locator("li.pair").first();
  await firstPair.waitFor();
  const matched = (await firstPair.locator("strong").textContent()).trim();
  const other = matched.startsWith("Yasmine") ? "Zoé Martin" : "Yasmine Haddad";
  await page.getByRole("button", { name: "Accepter ces attributions" }).click();
  await page.locator(".success-card li", { hasText: matched }).waitFor();

  // Undone from the laptop's page: back to ready, with the reason.
  const { device } = await gql(url, "query($id: ID!) { device(id: $id) { tag } }", { id: laptop }, await token(url, COORDINATOR));
  await page.goto(`${url}/d/${device.tag}`);
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel("Raison (obligatoire pour un retour en arrière)").fill("La personne déménage à Lyon");
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByText("La personne déménage à Lyon").waitFor();
  await checkA11y(page, "device, match undone");

  // She moves away: out of the waiting list, so the laptop goes to the other.
  await page.goto(`${url}/matching`);
  const again = page.locator("li.pair").first();
  await again.waitFor();
  if ((await again.locator("strong").textContent()).trim() === matched) {
    await again.locator("summary", { hasText: "Ne veut pas d'ordinateur, ou en a déjà un" }).click();
    await again.getByLabel("Refuse l'ordinateur").check();
    await again.getByLabel("Raison").fill("Déménage à Lyon");
    await again.getByRole("button", { name: "Enregistrer" }).click();
  }
  await page.locator("li.pair", { hasText: other }).waitFor();
  await checkA11y(page, "matching after a match was undone");
  await page.getByRole("button", { name: "Accepter ces attributions" }).click();
  await page.locator(".success-card li", { hasText: other }).waitFor();

  // The installer books it for now and hands it over, signed.
  const installer = await phonePage(running.browser());
  await signIn(installer, url, INSTALLER);
  await installer.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(installer, "installer home");
  await installer.goto(`${url}/visits`);
  const visit = installer.locator("li.visit", { hasText: other });
  await visit.waitFor();
  await checkA11y(installer, "visits after a match was undone");
  await visit.getByRole("link").first().click();
  await installer.getByRole("heading", { name: other }).waitFor();
  await checkA11y(installer, "visit to book after a match was undone");
  const paris = (at) => Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const today = paris(new Date());
  const hour = Number(today.hour);
  await installer.getByLabel("Jour").fill(`${today.year}-${today.month}-${today.day}`);
  await installer.getByLabel("De", { exact: true }).fill(`${String(hour).padStart(2, "0")}:00`);
  await installer.getByLabel("À", { exact: true }).fill(`${String(Math.min(hour + 2, 23)).padStart(2, "0")}:59`);
  await installer.getByRole("button", { name: "Prendre rendez-vous" }).last().click();
  await installer.getByText("Visite prévue", { exact: true }).first().waitFor();
  await installer.getByLabel("Ordinateur branché et démarré").check();
  await installer.getByLabel("Comptes créés (session, e-mail)").check();
  await installer.getByLabel("Box internet").check();
  await installer.getByLabel("Test de connexion réussi").check();
  await installer.getByLabel("Numéro de série ou étiquette de l'ordinateur installé").fill("ln-480");
  const pad = installer.locator("canvas.signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await installer.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await installer.mouse.down();
  await installer.mouse.move(box.x + 150, box.y + box.height * 0.3, { steps: 5 });
  await installer.mouse.move(box.x + 260, box.y + box.height * 0.7, { steps: 5 });
  await installer.mouse.up();
  await installer.getByRole("button", { name: "Terminer l'installation" }).click();
  await installer.locator("p .badge", { hasText: "Installé" }).waitFor();
  await checkA11y(installer, "visit closed after a match was undone");

  // The history says what happened: one match ended with its reason, one installed.
  const { installations } = await gql(url, "{ installations { status endedReason learnerName } }", {}, await token(url, COORDINATOR));
  const mine = installations.map((i) => [i.learnerName, i.status]).sort();
  assert.deepEqual(mine, [[matched, "CANCELLED"], [other, "INSTALLED"]].sort());
  assert.equal(installations.find((i) => i.status === "CANCELLED").endedReason, "La personne déménage à Lyon");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(installer.problems, []);
});

test("the computer comes back from the home, is erased again, made ready and given to someone else", async () => {
  const url = running.app().url;
  await trainedLearners(url, [["Inès", "Roux", "5 rue du Théâtre, Chambéry"]]);
  const page = await phonePage(running.browser());
  await signIn(page, url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  const { device } = await gql(url, "query($id: ID!) { device(id: $id) { tag } }", { id: laptop }, await token(url, COORDINATOR));
  await page.goto(`${url}/d/${device.tag}`);
  await page.getByRole("button", { name: "→ Revenu" }).click();
  await page.getByLabel("Raison (obligatoire pour un retour en arrière)").fill("Le foyer part à l'étranger");
  await page.getByRole("button", { name: "Confirmer : Revenu" }).click();
  await page.getByText("Le foyer part à l'étranger").waitFor();
  await checkA11y(page, "device back from a home");
  // Not ready again before a new erasure.
  await page.getByRole("button", { name: "→ En reconditionnement" }).click();
  await page.getByLabel("Raison (obligatoire pour un retour en arrière)").fill("À effacer de nouveau");
  await page.getByRole("button", { name: "Confirmer : En reconditionnement" }).click();
  await page.getByText("À effacer de nouveau").waitFor();
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel(/^A — /).check();
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByText("Chaque support de stockage doit avoir un effacement réussi").waitFor();
  await checkA11y(page, "device back from a home, ready refused before a new erasure");
  await page.getByLabel("Outil utilisé").fill("nwipe 0.34");
  await page.getByRole("button", { name: "Noter un effacement" }).click();
  await page.locator(".medium.erased").waitFor();
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel(/^A — /).check();
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByRole("button", { name: "→ Réservé pour une personne" }).or(page.getByText("Note A")).first().waitFor();

  // Given to someone else: the household it came back from leaves too,
  // so the laptop goes to Inès.
  await page.goto(`${url}/matching`);
  for (let tries = 0; tries < 3; tries++) {
    const pair = page.locator("li.pair").first();
    await pair.waitFor();
    const who = (await pair.locator("strong").textContent()).trim();
    if (who === "Inès Roux") break;
    await pair.locator("summary", { hasText: "Ne veut pas d'ordinateur, ou en a déjà un" }).click();
    await pair.getByLabel("Refuse l'ordinateur").check();
    await pair.getByLabel("Raison").fill("Part à l'étranger");
    await pair.getByRole("button", { name: "Enregistrer" }).click();
    await page.locator("li.declined", { hasText: who }).waitFor();
  }
  await page.locator("li.pair", { hasText: "Inès Roux" }).waitFor();
  await checkA11y(page, "matching a computer that came back");
  await page.getByRole("button", { name: "Accepter ces attributions" }).click();
  await page.locator(".success-card li", { hasText: "Inès Roux" }).waitFor();

  const { installations } = await gql(url, "{ installations { status endedReason learnerName } }", {}, await token(url, COORDINATOR));
  const returned = installations.find((i) => i.status === "RETURNED");
  assert.equal(returned.endedReason, "Le foyer part à l'étranger");
  assert.ok(installations.some((i) => i.learnerName === "Inès Roux" && i.status === "RESERVED"));
  assert.deepEqual(page.problems, []);
});
