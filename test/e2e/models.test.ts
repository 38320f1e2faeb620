import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";

async function openView(page: Page, label: "Models" | "Settings"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 2, name: label }).waitFor();
}

/** The Models and Settings pages in Chromium over web mode, with the tiny model preloaded. */
describe("models page in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  let modelPath: string;
  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    studio = await startWebStudio({ model: modelPath });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("shows the CPU backend and the preloaded tiny model with its metadata, loaded", async () => {
    await openView(page, "Models");
    await expect(page.getByTestId("hardware-backend").textContent()).resolves.toBe("CPU");
    const row = page.getByTestId("model-row").filter({ hasText: path.basename(modelPath) });
    await row.waitFor();
    const metadata = await row.getByTestId("model-metadata").textContent();
    expect(metadata).toContain("Architecture");
    expect(metadata).toContain("llama");
    expect(metadata).toMatch(/Parameters\d/);
    expect(metadata).toMatch(/Chat template(yes|no)/);
    await expect(row.textContent()).resolves.toContain("loaded");
    await row.getByRole("button", { name: "Fits?" }).click();
    await expect(row.getByTestId("fit").textContent()).resolves.toMatch(/^Fits: CPU only, 4 sequences at \d+ tokens/);
    await expect(page.getByTestId("catalog-entry").count()).resolves.toBeGreaterThan(2);
    await screenshot(page, "models");
  });

  it("refuses a path that is not a GGUF file with a clear error, and adds a real one", async () => {
    const notModel = path.join(studio.dataDirectory, "notes.txt");
    await writeFile(notModel, "these are notes, not a model");
    const field = page.getByLabel("Add a GGUF file by path (on the machine running the engine)");
    await field.fill(notModel);
    await page.getByRole("button", { name: "Add model" }).click();
    // The field names its message only once the error is shown: wait for that before reading it.
    await page.waitForFunction(() => document.querySelector("input[aria-invalid=true]") !== null);
    const message = page.locator("#" + ((await field.getAttribute("aria-describedby")) ?? "none").replace(/:/g, "\\:"));
    await expect(message.textContent()).resolves.toMatch(/GGUF/i);
    await screenshot(page, "models-add-error");
    await expect(page.getByTestId("model-row").count()).resolves.toBe(1);
  });

  it("adds an OpenAI-compatible server profile", async () => {
    await page.getByLabel("Name", { exact: true }).fill("Lab vLLM");
    await page.getByLabel("Base URL", { exact: true }).fill("http://127.0.0.1:8000/v1");
    await page.getByLabel("More base URLs", { exact: false }).fill("http://127.0.0.1:8001/v1, http://127.0.0.1:8002/v1");
    await page.getByLabel("Model name").fill("llama-70b");
    await page.getByLabel("API key variable").fill("LAB_KEY");
    await page.getByRole("button", { name: "Add server" }).click();
    await page.getByTestId("server-profile").filter({ hasText: "Lab vLLM" }).waitFor();
    await expect(page.getByTestId("server-profile").textContent()).resolves.toContain("$LAB_KEY (not set");
    // The same model on three servers: the card says so, and the limit is per server.
    await expect(page.getByTestId("profile-servers").getAttribute("title")).resolves.toBe("http://127.0.0.1:8001/v1\nhttp://127.0.0.1:8002/v1");
    await expect(page.getByTestId("server-profile").textContent()).resolves.toMatch(/and 2 more servers · up to 4 at once on each/);
    await page.getByRole("button", { name: "Add server" }).scrollIntoViewIfNeeded();
    await screenshot(page, "models-servers");
  });

  it("shows the settings with the data folder", async () => {
    await openView(page, "Settings");
    // The page asks the engine for its settings when it opens: wait for the answer, then compare.
    await page.getByTestId("data-directory").filter({ hasText: /\S/ }).waitFor();
    await expect(page.getByTestId("data-directory").textContent()).resolves.toBe(studio.dataDirectory);
    await page.getByLabel("Context size (tokens per sequence)").fill("2048");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByTestId("engine-applied").filter({ hasText: /^Applied\./ }).waitFor();
    await screenshot(page, "settings");
  });
});
