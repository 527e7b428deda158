// Journey: life loops back at matching. Two trained learners, one laptop:
// the one proposed says she already has a computer, so the laptop goes to
// the other; she changes her mind and waits again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { COORDINATOR, checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { readyLaptop, trainedLearners } from "../programme.mjs";

const running = useApp();

test("set-up: two trained learners and one ready laptop", async () => {
  await trainedLearners(running.app().url, [
    ["Yasmine", "Haddad", "3 rue des Écoles, Chambéry"],
    ["Zoé", "Martin", "9 avenue de Lyon, Chambéry"],
  ]);
  await readyLaptop(running.app().url, "LN-480");
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
