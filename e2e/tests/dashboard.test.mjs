// Journey: the coordinator opens the year's dashboard, reads the charts,
// downloads the report (PDF) and the tables (CSV) with the same figures.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { checkA11y, COORDINATOR, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();

async function download(page, label) {
  await page.getByRole("button", { name: label }).click();
  const link = page.getByRole("link", { name: `${label} — télécharger` });
  await link.waitFor();
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return readFile(await file.path());
}

test("the coordinator reads the year's dashboard and downloads the files", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.getByRole("link", { name: /Tableau de bord et bilan/ }).click();
  const pickups = page.locator(".figure", { hasText: "collectes" }).locator(".figure-value");
  await pickups.waitFor();
  const shown = (await pickups.textContent()).trim();
  assert.match(shown, /^\d+$/);
  assert.ok((await page.locator("svg.chart").count()) >= 3, "the charts are drawn");
  await page.getByText("par rapport à l'an dernier").first().waitFor();
  await snapshot(page, "dashboard");
  await checkA11y(page, "dashboard");

  const pdf = await download(page, "Bilan (PDF)");
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  const summary = (await download(page, "Chiffres clés (CSV)")).toString("utf8");
  assert.ok(summary.startsWith("\ufeffIndicateur / Indicator;Valeur / Value"));
  assert.ok(summary.includes(`Collectes / Pickups;${shown}\r\n`), "the same figure in the CSV");
  const learners = (await download(page, "Personnes, pseudonymisées (CSV)")).toString("utf8");
  // First what was done to make the rows k-anonymous, then the header.
  const [note, header] = learners.replace(/^\ufeff/, "").split("\r\n");
  assert.match(note, /k-anonymat, k = 5/);
  assert.ok(header.startsWith("Pseudonyme / Pseudonym"), header);
  await checkA11y(page, "dashboard, files ready to download");
  assert.deepEqual(page.problems, []);
});
