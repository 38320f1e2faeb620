import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";
import { createPersona, designModeratedDiscussion, openView, runDesign } from "./steps/personas-designer.js";
import { commentCount, exportAs, importFolderIntoLibrary, importIntoLibrary, libraryRow, sampleStreamingText, searchLibrary, waitForStatus } from "./steps/transcript.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");

/** Run a moderated discussion from the UI, watch it stream, stop, export, and work with the library. */
describe("transcript and library in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  let discussionId = "";
  let exported: { file: string; text: string };
  beforeAll(async () => {
    studio = await startWebStudio({ model: await ensureTinyModel({}) });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
    downloads = await mkdtemp(path.join(os.tmpdir(), "syndisco-e2e-downloads-"));
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("shows what to do when nothing is open or saved", async () => {
    await openView(page, "Transcript");
    await page.getByRole("heading", { name: "No discussion open" }).waitFor();
    await screenshot(page, "transcript-empty");
    await openView(page, "Library");
    await page.getByRole("heading", { name: "No saved discussions yet" }).waitFor();
    await screenshot(page, "library-empty");
  });

  it("runs a moderated discussion designed by clicking and watches the reply stream in", async () => {
    await openView(page, "Personas");
    await createPersona(page, { username: "Alice", age: "34", sex: "Female", traits: ["curious"] });
    await createPersona(page, { username: "Bob", age: "45", sex: "Male", traits: ["blunt"] });
    await createPersona(page, { username: "Mod", age: "29", sex: "Non-binary", traits: ["calm"] });
    await openView(page, "Designer");
    await designModeratedDiscussion(page, {
      name: "Streaming check",
      participants: ["Alice", "Bob"],
      moderator: "Mod",
      pRespond: 0.7,
      turns: 40,
      seed: 3,
      maxTokens: 400,
      seedComment: { author: "Alice", text: "Should the town build a new library?" },
    });
    await runDesign(page);

    const samples = await sampleStreamingText(page, 60);
    // Within one reply (the same speaker, no reset to a shorter text) the text grows across frames.
    const growth = new Set<number>();
    for (const [index, sample] of samples.entries()) {
      const previous = samples[index - 1];
      if (previous && previous.speaker === sample.speaker && sample.length >= previous.length) growth.add(sample.length);
    }
    expect(growth.size, JSON.stringify(samples.slice(0, 40))).toBeGreaterThanOrEqual(3);
    // A few finished comments above the one being written, for the screenshot.
    await page.getByTestId("comment-card").nth(3).waitFor({ timeout: 60_000 });
    await page.getByTestId("streaming-card").waitFor();
    await screenshot(page, "transcript-live");

    // Space pauses (the reply being written is finished first), N runs one more turn, Space resumes.
    await page.keyboard.press("Space");
    await waitForStatus(page, "paused");
    // Once the reply in progress is in (a turn may already have passed the gate), nothing more comes.
    let paused = -1;
    await expect
      .poll(
        async () => {
          const before = await commentCount(page);
          await page.waitForTimeout(600);
          const settled = (await page.getByTestId("streaming-card").count()) === 0 && (await commentCount(page)) === before;
          if (settled) paused = before;
          return settled;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.keyboard.press("n");
    await expect.poll(() => commentCount(page), { timeout: 30_000 }).toBeGreaterThan(paused);
    await waitForStatus(page, "paused");
    await page.keyboard.press("Space");
    await waitForStatus(page, "running");

    // Scrolling up lets go of the newest comment: the view stays where the reader is, and offers a way back.
    const scroller = page.getByTestId("comment-scroller");
    await scroller.hover();
    await page.mouse.wheel(0, -600);
    const jump = page.getByRole("button", { name: /Jump to latest/ });
    await jump.waitFor();
    // What the reader sees must hold still: the card at the middle of the view keeps its place on
    // screen. (scrollTop itself may change when cards above are measured and the list compensates.)
    const cardAtMiddle = () =>
      scroller.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const card = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest("[data-testid=comment-card]");
        return card ? { index: card.getAttribute("data-index"), top: Math.round(card.getBoundingClientRect().top) } : null;
      });
    await page.waitForTimeout(300);
    const reading = await cardAtMiddle();
    expect(reading).not.toBeNull();
    await page.waitForTimeout(700);
    const after = await cardAtMiddle();
    expect(after?.index).toBe(reading?.index);
    expect(Math.abs((after?.top ?? 0) - (reading?.top ?? 0))).toBeLessThanOrEqual(2);
    await jump.click();
    await jump.waitFor({ state: "detached" });
    await expect.poll(() => scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight), { timeout: 5000 }).toBeLessThan(60);

    // Ctrl+. stops the run (the Stop button's tooltip says so).
    await expect(page.getByRole("button", { name: /Stop/ }).getAttribute("title")).resolves.toMatch(/Ctrl\+\./);
    await page.keyboard.press("Control+Period");
    await waitForStatus(page, "stopped");
    await expect(page.getByTestId("streaming-card").count()).resolves.toBe(0);
    const cards = await page.getByTestId("comment-card").count();
    expect(cards).toBeGreaterThanOrEqual(2);
    await screenshot(page, "transcript-finished");
  });

  it("exports the stopped discussion as legacy JSON", async () => {
    exported = await exportAs(page, "SynDisco JSON (legacy)", downloads);
    const log = JSON.parse(exported.text) as { id: string; users: string[]; moderator: string; logs: { name: string; text: string }[] };
    discussionId = log.id;
    expect(log.users).toEqual(expect.arrayContaining(["Alice", "Bob"]));
    expect(log.moderator).toBe("Mod");
    expect(log.logs[0]).toMatchObject({ name: "Alice", text: "Should the town build a new library?" });
    const markdown = await exportAs(page, "Markdown", downloads);
    expect(markdown.fileName).toBe(`${discussionId}.md`);
  });

  it("finds it in the library by participant and by comment text, and opens it", async () => {
    await openView(page, "Library");
    await libraryRow(page, discussionId).waitFor();
    await searchLibrary(page, "bob");
    await libraryRow(page, discussionId).waitFor();
    await searchLibrary(page, "town build a new library");
    await libraryRow(page, discussionId).waitFor();
    await searchLibrary(page, "nobody wrote this sentence");
    await page.getByRole("heading", { name: "No discussion matches" }).waitFor();
    await page.getByRole("button", { name: "Clear the search" }).click();
    await libraryRow(page, discussionId).getByRole("button", { name: "Open" }).click();
    await waitForStatus(page, "stopped");
    await page.getByText("Should the town build a new library?").waitFor();
    await expect(page.getByRole("button", { name: /Pause|Resume/ }).count()).resolves.toBe(0);
  });

  it("re-importing the export keeps the one copy and selects it", async () => {
    await openView(page, "Library");
    const report = await importIntoLibrary(page, [exported.file]);
    expect(report).toContain("Imported 0 discussions; 1 was already in the library");
    await expect(libraryRow(page, discussionId).count()).resolves.toBe(1);
    await expect(libraryRow(page, discussionId).getAttribute("aria-selected")).resolves.toBe("true");
  });

  it("imports both SynDisco samples written by Python, reports a bad file, and shows their comments", async () => {
    const bad = path.join(downloads, "not-a-discussion.json");
    await writeFile(bad, '{"logs": 3}');
    const report = await importIntoLibrary(page, [path.join(fixtures, "discussion-legacy-moderated.json"), path.join(fixtures, "discussion-v2-moderated.json"), bad]);
    expect(report).toContain("Imported 2 discussions; skipped 1 file");
    expect(report).toContain("not-a-discussion.json");
    await expect(page.getByTestId("library-row").count()).resolves.toBe(3);
    await screenshot(page, "library");

    await libraryRow(page, "0f8e0c52-1111-4a2b-9c3d-5e6f7a8b9c0d").getByRole("button", { name: "Open" }).click();
    await page.getByTestId("comment-card").first().waitFor();
    await expect(page.getByTestId("comment-card").filter({ hasText: "Moderator" }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "transcript-imported-legacy");

    await openView(page, "Library");
    await searchLibrary(page, "parks are for everyone");
    const rows = page.getByTestId("library-row");
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(1);
    await rows.filter({ hasText: "v2" }).first().getByRole("button", { name: "Open" }).click();
    await page.getByTestId("comment-card").filter({ hasText: "parks are for everyone" }).first().waitFor();
  });

  it("imports a folder: JSON files in, other files left out", async () => {
    const folder = path.join(downloads, "folder");
    await mkdir(folder, { recursive: true });
    await copyFile(path.join(fixtures, "discussion-legacy-unmoderated.json"), path.join(folder, "unmoderated.json"));
    await writeFile(path.join(folder, "notes.txt"), "not a discussion");
    await openView(page, "Library");
    const report = await importFolderIntoLibrary(page, folder);
    expect(report).toContain("Imported 1 discussion");
    expect(report).toContain("ignored 1 non-JSON file");
  });

  it("looks right in the dark theme", async () => {
    await page.getByRole("button", { name: "Dark theme" }).click();
    await screenshot(page, "library-dark");
    await libraryRow(page, discussionId).getByRole("button", { name: "Open" }).click();
    await page.getByTestId("comment-card").first().waitFor();
    await screenshot(page, "transcript-dark");
  });
});
