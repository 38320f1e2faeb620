import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { screenshot, studioSession } from "./harness.js";
import { openView, runDesign } from "./steps/personas-designer.js";
import { commentCount, waitForStatus } from "./steps/transcript.js";

const personas = ["Ann", "Bo", "Cy"].map((username) => ({ username, age: 30, sex: "", sexual_orientation: "", demographic_group: "", current_employment: "", education_level: "", special_instructions: "", personality_characteristics: [] }));

async function importPersonas(page: Page): Promise<void> {
  await openView(page, "Personas");
  await page.getByTestId("persona-import-input").setInputFiles({ name: "personas.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(personas)) });
  await page.getByRole("status").filter({ hasText: "Imported 3 personas" }).waitFor();
}

/** A fresh design of Ann, Bo and Cy with the given turn manager chosen. */
async function designWith(page: Page, name: string, manager: RegExp, turns: number): Promise<void> {
  await openView(page, "Designer");
  // New asks before discarding the previous test's unsaved design.
  page.once("dialog", (dialog) => void dialog.accept().catch(() => undefined));
  await page.getByRole("button", { name: "New", exact: true }).click();
  await page.getByLabel("Design name").fill(name);
  const pool = page.getByRole("list", { name: "Persona pool" });
  for (const username of ["Ann", "Bo", "Cy"]) await pool.getByRole("checkbox", { name: new RegExp(`^${username} \\d+$`) }).check();
  await page.getByRole("radio", { name: manager }).check();
  await page.getByRole("spinbutton", { name: "Turns" }).fill(String(turns));
  await page.getByRole("spinbutton", { name: "Max tokens" }).fill("8");
}

/** The previewed speakers' names (items read "1. Ann"). */
async function previewed(page: Page): Promise<string[]> {
  const items = await page.getByRole("list", { name: "Speaker preview" }).getByRole("listitem").allTextContents();
  return items.map((item) => item.replace(/^\d+\.\s*/, ""));
}

async function transcriptSpeakers(page: Page): Promise<string[]> {
  return page.getByTestId("comment-card").locator("header > span:first-child").allTextContents();
}

describe("turn managers in Chromium", () => {
  const session = studioSession(() => ensureTinyModel());

  it("talkativeness: a participant at 0 never speaks, and someone @named in the seed comment answers first", async () => {
    const page = session.page;
    await importPersonas(page);
    // The preview shows the design's turns: ten draws, enough to see that Cy never comes up.
    await designWith(page, "Talkative", /Talkativeness and mentions/, 10);
    await page.getByRole("slider", { name: "Talkativeness of Cy" }).fill("0");
    await page.getByRole("slider", { name: "Talkativeness of Ann" }).fill("5");
    let speakers = await previewed(page);
    expect(speakers).toHaveLength(10);
    expect(new Set(speakers)).toEqual(new Set(["Ann", "Bo"]));
    await page.getByRole("slider", { name: "Named participant answers" }).fill("1");
    await page.getByRole("button", { name: "Add comment" }).click();
    await page.getByLabel("Seed comment 1 author").fill("Ann");
    await page.getByLabel("Seed comment 1 text").fill("What do you say, @Bo?");
    speakers = await previewed(page);
    expect(speakers[0]).toBe("Bo");
    await page.getByRole("table", { name: "Talkativeness" }).scrollIntoViewIfNeeded();
    await screenshot(page, "designer-talkativeness");
    await page.getByRole("slider", { name: "Talkativeness of Ann" }).fill("0");
    await page.getByRole("slider", { name: "Talkativeness of Bo" }).fill("0");
    await page.getByText("Every participant's talkativeness is 0").first().waitFor();
  });

  it("manual: the transcript asks who speaks; a key press and a click pick, and the comments come from them", async () => {
    const page = session.page;
    await designWith(page, "Manual picks", /^Manual/, 2);
    await page.getByRole("checkbox", { name: "After" }).uncheck();
    await runDesign(page);
    const first = page.getByRole("region", { name: "Who speaks at turn 1?" });
    await first.waitFor({ timeout: 30_000 });
    await screenshot(page, "transcript-speaker-choice");
    await page.keyboard.press("3");
    const second = page.getByRole("region", { name: "Who speaks at turn 2?" });
    await second.waitFor({ timeout: 60_000 });
    await second.getByRole("button", { name: /Ann/ }).click();
    await waitForStatus(page, "completed");
    await expect(commentCount(page)).resolves.toBe(2);
    await expect(transcriptSpeakers(page)).resolves.toEqual(["Cy", "Ann"]);
  });

  it("LLM-selected: the designer asks the model who speaks first and shows its prompt; the run goes on with the model's choices", async () => {
    const page = session.page;
    await designWith(page, "LLM picks", /LLM-selected/, 2);
    await page.getByRole("button", { name: "Ask the model who speaks first" }).click();
    const first = page.getByLabel("First speaker");
    await first.waitFor({ timeout: 60_000 });
    const firstSpeaker = ((await first.textContent()) ?? "").replace("First speaker:", "").trim();
    expect(["Ann", "Bo", "Cy"]).toContain(firstSpeaker);
    await page.getByText("The prompt it read and its answer").click();
    await expect(page.getByText(/You manage the turns of an online discussion between Ann, Bo, Cy/).isVisible()).resolves.toBe(true);
    await screenshot(page, "designer-llm-selected");
    await runDesign(page);
    await waitForStatus(page, "completed");
    const speakers = await transcriptSpeakers(page);
    expect(speakers).toHaveLength(2);
    expect(speakers[0]).toBe(firstSpeaker);
    expect(speakers[1]).not.toBe(speakers[0]);
  });
});
