// Journey: the coordinator gives a new collection agent an account, the agent
// signs in; the coordinator deactivates it and the agent is refused.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkA11y, COORDINATOR, phonePage, signIn, snapshot, useApp } from "../harness.mjs";

const running = useApp();

test("a coordinator creates and deactivates an account", async () => {
  const coordinator = await phonePage(running.browser());
  await signIn(coordinator, running.app().url, COORDINATOR);
  await coordinator.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(coordinator, "coordinator home");
  await coordinator.getByRole("link", { name: /Comptes/ }).click();
  await coordinator.getByRole("heading", { name: "Comptes" }).waitFor();
  await coordinator.getByText("6 comptes").waitFor();
  await checkA11y(coordinator, "accounts");

  await coordinator.getByText("Nouveau compte").click();
  await coordinator.getByLabel("Structure").selectOption({ label: "Régie Plus (démo)" });
  await coordinator.getByLabel("Prénom et nom").fill("Léa Petit");
  await coordinator.getByLabel("Adresse e-mail").fill("lea.petit@exemple.fr");
  // A tired person's first try: too short.
  await coordinator.getByLabel("Mot de passe de départ").fill("court");
  await coordinator.getByLabel("Agent de collecte").check();
  await coordinator.getByRole("button", { name: "Créer le compte" }).click();
  await coordinator.getByRole("alert").filter({ hasText: "trop court" }).waitFor();
  await checkA11y(coordinator, "new account, password too short");

  await coordinator.getByLabel("Mot de passe de départ").fill("collecte-2026");
  await coordinator.getByRole("button", { name: "Créer le compte" }).click();
  await coordinator.getByText("Compte créé.").waitFor();
  await coordinator.getByText("7 comptes").waitFor();
  await snapshot(coordinator, "accounts-created");
  await checkA11y(coordinator, "account created");

  // The new agent signs in on their own phone.
  const agent = await phonePage(running.browser());
  await signIn(agent, running.app().url, "lea.petit@exemple.fr", "collecte-2026");
  await agent.getByRole("heading", { name: "Bonjour, Léa Petit" }).waitFor();
  await agent.getByRole("heading", { name: "Agent de collecte" }).waitFor();
  await checkA11y(agent, "new agent's home");
  // Not a coordinator: no account management for them.
  assert.equal(await agent.getByRole("link", { name: /Comptes/ }).count(), 0);

  const row = coordinator.locator('li[data-email="lea.petit@exemple.fr"]');
  await row.getByRole("button", { name: "Désactiver" }).click();
  await row.getByText("Désactivé", { exact: true }).waitFor();
  await checkA11y(coordinator, "account deactivated");

  // At their next request the agent is sent back to sign in, and cannot.
  await agent.reload();
  await agent.waitForURL(`${running.app().url}/login`);
  await agent.getByRole("status").filter({ hasText: "Ce compte a été désactivé" }).waitFor();
  await checkA11y(agent, "sign-in, account deactivated");
  await signIn(agent, running.app().url, "lea.petit@exemple.fr", "collecte-2026");
  await agent.getByRole("alert").filter({ hasText: "désactivé" }).waitFor();
  await checkA11y(agent, "sign-in refused, account deactivated");
  assert.deepEqual(coordinator.problems, []);
});

test("a coordinator adds a partner organisation and gives a trainer a second role", async () => {
  const coordinator = await phonePage(running.browser());
  await signIn(coordinator, running.app().url, COORDINATOR);
  await coordinator.getByRole("heading", { name: /Bonjour/ }).waitFor();
  await checkA11y(coordinator, "coordinator home");
  await coordinator.goto(`${running.app().url}/accounts`);
  await coordinator.getByRole("heading", { name: "Organisations partenaires" }).waitFor();
  await checkA11y(coordinator, "accounts and organisations");

  await coordinator.locator("summary", { hasText: "Ajouter une organisation partenaire" }).click();
  await coordinator.getByLabel("Nom de l'organisation").fill("Centre social du Biolay");
  await coordinator.getByLabel("Téléphone").fill("04 79 00 11 22");
  // Forgot to say what it does.
  await coordinator.getByRole("button", { name: "Ajouter une organisation partenaire" }).click();
  await coordinator.getByRole("alert").filter({ hasText: "Choisissez ce que fait l'organisation" }).waitFor();
  await checkA11y(coordinator, "new organisation, kind missing");
  await coordinator.getByLabel("Ce qu'elle fait dans le programme").selectOption({ label: "Prescription" });
  await coordinator.getByRole("button", { name: "Ajouter une organisation partenaire" }).click();
  await coordinator.getByText("Organisation enregistrée.").waitFor();
  const made = coordinator.locator('li.organisation[data-name="Centre social du Biolay"]');
  await made.getByText("Prescription · 04 79 00 11 22").waitFor();
  // The form is empty again for the next one.
  assert.equal(await coordinator.getByLabel("Nom de l'organisation").inputValue(), "");

  // A typo in its name, corrected.
  await made.getByRole("button", { name: "Modifier" }).click();
  await made.getByLabel("Nom de l'organisation").fill("Centre social du Biollay");
  await made.getByRole("button", { name: "Enregistrer" }).click();
  await coordinator.locator('li.organisation[data-name="Centre social du Biollay"]').waitFor();
  await checkA11y(coordinator, "organisation renamed");
  // The new organisation is offered for accounts at once.
  await coordinator.getByText("Nouveau compte").click();
  await coordinator.locator("#new-organisation option", { hasText: "Centre social du Biollay" }).waitFor({ state: "attached" });

  // The trainer also installs now.
  const trainer = coordinator.locator('li[data-email="formation@demo.passerelle.fr"]');
  await trainer.getByRole("button", { name: "Modifier" }).click();
  await trainer.getByLabel("Installation", { exact: true }).check();
  await snapshot(coordinator, "account-edit");
  await checkA11y(coordinator, "account edit");
  await trainer.getByRole("button", { name: "Enregistrer" }).click();
  await coordinator.getByText("Compte modifié.").waitFor();
  await coordinator.locator('li[data-email="formation@demo.passerelle.fr"]').getByText("Formation, Installation").waitFor();

  const page = await phonePage(running.browser());
  await signIn(page, running.app().url, "formation@demo.passerelle.fr");
  await page.getByRole("heading", { name: "Installation", exact: true }).waitFor();
  await checkA11y(page, "trainer who also installs, home");
  assert.deepEqual(coordinator.problems, []);
  assert.deepEqual(page.problems, []);
});
