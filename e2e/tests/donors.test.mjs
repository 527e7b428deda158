// Journey: a collection agent looks up a donor on their phone before a pickup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();

test("a collection agent finds a donor by a word typed without accents", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "collecte@demo.passerelle.fr");
  await page.getByRole("heading", { name: "Bonjour, Karim Benali" }).waitFor();
  await checkA11y(page, "agent home");
  // An agent manages no accounts.
  assert.equal(await page.getByRole("link", { name: /Comptes/ }).count(), 0);
  await page.getByRole("link", { name: /Donateurs/ }).click();
  await page.getByText("6 donateurs").waitFor();
  await checkA11y(page, "donors");

  await page.getByRole("searchbox").fill("cour appel");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByText("1 donateur", { exact: true }).waitFor();
  const court = page.locator("li.donor");
  assert.equal(await court.count(), 1);
  await court.getByText("Cour d'appel de Chambéry").waitFor();
  await court.getByText("Convention CONV-2019-CA73 · jusqu'au jeu. 29 avr. 2027").waitFor();
  await snapshot(page, "donors-search");
  await checkA11y(page, "donors, found by search");

  await page.getByRole("searchbox").fill("grenoble");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByText("Aucun donateur ne correspond à cette recherche.").waitFor();
  await checkA11y(page, "donors, nothing found");
  assert.deepEqual(page.problems, []);
});

test("a donor typed twice is caught as a possible duplicate", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "collecte@demo.passerelle.fr");
  await page.getByRole("heading", { name: "Bonjour, Karim Benali" }).waitFor();
  await checkA11y(page, "agent home");
  await page.getByRole("link", { name: /Donateurs/ }).click();
  await page.getByText("6 donateurs").waitFor();
  await checkA11y(page, "donors");
  const create = async (name) => {
    await page.getByRole("link", { name: "Nouveau donateur" }).click();
    await page.getByLabel("Entreprise").check();
    await page.getByLabel("Nom du donateur").fill(name);
    await page.getByLabel("Code postal").fill("73 000");
    await page.getByLabel("Ville").fill("Chambéry");
    await page.getByRole("button", { name: "Enregistrer le donateur" }).click();
  };
  // Forgetting the kind is caught before sending.
  await page.getByRole("link", { name: "Nouveau donateur" }).click();
  await page.getByLabel("Nom du donateur").fill("Garage Rossi");
  await page.getByRole("button", { name: "Enregistrer le donateur" }).click();
  await page.getByText("Précisez si le donateur est une entreprise", { exact: false }).waitFor();
  await checkA11y(page, "new donor, kind missing");
  // A postcode one digit short says so, naming the field.
  await page.getByLabel("Entreprise").check();
  await page.getByLabel("Code postal").fill("7300");
  await page.getByRole("button", { name: "Enregistrer le donateur" }).click();
  await page.getByText("Code postal : 5 chiffres (par exemple 73000).").waitFor();
  await checkA11y(page, "new donor, postcode too short");
  await page.goto(`${running.app().url}/donors`);

  await create("Garage Rossi");
  await page.getByText("7 donateurs").waitFor();
  await checkA11y(page, "donor saved");
  await create("GARAGE rossi");
  await page.getByText("Un donateur avec ce nom et ce code postal existe déjà", { exact: false }).waitFor();
  await page.locator("ul.duplicates").getByText("Garage Rossi").waitFor();
  await snapshot(page, "donor-duplicate");
  await checkA11y(page, "new donor, possible duplicate");
  await page.getByRole("button", { name: "C'est un autre donateur : l'enregistrer" }).click();
  await page.getByText("8 donateurs").waitFor();
  await checkA11y(page, "second donor saved");
  assert.deepEqual(page.problems, []);
});
