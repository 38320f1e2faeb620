/**
 * Issue 11 items 10 and 12 in Chromium: a models list that cannot be read is shown as a problem
 * naming the file (not as zero models), and an error the engine logged is listed on the Settings
 * page with the log file that holds it; so are the window's own uncaught errors and rejections.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createStudio, type Studio } from "../../electron/api/studio.js";
import { startWebServer, type WebServer } from "../../electron/api/web/web-server.js";
import type { Handlers } from "../../electron/api/router.js";
import { launchChromium, openStudioPage, screenshot } from "./harness.js";

const root = path.resolve(import.meta.dirname, "../..");

async function openView(page: Page, label: "Models" | "Settings"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("heading", { level: 2, name: label }).waitFor();
}

describe("problems the studio names instead of hiding, in Chromium", () => {
  let data: string;
  let studio: Studio;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const corrupt = '{"version": 1, "paths": ["/models/a.gguf",';
  beforeAll(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), "syndisco-e2e-problems-"));
    await writeFile(path.join(data, "models.json"), corrupt);
    // The studio in this process, served as `serve` serves it, so one handler can fail on purpose:
    // nothing a client sends makes a handler fail unexpectedly (that is the point), so this double
    // stands behind the handler table, the interface the router calls.
    studio = await createStudio({
      dataDirectory: data,
      wrapHandlers: (handlers) =>
        ({ ...handlers, "personas.list": async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'persona')")) }) as Handlers,
    });
    server = await startWebServer({ router: studio.router, events: studio.events, staticDirectory: path.join(root, "out", "renderer") });
    browser = await launchChromium();
    page = await openStudioPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await studio?.dispose();
  });

  it("lists a corrupt models.json as a problem naming the file, and leaves it untouched", async () => {
    await openView(page, "Models");
    const problem = page.getByRole("status").filter({ hasText: "could not be read" });
    await problem.waitFor();
    const text = await problem.textContent();
    expect(text!.split(path.join(data, "models.json")).length - 1, "the path named once").toBe(1);
    expect(text).toMatch(/JSON/i);
    // Shown, not folded away, and not mistaken for a studio without models.
    await expect(problem.getByText(path.join(data, "models.json"), { exact: false }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("No model yet").count()).resolves.toBe(0);
    await expect(page.getByText("No models listed").isVisible()).resolves.toBe(true);
    await screenshot(page, "models-file-problem");
    expect(await readFile(path.join(data, "models.json"), "utf8")).toBe(corrupt);
  });

  it("lists an error the engine logged on the Settings page, with the log file", async () => {
    await openView(page, "Settings");
    const list = page.getByRole("list", { name: "Logged errors" });
    await list.waitFor();
    await expect(list.textContent()).resolves.toContain("[personas.list] Cannot read properties of undefined (reading 'persona')");
    await expect(page.getByText(path.join(data, "logs", "studio.log")).count()).resolves.toBe(1);
    await page.getByRole("heading", { name: "Logged errors" }).scrollIntoViewIfNeeded();
    await screenshot(page, "settings-logged-errors");
  });

  it("logs the window's own uncaught errors and rejections, listed beside the engine's", async () => {
    await openView(page, "Models");
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error("probe thrown in the window");
      });
      void Promise.reject(new Error("probe rejected in the window"));
    });
    await expect.poll(async () => (await readFile(path.join(data, "logs", "studio.log"), "utf8").catch(() => "")).includes("probe thrown in the window")).toBe(true);
    await openView(page, "Settings");
    const list = page.getByRole("list", { name: "Logged errors" });
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain("[renderer] window: probe thrown in the window");
    await expect(list.textContent()).resolves.toContain("[renderer] promise: probe rejected in the window");
    const log = await readFile(path.join(data, "logs", "studio.log"), "utf8");
    // With the stack the browser gave (the page's own script).
    expect(log).toMatch(/\[renderer\] window: probe thrown in the window\n {4}Error: probe thrown in the window\n {8}at /);
  });

  it("a view that throws while rendering shows the error in its place, the rest of the window works, and the log has it once", async () => {
    const content = await readFile(path.join(root, "test", "fixtures", "syndisco", "discussion-legacy-moderated.json"), "utf8");
    expect(await studio.router.invoke("library.importFiles", { files: [{ fileName: "one.json", content }] })).toMatchObject({ ok: true });
    // A fault in the page's own code stands in for a renderer bug: the Library's date cells throw.
    await page.evaluate(() => {
      Object.defineProperty(Intl.DateTimeFormat.prototype, "format", {
        get: () => () => {
          throw new TypeError("probe: a date cell failed");
        },
      });
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Library", exact: true }).click();
    const failed = page.getByRole("alert").filter({ hasText: "The Library view stopped with an error" });
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain("probe: a date cell failed");
    await screenshot(page, "view-failed");
    // The navigation is outside the failed view: Settings opens and lists the error, once.
    await openView(page, "Settings");
    const list = page.getByRole("list", { name: "Logged errors" });
    await expect.poll(() => list.textContent()).toContain("[renderer] view Library: probe: a date cell failed");
    expect((await list.textContent())!.split("probe: a date cell failed").length - 1).toBe(1);
    await studio.services.errorLog.flushed();
    expect(await readFile(path.join(data, "logs", "studio.log"), "utf8")).toMatch(/view Library: probe: a date cell failed\n[\s\S]*Components:\n[\s\S]*at LibraryTable/);
  });
});
