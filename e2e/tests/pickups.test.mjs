// Journey: a collection agent logs pickups on a phone, online and then with
// the network cut (the pickup waits on the phone, survives a reload, and
// leaves when the network is back).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { checkA11y, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();
const AGENT = "collecte@demo.passerelle.fr";
// A 1 × 1 PNG, as a phone camera would hand over a (much larger) picture.
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function sign(page) {
  const pad = page.locator("canvas.signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + 20, box.y + box.height * 0.7);
  await page.mouse.down();
  for (const [dx, dy] of [[60, -40], [110, 10], [170, -50], [230, 5], [290, -30]]) {
    await page.mouse.move(box.x + dx, box.y + box.height * 0.6 + dy, { steps: 4 });
  }
  await page.mouse.up();
}

async function plus(page, category, times) {
  for (let i = 0; i < times; i++) {
    await page.getByRole("button", { name: `${category} +1` }).click();
  }
}

let page;

test("an agent logs a pickup with a new donor, a photo and a signature, and gets the receipt", async () => {
  page = await phonePage(running.browser());
  await signIn(page, running.app().url, AGENT);
  await page.getByRole("heading", { name: "Bonjour, Karim Benali" }).waitFor();
  await checkA11y(page, "agent home");
  await page.getByRole("link", { name: /Nouvelle collecte/ }).click();
  await page.getByRole("heading", { name: "Nouvelle collecte" }).waitFor();
  await checkA11y(page, "new pickup");

  await page.getByRole("button", { name: "+ Nouveau donateur" }).click();
  await page.getByLabel("Entreprise").check();
  await page.getByLabel("Nom du donateur").fill("Boulangerie Favre");
  await page.getByLabel("Code postal").fill("73000");
  await page.getByLabel("Ville").fill("Chambéry");
  await checkA11y(page, "new pickup, new donor");
  await plus(page, "Ordinateurs portables", 2);
  await plus(page, "Écrans", 1);

  // A tired person's typos are caught before anything is kept.
  await page.getByLabel("Poids total (kg)").fill("10000");
  await page.getByRole("button", { name: "Enregistrer la collecte" }).click();
  await page.getByText("Le poids est trop grand : 3 000 kg au plus par collecte.").waitFor();
  await checkA11y(page, "new pickup, weight too large");
  await page.getByLabel("Poids total (kg)").fill("12,5");
  await page.getByLabel("Imprimantes", { exact: true }).fill("-1");
  await page.getByRole("button", { name: "Enregistrer la collecte" }).click();
  await page.getByText("Un nombre ne peut pas être négatif.").waitFor();
  await checkA11y(page, "new pickup, negative count");
  await page.getByLabel("Imprimantes", { exact: true }).fill("");

  await page.locator("#photo-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PHOTO });
  await page.locator(".photos img").first().waitFor();
  await sign(page);
  await page.getByLabel("Nom de la personne qui signe").fill("Julie Favre");
  await snapshot(page, "pickup-form");
  await checkA11y(page, "new pickup, photo and signature");
  await page.getByRole("button", { name: "Enregistrer la collecte" }).click();

  await page.getByRole("heading", { name: "Collectes", exact: true }).waitFor();
  const entry = page.locator("li.entry").first();
  await entry.getByText("Envoyée").waitFor();
  await entry.getByText("Boulangerie Favre · 3 appareils · 12,5 kg").waitFor();
  const stock = page.locator("section.stock");
  await stock.getByText("Ordinateurs portables").waitFor();
  // The demo agent had collected 148 kg and 21,5 kg already.
  await stock.getByText("182 kg · 3 collectes").waitFor();
  await snapshot(page, "pickups-list");
  await checkA11y(page, "pickups");

  await page.locator("li.pickup a.pickup-link", { hasText: "Boulangerie Favre" }).click();
  await page.getByRole("heading", { name: "Boulangerie Favre" }).waitFor();
  // The photo is a link: a screen reader must hear what it opens.
  await page.getByRole("link", { name: "Photo 1 sur 1, en grand dans un nouvel onglet" }).waitFor();
  assert.equal(await page.locator("svg.signature-view polyline").count(), 1);
  await page.getByText("Julie Favre").waitFor();
  await checkA11y(page, "pickup detail");
  await page.getByRole("button", { name: "EN" }).click();
  await page.getByRole("link", { name: "Photo 1 of 1, full size in a new tab" }).waitFor();
  await checkA11y(page, "pickup detail, English");
  await page.getByRole("button", { name: "FR" }).click();
  await page.getByRole("heading", { name: "Photos" }).waitFor();
  await page.getByText("Signature du donateur").waitFor();
  await page.getByRole("button", { name: "Préparer le reçu du donateur" }).click();
  const link = page.getByRole("link", { name: "Télécharger le reçu (PDF)" });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const pdf = await readFile(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.includes("Boulangerie Favre"));
  await snapshot(page, "pickup-detail");
  await checkA11y(page, "pickup detail, receipt ready");

  // Back at the depot, one more screen is found in the van.
  await page.getByRole("button", { name: "Corriger le matériel" }).click();
  await page.getByRole("button", { name: "Enregistrer la correction" }).waitFor();
  await checkA11y(page, "pickup correction");
  await plus(page, "Écrans", 1);
  await page.getByRole("button", { name: "Enregistrer la correction" }).click();
  await page.getByText("4 appareils · 12,5 kg").waitFor();
  await checkA11y(page, "pickup corrected");
  assert.deepEqual(page.problems, []);
});

test("with the network cut, the pickup waits on the phone, survives a reload and leaves when the network is back", async () => {
  const context = page.context();
  // The app shell is kept by the service worker after this first visit.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.goto(`${running.app().url}/pickups`);
  await page.getByRole("heading", { name: "Collectes", exact: true }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready);

  await context.setOffline(true);
  await page.getByRole("link", { name: "Nouvelle collecte" }).click();
  await page.getByLabel("Chercher le donateur (nom, ville…)").fill("biollay");
  await page.getByRole("button", { name: /Les Amis du Biollay/ }).click();
  await checkA11y(page, "new pickup, offline, known donor");
  await plus(page, "Ordinateurs fixes", 2);
  await page.getByLabel("Poids total (kg)").fill("18");
  await page.getByRole("button", { name: "Enregistrer la collecte" }).click();

  const entry = page.locator("li.entry", { hasText: "Les Amis du Biollay" });
  await entry.getByText("En attente d'envoi").waitFor();
  await page.getByText("Pas de réseau : les collectes partiront toutes seules au retour du réseau.").waitFor();
  await snapshot(page, "pickups-offline");
  await checkA11y(page, "pickups, offline, one waiting");

  await page.reload();
  await page.getByRole("heading", { name: "Collectes", exact: true }).waitFor();
  await entry.getByText("En attente d'envoi").waitFor();
  // The list and the stock stay readable: the copy kept on the phone.
  const kept = page.getByText(/Pas de réseau : voici la copie gardée sur ce téléphone/);
  await kept.waitFor();
  await page.locator("li.pickup", { hasText: "Boulangerie Favre" }).waitFor();
  await snapshot(page, "pickups-offline-copy");
  await checkA11y(page, "pickups, offline, kept copy");

  await context.setOffline(false);
  await entry.getByText("Envoyée").waitFor({ timeout: 45_000 });
  await kept.waitFor({ state: "detached" });
  await page.locator("li.pickup", { hasText: "Les Amis du Biollay" }).waitFor();
  await checkA11y(page, "pickups, back online");
  const offlineNoise = /ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/;
  assert.deepEqual(page.problems.filter((p) => !offlineNoise.test(p)), []);
});
