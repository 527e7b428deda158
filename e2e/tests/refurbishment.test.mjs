// Journey: the collector hands a batch over; the refurbisher confirms it
// (with a miscount), records devices, erases one and makes it ready,
// recycles another; the coordinator prints labels and a donor's erasure
// certificate; a trainer opens a device from its label's address.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { checkA11y, COORDINATOR, phonePage, signIn, snapshot, useApp } from "../harness.mjs";
import { gql, token } from "../programme.mjs";

const running = useApp();
let batchUrl;
let readyTag;

async function download(page, label) {
  await page.getByRole("button", { name: label }).first().click();
  const link = page.getByRole("link", { name: `${label} — télécharger` }).first();
  await link.waitFor();
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return readFile(await file.path());
}

test("the collector hands the stored pickups over as a batch", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "collecte@demo.passerelle.fr");
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "agent home");
  await page.getByRole("link", { name: /^Lots/ }).click();
  await page.getByRole("button", { name: "Remettre un lot au reconditionneur" }).click();
  await page.getByText("Cour d'appel de Chambéry", { exact: false }).first().waitFor();
  await checkA11y(page, "batch handover, pickups to hand over");
  await page.getByRole("button", { name: "Remettre ce lot" }).click();
  await page.getByRole("heading", { name: "Lot 1" }).waitFor();
  await page.getByText("Remis, à réceptionner").waitFor();
  await checkA11y(page, "batch handed over");
  batchUrl = page.url();
  assert.deepEqual(page.problems, []);
});

test("the refurbisher receives it, records devices, erases, makes one ready and recycles another", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "atelier@demo.passerelle.fr");
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "refurbisher home");
  await page.getByRole("link", { name: /^Lots/ }).click();
  await page.getByRole("link", { name: /Lot 1/ }).waitFor();
  await checkA11y(page, "batches");
  await page.getByRole("link", { name: /Lot 1/ }).click();
  await page.getByRole("heading", { name: "Lot 1" }).waitFor();
  // One laptop fewer than sent arrived.
  await page.getByRole("button", { name: "Ordinateurs portables −1" }).click();
  await page.getByRole("button", { name: "Confirmer la réception" }).last().click();
  await page.getByText("Écart de comptage").waitFor();
  await snapshot(page, "batch-received");
  await checkA11y(page, "batch received, miscount");

  await page.getByRole("button", { name: "Ajouter un appareil" }).click();
  await page.getByLabel("Venu de").selectOption({ label: "ADEO Électronique" });
  await checkA11y(page, "new device");
  await page.getByLabel("Marque").fill("Lenovo");
  await page.getByLabel("Modèle").fill("ThinkPad T480");
  await page.getByLabel("Numéro de série ou d'inventaire").fill("PF-1A2B3C");
  await page.getByLabel("Mémoire (Go)").fill("8");
  await page.getByLabel("Stockage (Go)").fill("256");
  await page.getByRole("button", { name: "Enregistrer l'appareil" }).click();
  const tagHeading = page.locator("h1.tag");
  await tagHeading.waitFor();
  readyTag = (await tagHeading.textContent()).trim();
  assert.match(readyTag, /^PSL-\d{4}-00001$/);
  await checkA11y(page, "device recorded");

  // The memory was read wrong at intake: corrected on the record.
  await page.locator("summary", { hasText: "Corriger la fiche" }).click();
  const fix = page.locator("details.correct-device");
  assert.equal(await fix.getByLabel("Mémoire (Go)").inputValue(), "8");
  await fix.getByLabel("Mémoire (Go)").fill("seize");
  await fix.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await fix.locator(".error").waitFor();
  await checkA11y(page, "device correction, memory in words");
  await fix.getByLabel("Mémoire (Go)").fill("16");
  await fix.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await page.getByText("16 Go").waitFor();

  await page.getByRole("button", { name: "→ En reconditionnement" }).click();
  await page.getByRole("button", { name: "Confirmer : En reconditionnement" }).click();
  await page.getByText("En reconditionnement", { exact: true }).first().waitFor();
  await checkA11y(page, "device in refurbishment");
  // Ready before erasure is refused, with the reason.
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel(/^A — /).check();
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByText("Chaque support de stockage doit avoir un effacement réussi").waitFor();
  await checkA11y(page, "device, ready refused before erasure");

  await page.getByLabel("Outil utilisé").fill("nwipe 0.34");
  await page.getByRole("button", { name: "Noter un effacement" }).click();
  await page.locator(".medium.erased").waitFor();
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel(/^A — /).check();
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByText("Note A").waitFor();
  await snapshot(page, "device-ready");
  await checkA11y(page, "device ready");

  await page.goto(batchUrl);
  await page.getByRole("button", { name: "Ajouter un appareil" }).click();
  await page.getByLabel("Type d'appareil").selectOption({ label: "Ordinateurs fixes" });
  await page.getByLabel("Venu de").selectOption({ label: "Cour d'appel de Chambéry" });
  await page.getByLabel("Marque").fill("Dell");
  await page.getByLabel("Modèle").fill("OptiPlex 7050");
  await page.getByRole("button", { name: "Enregistrer l'appareil" }).click();
  await page.locator("h1.tag", { hasText: "00002" }).waitFor();
  await page.getByRole("button", { name: "→ Recyclé" }).click();
  await page.getByLabel("Poids envoyé au recyclage (kg)").fill("7,5");
  await page.getByRole("button", { name: "Confirmer : Recyclé" }).click();
  await page.getByText("7,5 kg").waitFor();
  await checkA11y(page, "device recycled");

  await page.goto(batchUrl);
  const yieldCard = page.locator("section.yield");
  await yieldCard.getByText("Prêts").waitFor();
  await yieldCard.getByText("Part rendue prête", { exact: false }).waitFor();
  await snapshot(page, "batch-yield");
  await checkA11y(page, "batch yield");

  // Four old screens go to recycling on a pallet, with no record each.
  const bulk = page.locator("section.bulk-recycling");
  await bulk.getByLabel("Matériel recyclé").selectOption({ label: "Écrans" });
  await bulk.getByLabel("Nombre d'articles").fill("1");
  await bulk.getByLabel("Poids envoyé au recyclage (kg)").fill("300");
  await bulk.getByRole("button", { name: "Enregistrer le recyclage" }).click();
  await bulk.locator(".error").waitFor();
  await checkA11y(page, "bulk recycling, a weight too heavy for the count");
  await bulk.getByLabel("Nombre d'articles").fill("4");
  await bulk.getByLabel("Poids envoyé au recyclage (kg)").fill("30,5");
  await bulk.getByRole("button", { name: "Enregistrer le recyclage" }).click();
  await bulk.locator("li.entry", { hasText: "30,5 kg" }).waitFor();
  // The form starts clean for the next entry.
  assert.equal(await bulk.getByLabel("Poids envoyé au recyclage (kg)").inputValue(), "");
  await yieldCard.getByText("Recyclés en vrac").waitFor();
  await snapshot(page, "batch-bulk-recycling");
  await checkA11y(page, "batch, recycled in bulk");
  assert.deepEqual(page.problems, []);
});

test("the coordinator prints the labels and the donor's erasure certificate", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, COORDINATOR);
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "coordinator home");
  await page.goto(batchUrl);
  await page.getByRole("heading", { name: "Lot 1" }).waitFor();
  const labels = await download(page, "Étiquettes à imprimer (PDF)");
  assert.equal(labels.subarray(0, 5).toString(), "%PDF-");
  assert.ok(labels.includes(readyTag), "the label sheet carries the tag");
  await checkA11y(page, "batch, labels ready to download");

  await page.getByRole("link", { name: "← Lots" }).click();
  await page.getByRole("link", { name: "← Retour à l'accueil" }).waitFor();
  await checkA11y(page, "batches, coordinator");
  await page.getByRole("link", { name: "← Retour à l'accueil" }).click();
  await page.getByRole("link", { name: /Donateurs/ }).click();
  const adeo = page.locator("li.donor", { hasText: "ADEO Électronique" });
  await adeo.getByRole("button", { name: "Certificat d'effacement (PDF)" }).click();
  const link = adeo.getByRole("link", { name: /télécharger/ });
  await link.waitFor();
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const certificate = await readFile(await file.path());
  assert.equal(certificate.subarray(0, 5).toString(), "%PDF-");
  assert.ok(certificate.includes(readyTag));
  assert.ok(certificate.includes("nwipe 0.34"));
  await checkA11y(page, "donors, certificate ready to download");

  // A laptop bought to make up for a thin collection.
  await page.goto(`${running.app().url}/devices`);
  await page.getByRole("button", { name: "Enregistrer un appareil acheté" }).click();
  await page.getByLabel("Fournisseur").fill("Ordi Occasion Savoie");
  await page.getByLabel("Prix (€)").fill("149,90");
  await page.getByLabel("Financé par (facultatif)").fill("Grand Chambéry");
  // Bought already refurbished: no workshop prepares it.
  assert.equal(await page.getByLabel("Atelier qui le prépare").inputValue(), "");
  await page.getByLabel("Marque").fill("HP");
  await page.getByLabel("Modèle").fill("ProBook 640");
  await page.getByLabel("Stockage (Go)").fill("256");
  await checkA11y(page, "bought device");
  await page.getByRole("button", { name: "Enregistrer l'appareil" }).click();
  await page.locator("h1.tag", { hasText: "00003" }).waitFor();
  await page.getByText(/Achat chez Ordi Occasion Savoie · 149,90 € · .+ · Grand Chambéry/).waitFor();
  await checkA11y(page, "bought device recorded");

  // The seller's erasure certificate is its erasure; then straight to ready.
  await page.getByLabel("Outil utilisé").fill("Blancco (certificat du vendeur)");
  await page.getByLabel("Fait par").fill("Ordi Occasion Savoie");
  await page.getByLabel("Rapport de l'outil (facultatif : PDF, texte ou photo)").setInputFiles({
    name: "certificat-effacement.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 certificat Ordi Occasion Savoie"),
  });
  await page.getByRole("button", { name: "Noter un effacement" }).click();
  await page.locator(".medium.erased").waitFor();
  await page.getByRole("button", { name: "→ Prêt" }).click();
  await page.getByLabel(/^A — /).check();
  await page.getByRole("button", { name: "Confirmer : Prêt" }).click();
  await page.getByText("Note A").waitFor();
  await snapshot(page, "bought-refurbished-ready");
  await checkA11y(page, "bought device, ready");

  // Two more laptops of the batch, recorded earlier: the whole lot goes into
  // refurbishment in one go; the ready one is refused, and says why.
  const coordinator = await token(running.app().url, COORDINATOR);
  const batchId = batchUrl.split("/").pop();
  const { batch } = await gql(running.app().url, "query($id: ID!) { batch(id: $id) { pickups { id } } }", { id: batchId }, coordinator);
  for (const serial of ["GRP-1", "GRP-2"]) {
    await gql(running.app().url, "mutation($i: CreateDeviceInput!) { createDevice(input: $i) { id } }", { i: { kind: "LAPTOP", brand: "Dell", serial, source: "DONATION", batchId, pickupId: batch.pickups[0].id, media: [{ kind: "SSD" }] } }, coordinator);
  }
  await page.goto(batchUrl);
  await page.getByRole("heading", { name: "Lot 1" }).waitFor();
  await page.getByLabel(/-00001$/).check();
  await page.getByLabel(/-00004$/).check();
  await page.getByLabel(/-00005$/).check();
  await page.getByLabel("Déplacer les appareils cochés").selectOption({ label: "→ En reconditionnement" });
  await page.getByRole("button", { name: "Déplacer", exact: true }).click();
  await page.getByText("2 appareils déplacés").waitFor();
  await page.getByText(/-00001 : Indiquez pourquoi\./).waitFor();
  await snapshot(page, "batch-group-move");
  await checkA11y(page, "batch, devices moved in one go");
  assert.deepEqual(page.problems, []);
});

test("a trainer opens the device at the address its QR code holds", async () => {
  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "formation@demo.passerelle.fr");
  await page.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(page, "trainer home");
  await page.goto(`${running.app().url}/d/${readyTag}`);
  await page.getByRole("heading", { name: readyTag }).waitFor();
  await page.locator("p .badge", { hasText: "Prêt" }).waitFor();
  await checkA11y(page, "device, from its label");
  // A trainer reads; the lifecycle buttons are not offered.
  assert.equal(await page.getByRole("button", { name: /^→/ }).count(), 0);
  // Typing the tag by hand works too, with a tired person's spacing.
  await page.goto(`${running.app().url}/devices`);
  await page.getByLabel("Étiquette de l'appareil").fill(readyTag.toLowerCase().replaceAll("-", " "));
  await checkA11y(page, "devices, tag typed");
  await page.getByRole("button", { name: "Ouvrir" }).click();
  await page.getByRole("heading", { name: readyTag }).waitFor();
  await snapshot(page, "device-trainer");
  await checkA11y(page, "device, opened by its tag");
  assert.deepEqual(page.problems, []);
});
