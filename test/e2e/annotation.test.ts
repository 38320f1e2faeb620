import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");
const moderated = "0f8e0c52-1111-4a2b-9c3d-5e6f7a8b9c0d";
const unmoderated = "7d2b3c4a-2222-4b5c-8d9e-0a1b2c3d4e5f";
const studyDiscussion = "aa111111-3333-4444-8888-000000000001";

async function openView(page: Page, label: "Annotation" | "Library"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 2, name: label }).waitFor();
}

/** Two library discussions annotated by clicking: a preset scheme, two annotators, a job to 100 %, then scores on the cards. */
describe("annotation in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "syndisco-e2e-data-"));
    await mkdir(path.join(dataDirectory, "discussions"), { recursive: true });
    await copyFile(path.join(fixtures, "discussion-legacy-moderated.json"), path.join(dataDirectory, "discussions", `${moderated}.json`));
    await copyFile(path.join(fixtures, "discussion-legacy-unmoderated.json"), path.join(dataDirectory, "discussions", `${unmoderated}.json`));
    // A finished study of one discussion (what an experiment leaves in its folder), annotated as a whole.
    const study = path.join(dataDirectory, "experiments", "parks-study");
    await mkdir(path.join(study, "cell-1"), { recursive: true });
    await writeFile(path.join(study, "experiment.json"), JSON.stringify({ spec: { name: "Parks study" } }));
    const inStudy = (await readFile(path.join(fixtures, "discussion-legacy-moderated.json"), "utf8")).replace(moderated, studyDiscussion);
    await writeFile(path.join(study, "cell-1", `${studyDiscussion}.json`), inStudy);
    await writeFile(path.join(dataDirectory, "personas.json"), JSON.stringify([{ username: "rater-rosa", age: 41, current_employment: "teacher", personality_characteristics: ["careful"] }]));
    studio = await startWebStudio({ model: await ensureTinyModel(), dataDirectory });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("saves a preset scheme and two annotators, annotates the library's selection to the end, and shows agreement", async () => {
    await openView(page, "Library");
    await page.getByTestId("library-row").first().waitFor();
    for (const id of [moderated, unmoderated]) await page.getByLabel(`Select ${id}`).check();

    await openView(page, "Annotation");
    await page.getByRole("button", { name: "New from “Toxicity (1-5)”" }).click();
    const editor = page.getByTestId("scheme-editor");
    expect(await editor.getByLabel("Scheme name").inputValue()).toBe("Toxicity (1-5)");
    // A scheme whose scale runs backwards is refused with the reason.
    await editor.getByLabel("Max", { exact: true }).fill("0");
    await editor.getByRole("button", { name: "Save scheme" }).click();
    await editor.getByRole("alert").filter({ hasText: 'dimension "toxicity": max (0) is below min (1)' }).waitFor();
    await editor.getByLabel("Max", { exact: true }).fill("5");
    await editor.getByRole("button", { name: "Save scheme" }).click();
    await page.getByTestId("saved-scheme").filter({ hasText: "toxicity 1-5" }).waitFor();

    await page.getByRole("button", { name: "Add annotator" }).click();
    await page.getByRole("button", { name: "Add annotator" }).click();
    const first = page.getByTestId("annotator-row").first();
    await first.getByLabel("Persona").selectOption("rater-rosa");
    await first.getByLabel("Max tokens").fill("30");
    await page.getByTestId("annotator-row").nth(1).getByLabel("Max tokens").fill("30");
    await page.getByRole("button", { name: "Save annotators" }).click();
    await page.getByRole("status").filter({ hasText: "Saved the annotators." }).waitFor();

    await page.getByLabel("Job name").fill("Toxicity pass");
    await page.getByRole("button", { name: "Start annotating" }).click();
    const job = page.getByTestId("annotation-job").filter({ hasText: "Toxicity pass" });
    await job.and(page.locator("[data-state=finished]")).waitFor({ timeout: 240_000 });
    expect(await job.getByTestId("annotation-job-status").textContent()).toContain("22 / 22 annotations");
    await job.getByTestId("agreement").filter({ hasText: "toxicity" }).waitFor();
    await screenshot(page, "annotation-view");
  }, 300_000);

  it("shows each comment's scores on its card, per annotator, with the raw answer on demand", async () => {
    await openView(page, "Library");
    await page.locator(`[data-testid=library-row][data-id="${moderated}"]`).getByRole("button", { name: "Open" }).click();
    await page.getByRole("heading", { level: 2, name: "Transcript" }).waitFor();
    const card = page.getByTestId("comment-card").first();
    await card.getByTestId("score-chip").filter({ hasText: /^toxicity \d(\.\d+)?\s*\(2\)$/ }).waitFor();
    await card.getByRole("button", { name: "per annotator" }).click();
    await card.getByTestId("score-details").filter({ hasText: "annotator-1" }).waitFor();
    await card.getByRole("button", { name: "show raw answers" }).click();
    await card.getByTestId("raw-answer").filter({ hasText: '"toxicity"' }).first().waitFor();
    await screenshot(page, "annotation-scores-on-cards");
  });

  it("filters and sorts the library by a score", async () => {
    await openView(page, "Library");
    await page.getByLabel("Sort by score").selectOption("toxicity");
    const rows = page.getByTestId("library-row");
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel("Minimum toxicity").fill("6");
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByLabel("Minimum toxicity").fill("");
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, "annotation-library-score");
  });

  it("imports a SynDisco annotation file and a classifier's CSV as two more annotators, problems named, scores on the cards", async () => {
    await openView(page, "Annotation");
    const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Import scores" }) });
    await section.getByLabel("Scheme of the file").selectOption({ label: "Toxicity (1-5)" });
    await page.getByTestId("import-annotation-input").setInputFiles(path.join(fixtures, "annotation-legacy.json"));
    await page.getByTestId("import-outcome").filter({ hasText: `annotations of discussion ${moderated} from annotation-legacy.json` }).waitFor();

    await section.getByLabel("Scores annotator name").fill("perspective");
    const csv = ["discussion_id,comment_index,toxicity", `${moderated},0,0.12`, "nope,0,0.3"].join("\n");
    await page.getByTestId("import-scores-csv-input").setInputFiles({ name: "perspective.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const outcome = page.getByTestId("import-outcome").filter({ hasText: 'Imported 1 score (toxicity) over 1 discussion from perspective.csv as "perspective".' });
    await outcome.waitFor();
    expect(await outcome.locator("li").allTextContents()).toEqual(['row 3: discussion "nope" is not in the library or any study']);
    await page.getByTestId("annotation-job").filter({ hasText: "perspective" }).first().waitFor();

    await openView(page, "Library");
    await page.locator(`[data-testid=library-row][data-id="${moderated}"]`).getByRole("button", { name: "Open" }).click();
    const card = page.getByTestId("comment-card").first();
    // Two annotators of the job and the imported file's rate 1–5; the CSV's probabilities are
    // another scale, shown apart and never averaged with them.
    await card.getByTestId("score-chip").filter({ hasText: /^toxicity \(1–5\) [\d.]+\s*\(3\)$/ }).waitFor();
    await card.getByTestId("score-chip").filter({ hasText: /^toxicity \(number\) 0\.12\s*\(1\)$/ }).waitFor();
    await screenshot(page, "annotation-imported-scores");
  });

  it("annotates a whole study by clicking", async () => {
    await openView(page, "Annotation");
    await page.getByLabel("Job name").fill("Study pass");
    await page.getByLabel("Annotate").selectOption("study");
    expect(await page.getByLabel("Study").locator("option:checked").textContent()).toBe("Parks study (1 discussion)");
    await page.getByRole("button", { name: "Start annotating" }).click();
    const job = page.getByTestId("annotation-job").filter({ hasText: "Study pass" });
    await job.and(page.locator("[data-state=finished]")).waitFor({ timeout: 240_000 });
    expect(await job.getByTestId("annotation-job-status").textContent()).toContain("14 / 14 annotations");
    await job.getByTestId("agreement").filter({ hasText: "toxicity" }).waitFor();
  }, 300_000);
});
