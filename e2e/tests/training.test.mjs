// Journey: a prescriber refers a resident; the training provider finds her
// eligible and enrols her; the trainer marks a whole module for ten learners
// in two taps (and another with the network cut); she completes; the
// prescriber sees "Formation terminée".
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkA11y, COORDINATOR, DEMO_PASSWORD, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();
const PRESCRIBER = "prescription@demo.passerelle.fr";
const TRAINER = "formation@demo.passerelle.fr";

async function gql(query, variables, token) {
  const response = await fetch(`${running.app().url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function token(email) {
  const data = await gql(
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
    { e: email, p: DEMO_PASSWORD },
  );
  return data.login.accessToken;
}

const resident = (first) => ({
  prescriberKind: "SOCIAL_CENTRE", firstName: first, lastName: "Martin", phone: "06 00 00 00 00",
  internet: "HAS", consent: true, priorityNeighbourhood: true,
});

let cohortId;
let modules;

test("a prescriber refers a resident, with her consent", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, PRESCRIBER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "prescriber home");
  await page.getByRole("link", { name: /Orientations/ }).click();
  await page.getByRole("button", { name: "Orienter une personne" }).waitFor();
  await checkA11y(page, "referrals");
  await page.getByRole("button", { name: "Orienter une personne" }).click();
  await page.getByLabel("Prénom", { exact: true }).fill("Fatima");
  await page.getByLabel("Nom", { exact: true }).fill("Benali");
  await page.getByLabel("Téléphone", { exact: true }).fill("06 11 22 33 44");
  await page.getByLabel("Quartier", { exact: true }).fill("Le Biollay");
  await page.getByLabel("Habite un quartier prioritaire (QPV)").check();
  await page.getByLabel("Femme", { exact: true }).check();
  await page.getByLabel("Enfants au foyer").fill("3");
  await page.getByLabel("Ordinateur fixe").check();
  await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
  await page.getByText("Le consentement de la personne au traitement de ses données est obligatoire.").waitFor();
  await checkA11y(page, "new referral, consent missing");
  await page.getByLabel(/La personne accepte/).check();
  await snapshot(page, "referral-form");
  await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
  await page.getByText("Orientation envoyée.").waitFor();
  await page.locator("li.referral", { hasText: "Fatima Benali" }).getByText("Reçue").waitFor();
  await checkA11y(page, "referral sent");

  // The next resident's form starts clean: nothing of Fatima's answers stays.
  await page.getByRole("button", { name: "Orienter une personne" }).click();
  assert.equal(await page.getByLabel("Prénom", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("Femme", { exact: true }).isChecked(), false);
  assert.equal(await page.getByLabel("Autre / non précisé").isChecked(), true);
  assert.equal(await page.getByLabel("Enfants au foyer").inputValue(), "0");
  assert.equal(await page.getByLabel("Ordinateur fixe").isChecked(), false);
  assert.equal(await page.getByLabel("Peu importe").isChecked(), true);
  assert.equal(await page.getByLabel("Habite un quartier prioritaire (QPV)").isChecked(), false);
  assert.equal(await page.getByLabel(/La personne accepte/).isChecked(), false);
  await page.getByLabel("Prénom", { exact: true }).fill("Karim");
  await page.getByLabel("Nom", { exact: true }).fill("Haddad");
  await page.getByLabel("Téléphone", { exact: true }).fill("06 55 44 33 22");
  // Karim's paper form, from ten days ago, typed in today: it keeps its day.
  const parisDay = (ms) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(new Date(ms));
  const today = parisDay(Date.now());
  const tenDaysAgo = parisDay(Date.now() - 10 * 86400_000);
  const referredOn = page.getByLabel("Date de l'orientation");
  assert.equal(await referredOn.inputValue(), today, "today by default");
  await referredOn.fill(tenDaysAgo);
  await page.getByLabel(/La personne accepte/).check();
  await page.getByRole("button", { name: "Envoyer l'orientation" }).click();
  await page.locator("li.referral", { hasText: "Karim Haddad" }).getByText("Reçue").waitFor();
  const stored = (await gql("query { referrals { firstName gender householdChildren devicePreference priorityNeighbourhood referredOn } }", {}, await token(PRESCRIBER))).referrals;
  assert.deepEqual(
    stored.filter((r) => ["Fatima", "Karim"].includes(r.firstName)).sort((a, b) => a.firstName.localeCompare(b.firstName)),
    [
      { firstName: "Fatima", gender: "WOMAN", householdChildren: 3, devicePreference: "DESKTOP", priorityNeighbourhood: true, referredOn: today },
      { firstName: "Karim", gender: "UNSPECIFIED", householdChildren: 0, devicePreference: "ANY", priorityNeighbourhood: false, referredOn: tenDaysAgo },
    ],
  );
  assert.deepEqual(page.problems, []);
});

test("a prescriber corrects the phone number she mistyped", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, PRESCRIBER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "prescriber home");
  await page.goto(`${running.app().url}/referrals`);
  const karim = page.locator("li.referral", { hasText: "Karim Haddad" });
  await karim.getByRole("button", { name: "Corriger" }).click();
  const phone = karim.getByLabel("Téléphone", { exact: true });
  await phone.waitFor();
  assert.equal(await phone.inputValue(), "06 55 44 33 22");
  assert.equal(await karim.getByLabel(/La personne accepte/).isChecked(), true);
  await phone.fill("06");
  await karim.getByRole("button", { name: "Enregistrer" }).click();
  await karim.getByRole("alert").waitFor();
  await checkA11y(page, "referral correction, phone too short");
  // Enough digits to look like one, but no such number: the server's numbering plans say so.
  await phone.fill("06 55 44 33");
  await karim.getByRole("button", { name: "Enregistrer" }).click();
  await karim.getByRole("alert").filter({ hasText: "Téléphone : ce numéro ne peut pas exister" }).waitFor();
  await phone.fill("06 55 44 33 21");
  await snapshot(page, "referral-correction");
  await karim.getByRole("button", { name: "Enregistrer" }).click();
  await page.getByText("Orientation corrigée.").waitFor();
  await checkA11y(page, "referral corrected");
  const stored = (await gql("query { referrals { firstName lastName phone status } }", {}, await token(PRESCRIBER))).referrals
    .find((r) => r.firstName === "Karim" && r.lastName === "Haddad");
  assert.deepEqual(stored, { firstName: "Karim", lastName: "Haddad", phone: "06 55 44 33 21", status: "RECEIVED" });
  assert.deepEqual(page.problems, []);
});

test("the organiser finds her eligible and enrols her among ten learners", async () => {
  const [prescriber, coordinator, trainer] = await Promise.all([token(PRESCRIBER), token(COORDINATOR), token(TRAINER)]);
  const others = [];
  for (const name of ["Awa", "Binta", "Chloé", "Dounia", "Emma", "Farah", "Gul", "Hana", "Inès"]) {
    const data = await gql("mutation($i: ReferralInput!) { createReferral(input: $i) { id } }", { i: resident(name) }, prescriber);
    others.push(data.createReferral.id);
  }
  const fatima = (await gql("query { referrals { id firstName } }", {}, coordinator)).referrals.find((r) => r.firstName === "Fatima").id;
  const session = await gql(
    "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"Médiathèque J.-J. Rousseau\") { id } }",
    { at: new Date(Date.now() + 3600_000).toISOString() },
    trainer,
  );
  await gql("mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }", { s: session.createInfoSession.id, r: [fatima, ...others] }, coordinator);
  const cohort = await gql(
    "mutation($i: CohortInput!) { createCohort(input: $i) { id modules { id } } }",
    { i: { name: "Groupe du mardi", firstModuleAt: new Date(Date.now() - 3600_000).toISOString(), place: "Médiathèque" } },
    trainer,
  );
  cohortId = cohort.createCohort.id;
  modules = cohort.createCohort.modules.map((m) => m.id);
  for (const id of others) {
    await gql(
      "mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }",
      { r: id },
      trainer,
    );
    await gql("mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }", { r: id, c: cohortId }, trainer);
  }

  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.getByRole("link", { name: /Informations collectives/ }).click();
  const invitee = page.locator("li.entry", { hasText: "Fatima Benali" });
  await invitee.getByRole("button", { name: "Éligible", exact: true }).click();
  await page.locator("li.entry", { hasText: "Fatima Benali" }).getByText("Éligible", { exact: true }).waitFor();
  await checkA11y(page, "information sessions, eligible");
  await page.goto(`${running.app().url}/cohorts/${cohortId}`);
  await page.getByRole("heading", { name: "Groupe du mardi" }).waitFor();
  await checkA11y(page, "cohort");
  await page.getByRole("group", { name: "Inscrire des personnes éligibles" }).getByLabel("Fatima Benali").check();
  await page.getByRole("button", { name: "Inscrire", exact: true }).click();
  await page.locator("li.learner", { hasText: "Fatima Benali" }).getByText("Inscrite en formation").waitFor();
  await page.getByText("10/10 places prises", { exact: false }).waitFor();
  await checkA11y(page, "cohort, full");
  assert.deepEqual(page.problems, []);
});

test("the trainer marks a whole module in two taps, and another with the network cut", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.goto(`${running.app().url}/cohorts/${cohortId}/modules/${modules[0]}`);
  await page.locator(".mark-row").nth(9).waitFor();
  assert.equal(await page.locator(".mark-row").count(), 10);
  await checkA11y(page, "attendance");
  // Tap 1 and tap 2.
  await page.getByRole("button", { name: "Tout le monde présent" }).click();
  await page.getByRole("button", { name: "Enregistrer les présences" }).click();
  await page.getByText("Présences enregistrées.").waitFor();
  await snapshot(page, "attendance");
  await checkA11y(page, "attendance saved");

  // One visit online; then in class with no network, the sheet opens again.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.goto(`${running.app().url}/cohorts/${cohortId}/modules/${modules[1]}`);
  await page.locator(".mark-row").nth(9).waitFor();
  await page.context().setOffline(true);
  await page.reload();
  const kept = page.getByText(/Pas de réseau : voici la copie gardée sur ce téléphone/);
  await kept.waitFor();
  await page.locator(".mark-row").nth(9).waitFor();
  await snapshot(page, "attendance-offline");
  await checkA11y(page, "attendance, opened offline");
  await page.getByRole("button", { name: "Tout le monde présent" }).click();
  await page.getByRole("button", { name: "Enregistrer les présences" }).click();
  await page.getByText("Pas de réseau : les présences sont gardées").waitFor();
  await checkA11y(page, "attendance, offline, kept");
  await page.context().setOffline(false);
  // Back by itself: the sheet reads the server again.
  await kept.waitFor({ state: "detached", timeout: 30_000 });
  const trainer = await token(TRAINER);
  const deadline = Date.now() + 30_000;
  let marked = 0;
  while (Date.now() < deadline) {
    const data = await gql("query($id: ID!) { cohort(id: $id) { attendance { moduleId } } }", { id: cohortId }, trainer);
    marked = data.cohort.attendance.filter((a) => a.moduleId === modules[1]).length;
    if (marked === 10) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(marked, 10, "the kept marks left when the network came back");
});

test("she completes, and the prescriber sees it", async () => {
  const trainer = await token(TRAINER);
  const data = await gql("query($id: ID!) { cohort(id: $id) { learners { referral { id } } } }", { id: cohortId }, trainer);
  const marks = data.cohort.learners.map((l) => ({ referralId: l.referral.id, mark: "PRESENT" }));
  for (const module of modules.slice(2)) {
    await gql("mutation($c: ID!, $m: ID!, $k: [MarkInput!]!) { markAttendance(cohortId: $c, moduleId: $m, marks: $k) }", { c: cohortId, m: module, k: marks }, trainer);
  }
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.goto(`${running.app().url}/cohorts/${cohortId}`);
  const fatima = page.locator("li.learner", { hasText: "Fatima Benali" });
  await fatima.getByText("Règle de fin de formation remplie").waitFor();
  await checkA11y(page, "cohort, course completed");
  await fatima.locator("summary", { hasText: "Confirmer la fin de formation" }).click();
  // Dated the day before she enrolled (a slip of the finger): refused, and said why.
  const day = fatima.getByLabel("Date de fin de formation");
  const today = await day.inputValue();
  const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await day.fill(yesterday);
  await fatima.getByRole("button", { name: "Confirmer la fin de formation" }).click();
  await fatima.getByText("La date précède celle de l'étape d'avant", { exact: false }).waitFor();
  await checkA11y(page, "cohort, completion dated before the enrolment");
  await day.fill(today);
  await fatima.getByRole("button", { name: "Confirmer la fin de formation" }).click();
  await page.locator("li.learner", { hasText: "Fatima Benali" }).getByText("Formation terminée").waitFor();
  await checkA11y(page, "cohort, completion confirmed");

  const prescriber = await phonePage(running.browser());
  await signIn(prescriber, running.app().url, PRESCRIBER);
  await prescriber.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(prescriber, "prescriber home");
  await prescriber.getByRole("link", { name: /Orientations/ }).click();
  await prescriber.locator("li.referral", { hasText: "Fatima Benali" }).getByText("Formation terminée").waitFor();
  await snapshot(prescriber, "referral-completed");
  await checkA11y(prescriber, "referrals, course completed");
  assert.deepEqual(page.problems, []);
  assert.deepEqual(prescriber.problems, []);
});

test("the coordination sees who read a learner's record, exports it and erases the person", async () => {
  const prescriber = await token(PRESCRIBER);
  await gql("mutation($i: ReferralInput!) { createReferral(input: $i) { id } }", { i: resident("Zoé") }, prescriber);
  // The prescriber reading her list is one read of Zoé's record.
  await gql("query { referrals { id } }", {}, prescriber);

  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, COORDINATOR);
  // Signed in (the home page is up) before leaving the page.
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.goto(`${running.app().url}/referrals`);
  const zoe = page.locator("li.referral", { hasText: "Zoé Martin" });
  await zoe.getByText("Données personnelles (RGPD)").click();
  await zoe.getByRole("button", { name: "Qui a consulté cette fiche" }).click();
  await zoe.locator(".audit-log li", { hasText: "consultation" }).first().waitFor();
  await checkA11y(page, "referrals, who read the record");

  await zoe.getByRole("button", { name: "Exporter toutes ses données (JSON)" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    zoe.getByRole("link", { name: /Exporter toutes ses données \(JSON\) — / }).click(),
  ]);
  const exported = JSON.parse(await streamText(await download.createReadStream()));
  assert.equal(exported.referral.firstName, "Zoé");
  assert.equal(exported.referral.phone, "06 00 00 00 00");

  await zoe.getByRole("button", { name: "Effacer cette personne" }).click();
  await zoe.getByText("seront effacés pour toujours").waitFor();
  await snapshot(page, "erase-confirm");
  await checkA11y(page, "referrals, erase confirmation");
  await zoe.getByRole("button", { name: "Oui, effacer pour toujours" }).click();
  await page.locator("li.referral", { hasText: "Personne effacée" }).first().waitFor();
  assert.equal(await page.locator("li.referral", { hasText: "Zoé Martin" }).count(), 0);
  await checkA11y(page, "referrals, person erased");
  assert.deepEqual(page.problems, []);
});

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

test("a tired trainer's wrong inputs are refused with the field they name", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, TRAINER);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.goto(`${running.app().url}/cohorts`);
  await page.locator("summary", { hasText: "Nouveau groupe" }).click();
  await page.getByLabel("Nom du groupe").fill("Groupe du jeudi");
  await page.getByLabel("Places").fill("dix");
  await page.getByLabel("Premier module (date et heure)").fill("2027-01-14T14:00");
  await page.getByRole("button", { name: "Nouveau groupe" }).click();
  await page.getByRole("alert").filter({ hasText: "Places : écrivez le nombre en chiffres" }).waitFor();
  await checkA11y(page, "new cohort, places in words");

  await page.goto(`${running.app().url}/sessions`);
  await page.locator("summary", { hasText: "Nouvelle information collective" }).click();
  await page.getByLabel("Date et heure").fill("2027-01-07T10:00");
  await page.getByRole("button", { name: "Nouvelle information collective" }).click();
  await page.getByRole("alert").filter({ hasText: "Lieu : indiquez où cela se passe." }).waitFor();
  await checkA11y(page, "new session, no place");
  // A year typed wrong puts it in the past: said, and offered to confirm.
  await page.getByLabel("Lieu").fill("Médiathèque J.-J. Rousseau");
  await page.getByLabel("Date et heure").fill("2025-01-07T10:00");
  await page.getByRole("button", { name: "Nouvelle information collective" }).click();
  await page.getByRole("alert").filter({ hasText: "Date et heure : cette information collective est dans le passé" }).waitFor();
  await page.getByLabel("Elle a déjà eu lieu : l’enregistrer quand même").waitFor();
  await checkA11y(page, "new session, in the past");
  // Fixed, it is created, and the next one starts empty.
  await page.getByLabel("Date et heure").fill("2027-01-07T10:00");
  await page.getByRole("button", { name: "Nouvelle information collective" }).click();
  // An earlier session has the same place: wait for the form to start again.
  await page.waitForFunction(() => document.getElementById("session-place")?.value === "");
  await page.locator("section.session", { hasText: "Médiathèque J.-J. Rousseau" }).first().waitFor();
  assert.equal(await page.getByLabel("Lieu").inputValue(), "");
  assert.equal(await page.getByLabel("Elle a déjà eu lieu : l’enregistrer quand même").count(), 0);
  assert.deepEqual(page.problems, []);
});
