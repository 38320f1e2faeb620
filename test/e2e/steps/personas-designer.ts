/**
 * Steps a researcher takes on the Personas and Designer views, by clicking and typing, for any
 * end-to-end flow to reuse.
 */
import type { Page } from "playwright-core";

export interface PersonaInput {
  username: string;
  age: string;
  sex: string;
  employment?: string;
  traits?: string[];
}

export async function openView(page: Page, label: "Personas" | "Designer" | "Transcript" | "Library" | "Models" | "Experiments" | "Settings"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 2, name: label }).waitFor();
}

/** New persona → fill the form → Add persona; waits for the row in the table. */
export async function createPersona(page: Page, persona: PersonaInput): Promise<void> {
  await page.getByRole("button", { name: "New persona" }).first().click();
  const editor = page.getByRole("form", { name: "Persona editor" });
  await editor.getByLabel("Username").fill(persona.username);
  await editor.getByLabel("Age", { exact: true }).fill(persona.age);
  await editor.getByLabel("Sex", { exact: true }).fill(persona.sex);
  if (persona.employment) await editor.getByLabel("Current employment").fill(persona.employment);
  for (const trait of persona.traits ?? []) {
    await editor.getByLabel("Personality characteristics").fill(trait);
    await editor.getByLabel("Personality characteristics").press("Enter");
  }
  await editor.getByRole("button", { name: "Add persona" }).click();
  await page.getByRole("row").filter({ hasText: persona.username }).first().waitFor();
  await editor.getByRole("heading", { name: `Edit ${persona.username}` }).waitFor();
}

export interface ModeratedDesignInput {
  name: string;
  participants: string[];
  moderator: string;
  pRespond: number;
  turns: number;
  seed?: number;
  maxTokens?: number;
  seedComment?: { author: string; text: string };
}

/** Designer: participants, moderator, RandomWeighted with p_respond, turns; returns the previewed speakers. */
export async function designModeratedDiscussion(page: Page, design: ModeratedDesignInput): Promise<string[]> {
  await page.getByLabel("Design name").fill(design.name);
  const pool = page.getByRole("list", { name: "Persona pool" });
  for (const name of design.participants) await pool.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) }).check();
  await page.getByRole("checkbox", { name: "Moderated" }).check();
  await page.getByLabel("Moderator persona").selectOption(design.moderator);
  await page.getByRole("radio", { name: /Random weighted/ }).check();
  await page.getByRole("slider", { name: "p_respond" }).fill(String(design.pRespond));
  await page.getByRole("spinbutton", { name: "Turns" }).fill(String(design.turns));
  if (design.seed !== undefined) await page.getByRole("spinbutton", { name: "Seed", exact: true }).fill(String(design.seed));
  if (design.maxTokens !== undefined) await page.getByRole("spinbutton", { name: "Max tokens" }).fill(String(design.maxTokens));
  if (design.seedComment) {
    await page.getByRole("button", { name: "Add comment" }).click();
    await page.getByLabel("Seed comment 1 author").fill(design.seedComment.author);
    await page.getByLabel("Seed comment 1 text").fill(design.seedComment.text);
  }
  return page.getByRole("list", { name: "Speaker preview" }).getByRole("listitem").allTextContents();
}

/** Waits until the Designer says the design can run (models listed, nothing missing). */
export async function waitUntilRunnable(page: Page): Promise<void> {
  const status = page.locator("#run-blocked-reason");
  try {
    await status.filter({ hasText: /Ready to run/ }).waitFor({ timeout: 60_000 }); // models list slowly on a loaded machine
  } catch {
    throw new Error(`the design cannot run: ${await status.textContent()}`);
  }
}

/** Clicks Run once the design is valid; resolves when the transcript view is showing. */
export async function runDesign(page: Page): Promise<void> {
  await waitUntilRunnable(page);
  const run = page.getByRole("button", { name: "Run", exact: true });
  await run.click();
  await page.getByRole("heading", { level: 2, name: "Transcript" }).waitFor();
}
