/**
 * A newcomer's first start, in Chromium through web mode, from an empty data folder to a running
 * discussion, only by clicking: the starter personas, the recommended model (served on loopback by
 * a catalog given with `--catalog`, since no model hub is reachable here), the example design.
 * A second catalog entry points at a port nothing listens on: its download says it cannot reach it.
 */
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { FileServer } from "../support/file-server.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";
import { openView, runDesign } from "./steps/personas-designer.js";

describe("first start from an empty data folder", () => {
  let files: FileServer;
  let folder: string;
  let studio: WebStudio;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    files = new FileServer(new Uint8Array(await readFile(await ensureTinyModel())), "starter-model.gguf");
    await files.start();
    folder = await mkdtemp(path.join(os.tmpdir(), "first-start-"));
    const catalog = path.join(folder, "catalog.json");
    const entry = { parameters: "tiny", quantization: "F32", contextLength: 2048, license: "MIT", suits: "A generated test model." };
    await writeFile(
      catalog,
      JSON.stringify({
        version: 1,
        models: [
          { ...entry, id: "starter", name: "Starter Model", uri: files.url, sizeBytes: files.bytes.length, recommended: true },
          { ...entry, id: "offline", name: "Unreachable Model", uri: "https://127.0.0.1:1/nothing.gguf", sizeBytes: 1000 },
        ],
      }),
    );
    studio = await startWebStudio({ args: ["--catalog", catalog] });
    browser = await launchChromium();
    page = await openStudioPage(browser, studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await files?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it("loads the starter personas with one click from the empty Personas view", async () => {
    await openView(page, "Personas");
    await page.getByRole("button", { name: "Load 12 starter personas" }).click();
    await expect.poll(() => page.getByTestId("persona-row").count()).toBe(12);
    await page.getByLabel("Search personas").fill("retired");
    await expect.poll(() => page.getByTestId("persona-match-count").textContent()).toBe("2 of 12 match");
    await screenshot(page, "first-start-personas");
    await page.getByLabel("Search personas").fill("");
  });

  it("the Designer offers the recommended model; one click downloads it with progress and chooses it", async () => {
    await openView(page, "Designer");
    const onboarding = page.getByTestId("model-onboarding");
    await onboarding.waitFor();
    await expect(onboarding.getByTestId("recommended-facts").textContent()).resolves.toMatch(/download · tiny parameters · licence MIT/);
    await screenshot(page, "first-start-designer-no-model");
    await onboarding.getByRole("button", { name: /^Download/ }).click();
    await onboarding.waitFor({ state: "detached", timeout: 60_000 });
    await expect.poll(() => page.getByLabel("Model", { exact: true }).inputValue(), { timeout: 20_000 }).toContain("starter-model.gguf");
  });

  it("opens the example design and runs it by clicking: a discussion is running", async () => {
    await page.getByTestId("example-design").getByRole("button", { name: "Open the example design" }).click();
    await expect.poll(() => page.getByLabel("Design name").inputValue()).toBe("Example: closing the main square to cars");
    await page.getByRole("spinbutton", { name: "Turns" }).fill("3");
    await page.getByRole("spinbutton", { name: "Max tokens" }).fill("20");
    await screenshot(page, "first-start-example-design");
    await runDesign(page);
    await page.getByTestId("comment-card").nth(1).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("comment-card").first().textContent()).resolves.toContain("jojo_parent");
    await screenshot(page, "first-start-running");
  });

  it("the Designer previews every speaker's prompt in tokens; a context beyond the model's training is warned of in Models and Designer", { timeout: 180_000 }, async () => {
    await openView(page, "Designer");
    const preview = page.getByTestId("prompt-preview");
    await expect.poll(() => preview.getByTestId("prompt-preview-speaker").count(), { timeout: 30_000 }).toBe(6);
    const firstPrompt = Number((await preview.getByTestId("first-turn-tokens").first().textContent())?.replace(/,/g, ""));
    expect(firstPrompt).toBeGreaterThan(100);
    await expect(page.getByTestId("context-warning").count()).resolves.toBe(0);
    await preview.getByTestId("prompt-preview-speaker").first().locator("summary").click();
    await expect(preview.getByText("System prompt").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "designer-prompt-preview");

    // The tiny model was trained for 4096 tokens: 8192 in Settings applies at once and is warned of.
    await openView(page, "Settings");
    await page.getByLabel("Context size (tokens per sequence)").fill("8192");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByTestId("engine-applied").textContent(), { timeout: 30_000 }).toMatch(/^Applied\./);
    await screenshot(page, "settings-applied");
    await openView(page, "Models");
    await expect.poll(() => page.getByTestId("beyond-training").first().textContent(), { timeout: 30_000 }).toContain("more than the 4,096 this model was trained for");
    await screenshot(page, "models-beyond-training");
    await openView(page, "Designer");
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => page.getByTestId("context-warning").first().textContent(), { timeout: 30_000 }).toContain("(8,192 tokens) is more than the 4,096");
    await page.getByTestId("prompt-preview").scrollIntoViewIfNeeded();
    await screenshot(page, "designer-context-warning");
  });

  it("a download from an unreachable host says so, with Retry", async () => {
    await openView(page, "Models");
    const entry = page.getByTestId("catalog-entry").filter({ hasText: "Unreachable Model" });
    await entry.getByRole("button", { name: "Download Unreachable Model" }).click();
    await expect.poll(() => entry.getByTestId("download-error").textContent(), { timeout: 30_000 }).toMatch(/^cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    await entry.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => entry.getByTestId("download-error").textContent(), { timeout: 30_000 }).toMatch(/^cannot reach/);
    await screenshot(page, "models-offline-download");
  });
});
