// Journey: two training providers share one cohort, as in the reference
// programme (the media library teaches most modules, an association the
// others). The media library hands a module to the association; the
// association's trainer sees the cohort, marks only that module, and learns
// from the call list the day before that a learner will be absent, which the
// attendance sheet then shows as excused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COORDINATOR, DEMO_PASSWORD, checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { gql, token } from "../programme.mjs";

const running = useApp();
const LIBRARY_TRAINER = "formation@demo.passerelle.fr";
const ASSOCIATION_TRAINER = "cles@asso.example.org";
const ASSOCIATION = "Association Les Clés du Numérique";
let cohort;

/** Tomorrow in Paris, at 14:00 Paris time in winter (13:00 UTC). */
function tomorrowAfternoon() {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + 86400_000));
  return new Date(`${day}T13:00:00Z`);
}

test("set-up: an association that teaches, its trainer, and a cohort whose tenth module is tomorrow", async () => {
  const url = running.app().url;
  const [coordinator, library, prescriber] = await Promise.all([
    token(url, COORDINATOR), token(url, LIBRARY_TRAINER), token(url, "prescription@demo.passerelle.fr"),
  ]);
  const org = await gql(url, "mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }", { i: { name: ASSOCIATION, kind: "TRAINING_PROVIDER" } }, coordinator);
  await gql(
    url,
    "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
    { i: { displayName: "Inès Fabre", email: ASSOCIATION_TRAINER, password: DEMO_PASSWORD, organisationId: org.createOrganisation.id, roles: ["TRAINER"] } },
    coordinator,
  );
  // Weekly modules: the tenth starts nine weeks after the first.
  const first = new Date(tomorrowAfternoon().getTime() - 63 * 86400_000);
  const created = await gql(url, "mutation($i: CohortInput!) { createCohort(input: $i) { id } }", { i: { name: "Ateliers partagés", firstModuleAt: first.toISOString() } }, library);
  cohort = created.createCohort.id;
  const session = await gql(url, "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"Médiathèque\") { id } }", { at: new Date(Date.now() + 3600_000).toISOString() }, library);
  for (const [firstName, lastName, gender] of [["Malika", "Benamar", "WOMAN"], ["Louis", "Girard", "MAN"]]) {
    const referral = await gql(
      url,
      "mutation($i: ReferralInput!) { createReferral(input: $i) { id } }",
      { i: { prescriberKind: "JOB_CENTRE", firstName, lastName, gender, phone: "06 12 34 56 78", address: "4 rue Sommeiller, Chambéry", internet: "HAS", devicePreference: "LAPTOP", consent: true } },
      prescriber,
    );
    const id = referral.createReferral.id;
    await gql(url, "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }", { s: session.createInfoSession.id, r: [id] }, coordinator);
    await gql(url, "mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }", { r: id }, library);
    await gql(url, "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }", { r: id, c: cohort }, library);
  }
});

test("the media library hands the tenth module to the association", async () => {
  const url = running.app().url;
  const page = await phonePage(running.browser());
  await signIn(page, url, LIBRARY_TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.goto(`${url}/cohorts/${cohort}`);
  const tenth = page.locator("ol.modules > li").nth(9);
  await tenth.getByRole("link").waitFor();
  await checkA11y(page, "cohort, run by the media library");
  await tenth.locator("summary", { hasText: "Changer la date ou le lieu" }).click();
  await tenth.getByLabel("Organisme de formation").selectOption({ label: ASSOCIATION });
  await tenth.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.locator("ol.modules > li").nth(9).getByText(`Animé par ${ASSOCIATION}`).waitFor();
  // Handed on: the media library no longer marks it, but still sees it.
  assert.equal(await page.locator("ol.modules > li").nth(9).getByRole("link").count(), 0);
  await snapshot(page, "cohort-shared-module");
  await checkA11y(page, "cohort, a module handed to the association");
  assert.deepEqual(page.problems, []);
});

test("the association's trainer sees the cohort, phones the day before, and marks only its module", async () => {
  const url = running.app().url;
  const page = await phonePage(running.browser());
  await signIn(page, url, ASSOCIATION_TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "association trainer home");

  await page.goto(`${url}/cohorts`);
  await page.getByRole("link", { name: /Ateliers partagés/ }).waitFor();
  await checkA11y(page, "cohorts, one shared with the association");
  await page.getByRole("link", { name: /Ateliers partagés/ }).click();
  await page.getByRole("heading", { name: "Ateliers partagés" }).waitFor();
  // It teaches there but does not run the cohort: no enrolment, no correction.
  assert.equal(await page.getByText("Corriger le nom ou les places").count(), 0);
  assert.equal(await page.getByRole("button", { name: "Inscrire" }).count(), 0);
  const modules = page.locator("ol.modules > li");
  await modules.nth(9).getByRole("link").waitFor();
  assert.equal(await modules.nth(0).getByRole("link").count(), 0);
  await checkA11y(page, "cohort, seen by the association");

  // The day before: Malika says she cannot come, Louis does not answer.
  await page.goto(`${url}/reminders`);
  const malika = page.locator("li.reminder", { hasText: "Malika Benamar" });
  await malika.waitFor();
  await checkA11y(page, "call list");
  await malika.getByLabel("Comment s'est passé l'appel ?").selectOption({ label: "Absence annoncée" });
  await page.locator("li.reminder", { hasText: "Louis Girard" }).getByLabel("Comment s'est passé l'appel ?").selectOption({ label: "Pas de réponse" });
  await snapshot(page, "call-list-outcomes");
  // Kept on the server: after a reload the outcomes are still there.
  await page.waitForTimeout(300);
  await page.reload();
  await expectSelected(page.locator("li.reminder", { hasText: "Malika Benamar" }).locator("select"), "ABSENCE_ANNOUNCED");
  await expectSelected(page.locator("li.reminder", { hasText: "Louis Girard" }).locator("select"), "NO_ANSWER");

  // The sheet of its module: Malika already shows as excused.
  await page.goto(`${url}/cohorts/${cohort}`);
  await page.locator("ol.modules > li").nth(9).getByRole("link").click();
  const malikaRow = page.locator("li.mark-row", { hasText: "Malika Benamar" });
  await malikaRow.getByText("A prévenu de son absence au téléphone").waitFor();
  assert.equal(await malikaRow.getByRole("button", { name: "Excusée" }).getAttribute("aria-pressed"), "true");
  await page.locator("li.mark-row", { hasText: "Louis Girard" }).getByRole("button", { name: "Présent" }).click();
  await checkA11y(page, "attendance, an announced absence");
  await snapshot(page, "attendance-announced-absence");
  await page.getByRole("button", { name: "Enregistrer les présences" }).click();
  await page.getByText("Présences enregistrées").waitFor();

  // The first module is the media library's: its sheet says so and offers nothing to mark.
  const firstModule = await gql(url, "query($id: ID!) { cohort(id: $id) { modules { id } } }", { id: cohort }, await token(url, ASSOCIATION_TRAINER));
  await page.goto(`${url}/cohorts/${cohort}/modules/${firstModule.cohort.modules[0].id}`);
  await page.getByText("Ce module est animé par un autre organisme de formation").waitFor();
  assert.equal(await page.getByRole("button", { name: "Enregistrer les présences" }).count(), 0);
  await checkA11y(page, "attendance, another provider's module");
  assert.deepEqual(page.problems, []);

  // What was saved: the association's marks on its module, none on the others.
  const seen = await gql(url, "query($id: ID!) { cohort(id: $id) { modules { id } attendance { moduleId mark } } }", { id: cohort }, await token(url, LIBRARY_TRAINER));
  const tenthId = seen.cohort.modules[9].id;
  assert.deepEqual(seen.cohort.attendance.map((a) => [a.moduleId === tenthId, a.mark]).sort(), [[true, "EXCUSED"], [true, "PRESENT"]]);
});

async function expectSelected(select, value) {
  for (let i = 0; i < 50; i++) {
    if ((await select.inputValue()) === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await select.inputValue(), value);
}
