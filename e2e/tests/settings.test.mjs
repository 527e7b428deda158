// Journey: the coordinator sets the programme up in the app: the share agreed
// with the workshop, the completion rule, the time zone, and the course
// itself (a module added, moved and given to a provider, one taken out).
// The next cohort gets that course.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COORDINATOR, checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { gql, token } from "../programme.mjs";

const running = useApp();

test("the coordinator changes the course and the rules, and the next cohort follows", async () => {
  const url = running.app().url;
  const page = await phonePage(running.browser());
  await signIn(page, url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.getByRole("link", { name: /Réglages du programme/ }).click();
  const share = page.getByLabel("Part rendue prête convenue avec l'atelier (%)");
  await share.waitFor();
  assert.equal(await share.inputValue(), "10");
  assert.equal(await page.locator("li.course-module").count(), 11);
  await checkA11y(page, "settings");

  // A tired typo first: refused, with the field named, nothing saved.
  await share.fill("150");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("La part restituée doit être entre 0 et 100 %.").waitFor();
  await checkA11y(page, "settings, a share over 100");
  await share.fill("12");
  await page.getByLabel("Absences excusées permises pour finir la formation").fill("2");
  await page.getByLabel("Fuseau horaire").selectOption({ label: "La Réunion" });

  // Pronote goes; a family workshop comes in before the last module, taught by the media library.
  const modules = page.locator("li.course-module");
  assert.match(await modules.nth(9).getByLabel("Titre").inputValue(), /^Pronote/);
  await modules.nth(9).getByRole("button", { name: "Retirer" }).click();
  assert.equal(await modules.count(), 10);
  await page.getByRole("button", { name: "Ajouter un module" }).click();
  const added = modules.last();
  await added.getByLabel("Titre").fill("Atelier numérique en famille");
  await added.getByLabel("Obligatoire pour finir la formation").uncheck();
  await added.getByLabel("Lieu (facultatif : sinon celui du groupe)").fill("Maison de quartier du Biollay");
  await added.getByLabel("Organisme de formation").selectOption({ label: "Médiathèque Jean-Jacques Rousseau (démo)" });
  await added.getByRole("button", { name: "Monter" }).click();
  // An empty title is refused before anything is sent.
  await page.getByRole("button", { name: "Ajouter un module" }).click();
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("Titre du module : chaque module a un titre.").waitFor();
  await modules.last().getByRole("button", { name: "Retirer" }).click();
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("Réglages enregistrés.", { exact: false }).waitFor();
  await snapshot(page, "settings-saved");
  await checkA11y(page, "settings saved");

  // Kept: the page opens again with them.
  await page.reload();
  await share.waitFor();
  assert.equal(await share.inputValue(), "12");
  assert.equal(await modules.count(), 11);
  assert.equal(await modules.nth(9).getByLabel("Titre").inputValue(), "Atelier numérique en famille");
  assert.equal(await page.getByLabel("Fuseau horaire").inputValue(), "INDIAN_REUNION");
  assert.deepEqual(page.problems, []);

  // The next cohort gets that course.
  const trainer = await token(url, "formation@demo.passerelle.fr");
  const created = await gql(
    url,
    "mutation($i: CohortInput!) { createCohort(input: $i) { modules { title mandatory place } } }",
    { i: { name: "Nouvelle formule", firstModuleAt: new Date(Date.now() + 7 * 86400_000).toISOString(), place: "Médiathèque" } },
    trainer,
  );
  const titles = created.createCohort.modules.map((m) => m.title);
  assert.equal(titles.length, 11);
  assert.ok(!titles.some((t) => t.startsWith("Pronote")));
  assert.deepEqual(created.createCohort.modules[9], { title: "Atelier numérique en famille", mandatory: false, place: "Maison de quartier du Biollay" });
  const settings = await gql(url, "query { programmeSettings { completionMaxExcused } }", {}, await token(url, COORDINATOR));
  assert.equal(settings.programmeSettings.completionMaxExcused, 2);
});
