import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, studioSession, type WebStudio } from "./harness.js";
import { createPersona, designModeratedDiscussion, openView, runDesign, waitUntilRunnable } from "./steps/personas-designer.js";

/** The researcher's whole path through the studio in one page, one step after another. */
describe("studio flow in Chromium", () => {
  const session = studioSession(() => ensureTinyModel());

  it("creates three personas by clicking", async () => {
    await openView(session.page, "Personas");
    await expect(session.page.getByRole("heading", { name: "No personas yet" }).isVisible()).resolves.toBe(true);
    await screenshot(session.page, "personas-empty");
    await createPersona(session.page, { username: "Alice", age: "34", sex: "Female", employment: "Teacher", traits: ["curious", "patient"] });
    await createPersona(session.page, { username: "Bob", age: "45-54", sex: "Male", employment: "Plumber", traits: ["blunt"] });
    await createPersona(session.page, { username: "Mod", age: "29", sex: "Non-binary", employment: "Community manager", traits: ["calm"] });
    await expect(session.page.getByRole("row").count()).resolves.toBe(4); // header + three
    await screenshot(session.page, "personas");
    await session.page.getByRole("button", { name: "Dark theme" }).click();
    await session.page.waitForTimeout(300); // let the buttons' colour transition finish
    await screenshot(session.page, "personas-dark");
    await session.page.getByRole("button", { name: "Light theme" }).click();
  });

  it("designs a moderated RandomWeighted discussion by clicking and runs it", async () => {
    await openView(session.page, "Designer");
    const speakers = await designModeratedDiscussion(session.page, {
      name: "E2E moderated",
      participants: ["Alice", "Bob"],
      moderator: "Mod",
      pRespond: 0.7,
      turns: 4,
      seed: 7,
      maxTokens: 12,
      seedComment: { author: "Alice", text: "Should the town build a new library?" },
    });
    // One entry per turn (4), each followed by the moderator's reply.
    expect(speakers).toHaveLength(4);
    for (const speaker of speakers) expect(speaker).toMatch(/^\d+\. (Alice|Bob) → Mod$/);
    await waitUntilRunnable(session.page);
    await session.page.evaluate(() => document.querySelector("main section > div")?.scrollTo(0, 0));
    await screenshot(session.page, "designer");
    await session.page.getByRole("button", { name: "Dark theme" }).click();
    await session.page.waitForTimeout(300);
    await screenshot(session.page, "designer-dark");
    await session.page.getByRole("button", { name: "Light theme" }).click();
    await runDesign(session.page);
    await expect(session.page.getByRole("heading", { level: 2, name: "Transcript" }).isVisible()).resolves.toBe(true);
    // transcript steps continue here: streaming text growing, stop, export, library, re-import.
    await screenshot(session.page, "transcript-after-run");
  });
});

describe("persona import in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  beforeAll(async () => {
    studio = await startWebStudio();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("keeps the good entries of a SynDisco personas file and lists the bad ones", async () => {
    const page = await openStudioPage(browser, studio.url);
    await openView(page, "Personas");
    const file = [
      { username: "P000", age: "Under 18", sex: "Female", sexual_orientation: "", demographic_group: "White", current_employment: "Unemployed", education_level: "Primary", special_instructions: "", personality_characteristics: ["Active"] },
      { username: "", age: 30 },
      { username: "P002", age: 41, sex: "Male", sexual_orientation: "", demographic_group: "", current_employment: "Nurse", education_level: "", special_instructions: "", personality_characteristics: [] },
    ];
    await page.getByTestId("persona-import-input").setInputFiles({ name: "personas.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
    const report = page.getByRole("status").filter({ hasText: "Imported 2 personas from personas.json; 1 left out" });
    await report.waitFor();
    await expect(report.getByRole("listitem").count()).resolves.toBe(1);
    await expect(page.getByRole("row").count()).resolves.toBe(3);
    await screenshot(page, "personas-import");
  });
});
