import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";

const names = ["ash", "birch", "cedar", "dogwood", "elm"];

async function openView(page: Page, label: "Experiments" | "Transcript" | "Studies" | "Library"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 2, name: label }).waitFor();
}

/** Designs a 2 x 2 study by clicking (moderator none / one x two turn managers), runs it, watches it reach 100 %. */
describe("experiments page in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "syndisco-e2e-data-"));
    // A personas file as SynDisco writes it: the pool the study samples from.
    const personas = names.map((username, index) => ({
      username,
      age: 30 + index,
      sex: index % 2 ? "male" : "female",
      sexual_orientation: "",
      demographic_group: "",
      current_employment: "gardener",
      education_level: "",
      special_instructions: "",
      personality_characteristics: ["calm"],
    }));
    await writeFile(path.join(dataDirectory, "personas.json"), JSON.stringify(personas));
    studio = await startWebStudio({ model: await ensureTinyModel(), dataDirectory });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("builds a 2 x 2 grid by clicking and shows cells, discussions, samples and the estimate", async () => {
    await openView(page, "Experiments");
    await page.getByRole("group", { name: "Persona pool" }).getByText("elm").waitFor();
    await page.getByRole("button", { name: "Add moderator" }).click();
    await page.getByLabel("Random weighted", { exact: true }).check();
    await page.getByLabel("Study name (its folder)").fill("e2e study");
    await page.getByLabel("Repetitions per cell").fill("2");
    await page.getByLabel("Turns").fill("4");
    await page.getByLabel("Max tokens per reply").fill("48");
    await page.getByLabel("Discussions at once").selectOption("1");
    await page.getByLabel("Seed comments").fill("ash: The new bike lane took away all the parking.");
    await page.waitForFunction(() => document.querySelector("[data-testid=plan-discussions]")?.textContent === "8");
    await expect(page.getByTestId("plan-cells").textContent()).resolves.toBe("4");
    const samples = await page.getByTestId("plan-samples").textContent();
    // The moderator persona (the first one) never joins as a user.
    expect(samples).toMatch(/^1: \w+, \w+, \w+2: /);
    expect(samples).not.toContain("ash");
    await expect(page.getByTestId("plan-basis").textContent()).resolves.toMatch(/unknown/);
  });

  it("runs the study: live progress, a running discussion's transcript on click, then 100 %", async () => {
    await page.getByRole("button", { name: "Run study" }).click();
    await page.getByTestId("run-panel").waitFor();
    await page.getByText(/· \d+ comments/).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "experiments-running");
    expect(await page.getByText(/· \d+ comments?$/).first().textContent()).toMatch(/ · repetition [12] of 2 · (1 comment|\d+ comments)$/);
    // The form is locked while its study runs, and a reload shows the study (paused, so it is still in progress).
    await page.getByTestId("form-locked").waitFor();
    expect(await page.getByLabel("Study name (its folder)").isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByTestId("run-state").filter({ hasText: "Paused" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Experiments" }).waitFor();
    await expect.poll(() => page.getByLabel("Study name (its folder)").inputValue()).toBe("e2e study");
    expect(await page.getByLabel("Repetitions per cell").inputValue()).toBe("2");
    await page.getByTestId("form-locked").waitFor();
    await screenshot(page, "experiments-reloaded-locked");
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByText(/· \d+ comments/).first().waitFor({ timeout: 30_000 });
    await page.getByText(/· \d+ comments/).first().click();
    await page.getByRole("heading", { level: 2, name: "Transcript" }).waitFor();
    await page.getByText("The new bike lane took away all the parking.").first().waitFor();
    await screenshot(page, "experiments-live-transcript");
    await openView(page, "Experiments");
    await page.getByTestId("run-state").filter({ hasText: "Finished" }).waitFor({ timeout: 120_000 });
    await expect(page.getByTestId("run-done").textContent()).resolves.toBe("8 / 8 done (100 %)");
    await expect(page.getByRole("progressbar", { name: "Study progress" }).getAttribute("aria-valuenow")).resolves.toBe("100");
    await page.getByTestId("plan-basis").filter({ hasText: "measured" }).waitFor();
    await screenshot(page, "experiments-done");
    const folder = path.join(studio.dataDirectory, "experiments", "e2e-study");
    const entries = await readdir(folder);
    expect(entries).toEqual(expect.arrayContaining(["experiment.json", "manifest.csv", "discussions", "records"]));
    // Every discussion of the 2 x 2 grid (two each), alone in discussions/ (the folder SynDisco's loader reads).
    const discussions = await readdir(path.join(folder, "discussions"));
    expect(discussions.filter((entry) => entry.endsWith(".json"))).toHaveLength(8);
    expect(discussions.every((entry) => entry.endsWith(".json") && !entry.endsWith(".run.json"))).toBe(true);
  });

  it("opens the finished study: a discussion from its cell, the analysis with figures, a plot and the dataset exported, its discussions in the Library", async () => {
    await page.getByRole("button", { name: "Open study: discussions and analysis" }).click();
    await page.getByRole("heading", { level: 2, name: "Studies" }).waitFor();
    await expect(page.getByTestId("study-name").textContent()).resolves.toBe("e2e study");
    await expect(page.getByTestId("study-counts").textContent()).resolves.toBe("8 discussions in 4 cells: 8 completed");
    const cells = page.getByRole("region", { name: /^Cell / });
    await expect(cells.count()).resolves.toBe(4);
    await screenshot(page, "studies-discussions");

    // A finished discussion opens from its file (it stays in the study's cell folder).
    await cells.first().getByRole("button", { name: "Open #1" }).click();
    await page.getByRole("heading", { level: 2, name: "Transcript" }).waitFor();
    await page.getByText("The new bike lane took away all the parking.").first().waitFor();

    await openView(page, "Studies");
    await page.getByRole("tab", { name: "Analysis" }).click();
    // Four figures drawn by Vega in the page (SVG as images), the condition table beside them.
    await page.locator("[data-testid=analysis] figure img").nth(3).waitFor({ timeout: 60_000 });
    await expect(page.getByLabel("Measure").inputValue()).resolves.toBe("comment:words");
    await expect(page.getByTestId("table-comment-words-conditions").textContent()).resolves.toMatch(/none.*\d/);
    await screenshot(page, "studies-analysis");

    const [plot] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "SVG", exact: true }).first().click()]);
    expect(plot.suggestedFilename()).toBe("e2e-study-comment-words-means.svg");
    expect(await readFile((await plot.path())!, "utf8")).toMatch(/^<svg[^>]*>.*moderator/s);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG", exact: true }).first().click()]);
    expect(png.suggestedFilename()).toBe("e2e-study-comment-words-means.png");
    expect([...(await readFile((await png.path())!)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const [dataset] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "comments.csv", exact: true }).click()]);
    const rows = (await readFile((await dataset.path())!, "utf8")).trim().split("\r\n");
    expect(rows[0]).toContain("factor_moderator");
    expect(rows.length).toBeGreaterThan(8);

    // The Library lists the study's discussions, and filters by study and cell.
    await openView(page, "Library");
    await page.getByRole("combobox", { name: "Study" }).selectOption("e2e-study");
    await page.getByRole("combobox", { name: "Cell" }).selectOption({ index: 1 });
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=library-row]").length === 2);
    await expect(page.getByTestId("library-study").first().textContent()).resolves.toMatch(/^e2e study · 001_/);
    await screenshot(page, "library-study-filter");
  });
});
