import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";
import { createPersona, openView, runDesign } from "./steps/personas-designer.js";

describe("a human participant in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    studio = await startWebStudio({ model: await ensureTinyModel() });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("the user plays a participant: at their turn the transcript asks them to type, and their comment joins the discussion", async () => {
    await openView(page, "Personas");
    await createPersona(page, { username: "Robin", age: "40", sex: "Female", employment: "Baker", traits: ["warm"] });
    await createPersona(page, { username: "Sam", age: "22", sex: "Male", employment: "Student", traits: ["curious"] });
    await openView(page, "Designer");
    await page.getByLabel("Design name").fill("Human turn");
    const pool = page.getByRole("list", { name: "Persona pool" });
    await pool.getByRole("checkbox", { name: /^Sam\b/ }).check();
    await pool.getByRole("checkbox", { name: /^Robin\b/ }).check();
    await page.getByRole("checkbox", { name: "Robin is played by me" }).check();
    await page.getByRole("spinbutton", { name: "Turns" }).fill("2");
    await page.getByRole("spinbutton", { name: "Max tokens" }).fill("12");
    await runDesign(page);

    // Round robin: Sam writes first, then it is Robin's (the user's) turn.
    const box = page.getByRole("form", { name: "Your comment as Robin" });
    await box.waitFor({ timeout: 30_000 });
    await screenshot(page, "transcript-human-turn");
    await box.getByRole("textbox").fill("I bake for the whole street, so I care about this.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.getByText("I bake for the whole street, so I care about this.").first().waitFor();
    await expect(box.isVisible()).resolves.toBe(false);
  });
});
