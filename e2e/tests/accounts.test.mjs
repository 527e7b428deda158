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
