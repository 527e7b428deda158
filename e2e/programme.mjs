// Records a journey needs before its first screen, made through the API as
// the programme's staff would have made them earlier.
import { COORDINATOR, DEMO_PASSWORD } from "./harness.mjs";

export async function gql(url, query, variables, token) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function token(url, email) {
  const data = await gql(url, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }", { e: email, p: DEMO_PASSWORD });
  return data.login.accessToken;
}

/** Learners who completed a course, each in their own household: their ids. */
export async function trainedLearners(url, people) {
  const [prescriber, coordinator, trainer] = await Promise.all([
    token(url, "prescription@demo.passerelle.fr"), token(url, COORDINATOR), token(url, "formation@demo.passerelle.fr"),
  ]);
  const session = await gql(url, "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"BLÉ\") { id } }", { at: new Date(Date.now() + 86400_000).toISOString() }, trainer);
  const cohort = await gql(url, "mutation($i: CohortInput!) { createCohort(input: $i) { id modules { id } } }", { i: { name: "Boucles", firstModuleAt: new Date(Date.now() - 80 * 86400_000).toISOString() } }, trainer);
  const cohortId = cohort.createCohort.id;
  const ids = [];
  for (const [firstName, lastName, address] of people) {
    const referral = await gql(
      url,
      "mutation($i: ReferralInput!) { createReferral(input: $i) { id } }",
      { i: { prescriberKind: "JOB_CENTRE", firstName, lastName, phone: "06 22 33 44 55", address, internet: "HAS", devicePreference: "LAPTOP", consent: true } },
      prescriber,
    );
    const id = referral.createReferral.id;
    await gql(url, "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }", { s: session.createInfoSession.id, r: [id] }, coordinator);
    await gql(url, "mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }", { r: id }, trainer);
    await gql(url, "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }", { r: id, c: cohortId }, trainer);
    for (const module of cohort.createCohort.modules) {
      await gql(url, "mutation($c: ID!, $m: ID!, $r: ID!) { markAttendance(cohortId: $c, moduleId: $m, marks: [{ referralId: $r, mark: PRESENT }]) }", { c: cohortId, m: module.id, r: id }, trainer);
    }
    await gql(url, "mutation($r: ID!) { confirmCompletion(referralId: $r) { id } }", { r: id }, trainer);
    ids.push(id);
  }
  return ids;
}

/** A bought laptop, erased and graded: its id. */
export async function readyLaptop(url, serial) {
  const coordinator = await token(url, COORDINATOR);
  const device = await gql(
    url,
    "mutation($i: CreateDeviceInput!) { createDevice(input: $i) { id media { id } } }",
    { i: { kind: "LAPTOP", brand: "Lenovo", model: "T480", serial, source: "PURCHASE", supplier: "Ordi Occasion", priceEuros: 150, media: [{ kind: "SSD", capacityGb: 256 }] } },
    coordinator,
  );
  const id = device.createDevice.id;
  await gql(url, "mutation($id: ID!) { moveDevice(id: $id, input: { to: IN_REFURBISHMENT }) { id } }", { id }, coordinator);
  await gql(
    url,
    "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }",
    { d: id, m: device.createDevice.media[0].id, on: new Date().toISOString().slice(0, 10) },
    coordinator,
  );
  await gql(url, "mutation($id: ID!) { moveDevice(id: $id, input: { to: READY, grade: A }) { id } }", { id }, coordinator);
  return id;
}
