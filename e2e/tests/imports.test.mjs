// Journey: a programme moves in. The coordinator downloads the template,
// fills it, sends it, reads what is wrong line by line (nothing saved),
// fixes the file, imports it, and opens the dashboard on the past year it
// filled. Then, at a desk's width, the same file again creates nothing twice.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import XLSX from "xlsx";
import { COORDINATOR, checkA11y, desktopPage, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { gql, token } from "../programme.mjs";

const running = useApp();
const lastYear = new Date().getFullYear() - 1;

/** The template with a donor and a pickup written in, as a person would. */
function filled(template, { donor, collectedOn }) {
  const book = XLSX.read(template, { type: "buffer" });
  assert.ok(book.SheetNames.includes("Lisez-moi"), book.SheetNames.join(", "));
  const donors = book.Sheets["Donateurs"];
  const pickups = book.Sheets["Collectes"];
  const header = (sheet) => XLSX.utils.sheet_to_json(sheet, { header: 1 })[0];
  assert.deepEqual(header(donors).slice(0, 3), ["Réf. donateur", "Nom", "Type de donateur"]);
  const row = (sheet, cells) => header(sheet).map((h) => cells[h] ?? "");
  XLSX.utils.sheet_add_aoa(donors, [row(donors, { "Réf. donateur": "D-E2E-1", Nom: "Mairie de Chambéry", "Type de donateur": "Organisme public" })], { origin: -1 });
  XLSX.utils.sheet_add_aoa(pickups, [row(pickups, {
    "Réf. collecte": "P-E2E-1",
    "Réf. donateur": donor,
    "Date de collecte": collectedOn,
    "Poids (kg)": "42,5",
    "Ordinateurs portables": "3",
  })], { origin: -1 });
  return XLSX.write(book, { type: "buffer", bookType: "xlsx" });
}

async function pickupsOf(url, year) {
  const answer = await gql(
    url,
    "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { pickups } }",
    { from: `${year}-01-01`, to: `${year}-12-31` },
    await token(url, COORDINATOR),
  );
  return answer.report.pickups;
}

let fixedFile;

test("the coordinator imports a filled template after fixing what the check found", async () => {
  const url = running.app().url;
  const before = await pickupsOf(url, lastYear);
  const page = await phonePage(running.browser());
  await signIn(page, url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.getByRole("link", { name: /Importer et exporter/ }).click();
  await page.getByRole("heading", { name: "Importer et exporter" }).waitFor();
  await checkA11y(page, "imports");

  await page.getByRole("button", { name: "Modèle en français" }).click();
  const link = page.getByRole("link", { name: "Modèle en français — télécharger" });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const template = await readFile(await download.path());

  // A tired first try: the donor's reference mistyped, a year before the programme.
  const wrong = filled(template, { donor: "D-E2E-2", collectedOn: "15/03/2019" });
  const input = page.getByLabel("Fichier XLSX, ODS ou CSV");
  const mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  await input.setInputFiles({ name: "historique.xlsx", mimeType: mime, buffer: wrong });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await page.getByText("Rien n'a été enregistré.", { exact: false }).waitFor();
  const findings = page.locator("ul.findings li");
  assert.equal(await findings.count(), 2, (await findings.allTextContents()).join("\n"));
  await page.getByText("Collectes, ligne 2, colonne « Réf. donateur » : aucune ligne du fichier ni aucun import précédent ne crée cette référence. (D-E2E-2)").waitFor();
  await page.getByText("Collectes, ligne 2, colonne « Date de collecte » : la date précède le début du programme (voir les réglages). (15/03/2019)").waitFor();
  assert.equal(await page.getByRole("button", { name: "Importer ces fiches" }).count(), 0, "nothing to import while rows are refused");
  await snapshot(page, "import-refused");
  await checkA11y(page, "imports, rows to fix");
  assert.equal(await pickupsOf(url, lastYear), before, "a checked file saves nothing");

  // Fixed in the spreadsheet, sent again: checked clean, then imported.
  fixedFile = filled(template, { donor: "D-E2E-1", collectedOn: `15/03/${lastYear}` });
  await input.setInputFiles({ name: "historique.xlsx", mimeType: mime, buffer: fixedFile });
  assert.equal(await findings.count(), 0, "a new file starts clean");
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await page.getByText("Vérification faite : rien n'est encore enregistré.").waitFor();
  const collectes = page.getByRole("row", { name: /Collectes/ });
  assert.deepEqual((await collectes.locator("td").allTextContents()).map((t) => t.trim()), ["1", "0"]);
  await checkA11y(page, "imports, checked");
  await page.getByRole("button", { name: "Importer ces fiches" }).click();
  await page.getByText("Import terminé", { exact: false }).waitFor();
  await snapshot(page, "import-done");
  assert.equal(await pickupsOf(url, lastYear), before + 1);

  // The dashboard opens on the past year with the imported pickup in it.
  await page.getByRole("link", { name: "Tableau de bord et bilan" }).click();
  await page.getByLabel("Année").selectOption(String(lastYear));
  const figure = page.locator(".figure", { hasText: /^\s*\d+\s*collectes?\b/ }).locator(".figure-value");
  // The year's figures come when the select changes: wait for them.
  let shown = "";
  for (let tries = 0; tries < 50 && shown !== String(before + 1); tries++) {
    await page.waitForTimeout(200);
    shown = ((await figure.first().textContent()) ?? "").trim();
  }
  assert.equal(shown, String(before + 1));
  await checkA11y(page, "dashboard, a past year");
  assert.deepEqual(page.problems, []);
});

test("at a desk's width the same file again creates nothing twice", async () => {
  assert.ok(fixedFile, "the phone journey ran first");
  const url = running.app().url;
  const before = await pickupsOf(url, lastYear);
  const page = await desktopPage(running.browser());
  await signIn(page, url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home at desk width");
  await page.goto(`${url}/imports`);
  await page.getByLabel("Fichier XLSX, ODS ou CSV").setInputFiles({ name: "historique.xlsx", mimeType: "application/octet-stream", buffer: fixedFile });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await page.getByText("Vérification faite", { exact: false }).waitFor();
  const collectes = page.getByRole("row", { name: /Collectes/ });
  assert.deepEqual((await collectes.locator("td").allTextContents()).map((t) => t.trim()), ["0", "1"]);
  await page.getByRole("button", { name: "Importer ces fiches" }).click();
  await page.getByText("Rien de nouveau", { exact: false }).waitFor();
  await snapshot(page, "import-again-desktop");
  await checkA11y(page, "imports at desk width");
  assert.equal(await pickupsOf(url, lastYear), before);
  assert.deepEqual(page.problems, []);
});
