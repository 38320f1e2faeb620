/**
 * The Transcript view as found in daily use, in Chromium through web mode: Home and End over a
 * 10,000-comment transcript (written here in SynDisco's legacy format, our own text), an avatar
 * per participant, "turn x of N", and what a finished discussion offers: run again, open its
 * design, close.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";
import { createPersona, openView, runDesign } from "./steps/personas-designer.js";
import { libraryRow, waitForStatus } from "./steps/transcript.js";

const total = 10_000;
const speakers = ["P1", "P2", "P3", "P4"];

/** Replies of very different lengths, so the list's height estimate is far from the measured one. */
function longThread(): string {
  const logs = Array.from({ length: total }, (_, index) => ({
    name: index === 0 ? "host" : speakers[index % speakers.length],
    text: `Comment ${index + 1}. ${"Parking on the square is a long story. ".repeat(1 + ((index * 37) % 23))}`,
    model: index === 0 ? "hardcoded" : "tiny-model",
  }));
  const prompt = (name: string) => JSON.stringify({ context: "A test forum.", instructions: "Reply.", type: "1", persona: { username: name } });
  return JSON.stringify({ id: "long-thread", timestamp: "26-01-02-03-04", users: speakers, moderator: null, user_prompts: speakers.map(prompt), moderator_prompt: null, ctx_length: 5, logs });
}

/** The indexes of the cards on screen. */
async function cardsOnScreen(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="comment-scroller"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('[data-testid="comment-card"]')]
      .filter((card) => {
        const box = card.getBoundingClientRect();
        return box.bottom > scroller.top && box.top < scroller.bottom;
      })
      .map((card) => Number(card.dataset.index));
  });
}

describe("transcript views in Chromium", () => {
  let data: string;
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), "transcript-views-"));
    await mkdir(path.join(data, "discussions"), { recursive: true });
    await writeFile(path.join(data, "discussions", "long-thread.json"), longThread());
    studio = await startWebStudio({ dataDirectory: data, model: await ensureTinyModel() });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(data, { recursive: true, force: true });
  });

  it("End, Home, Ctrl+End and Ctrl+Home reach the last and first of 10,000 comments; every participant has an avatar of their own", { timeout: 120_000 }, async () => {
    await openView(page, "Library");
    await libraryRow(page, "long-thread").getByRole("button", { name: "Open" }).click();
    await page.getByTestId("comment-card").first().waitFor();
    const avatars = await page.getByTestId("comment-card").evaluateAll((cards) => cards.slice(0, 5).map((card) => [card.querySelector("header span")?.textContent, card.querySelector('[data-testid="avatar"]')?.textContent, card.querySelector('[data-testid="avatar"]')?.className.match(/bg-\w+-\d+/)?.[0]]));
    const byName = new Map(avatars.map(([name, label, colour]) => [name, `${label}/${colour}`]));
    expect(byName.size).toBe(5);
    expect(new Set(byName.values()).size).toBe(5);
    // Four participants whose initials are all "P" read P1..P4.
    for (const name of speakers) expect(byName.get(name)?.split("/")[0]).toBe(name);

    await page.getByTestId("comment-scroller").focus();
    await page.keyboard.press("End");
    await expect.poll(() => cardsOnScreen(page), { timeout: 10_000 }).toContain(total - 1);
    await screenshot(page, "transcript-10000-end");
    await page.keyboard.press("Home");
    await expect.poll(() => cardsOnScreen(page), { timeout: 10_000 }).toContain(0);
    await page.keyboard.press("Control+End");
    await expect.poll(() => cardsOnScreen(page), { timeout: 10_000 }).toContain(total - 1);
    // Stays there once every card near the end is measured.
    await page.waitForTimeout(300);
    expect(await cardsOnScreen(page)).toContain(total - 1);
    await page.keyboard.press("Control+Home");
    await expect.poll(() => cardsOnScreen(page), { timeout: 10_000 }).toContain(0);
  });

  it("a run shows turn x of N; finished, it runs again, opens its design, and closes to the start panel", { timeout: 120_000 }, async () => {
    await openView(page, "Personas");
    await createPersona(page, { username: "Alice", age: "34", sex: "Female" });
    await createPersona(page, { username: "Bob", age: "45", sex: "Male" });
    await openView(page, "Designer");
    await page.getByLabel("Design name").fill("Turn counting");
    const pool = page.getByRole("list", { name: "Persona pool" });
    for (const name of ["Alice", "Bob"]) await pool.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) }).check();
    await page.getByRole("spinbutton", { name: "Turns" }).fill("3");
    await page.getByRole("spinbutton", { name: "Max tokens" }).fill("8");
    await runDesign(page);
    await waitForStatus(page, "completed");
    expect(await page.getByTestId("turn-count").textContent()).toBe("· turn 3 of 3");
    await screenshot(page, "transcript-finished-actions");

    await page.getByRole("button", { name: "↻ Run again" }).click();
    await expect.poll(() => page.getByTestId("turn-count").textContent(), { timeout: 30_000 }).toMatch(/turn [0-3] of 3/);
    await waitForStatus(page, "completed");
    // The Designer still holds the unsaved form this ran from: replacing it asks first.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Open its design" }).click();
    await page.getByRole("heading", { level: 2, name: "Designer" }).waitFor();
    expect(await page.getByLabel("Design name").inputValue()).toBe("Turn counting");
    await expect(page.getByRole("list", { name: "Chosen participants" }).getByRole("listitem").allTextContents()).resolves.toEqual(["Alice×", "Bob×"]);

    await openView(page, "Transcript");
    await page.getByRole("button", { name: "Close the discussion" }).click();
    await page.getByRole("heading", { name: "No discussion open" }).waitFor();
  });

  it("the Library sorts by any column; the Designer picks participants at random with the design's seed", { timeout: 120_000 }, async () => {
    await openView(page, "Library");
    const ids = () => page.getByTestId("library-row").evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.id));
    // The long thread and the two runs of the test before.
    await expect.poll(async () => (await ids()).length, { timeout: 10_000 }).toBe(3);
    await page.getByRole("button", { name: "Sort by comments" }).click();
    const descending = page.getByRole("button", { name: "Comments, most first" });
    expect((await ids())[0]).toBe("long-thread");
    expect(await descending.locator("xpath=..").getAttribute("aria-sort")).toBe("descending");
    await screenshot(page, "library-sorted-by-comments");
    await descending.click();
    expect((await ids()).at(-1)).toBe("long-thread");

    await openView(page, "Personas");
    await createPersona(page, { username: "Cleo", age: "29", sex: "Female" });
    await createPersona(page, { username: "Dev", age: "52", sex: "Male" });
    await openView(page, "Designer");
    page.once("dialog", (dialog) => void dialog.accept().catch(() => undefined));
    await page.getByRole("button", { name: "New", exact: true }).click();
    await page.getByLabel("Design name").fill("Random picks");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("11");
    await page.getByRole("spinbutton", { name: "Turns" }).fill("6");
    await page.getByLabel("How many participants to pick").fill("3");
    const chosen = () => page.getByRole("list", { name: "Chosen participants" }).getByRole("listitem").allTextContents();
    await page.getByRole("button", { name: "Pick with seed 11" }).click();
    const picked = await chosen();
    expect(picked).toHaveLength(3);
    // The same seed picks the same participants again.
    await page.getByRole("button", { name: "Clear", exact: true }).click();
    expect(await chosen()).toEqual([]);
    await page.getByRole("button", { name: "Pick with seed 11" }).click();
    expect(await chosen()).toEqual(picked);
    const previewed = await page.getByRole("list", { name: "Speaker preview" }).getByRole("listitem").allTextContents();
    expect(previewed).toHaveLength(6);
    await screenshot(page, "designer-random-picks");
  });
});
