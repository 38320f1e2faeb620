import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { launchChromium, openStudioPage, screenshot, startWebStudio, type WebStudio } from "./harness.js";

describe("web mode in Chromium", () => {
  let studio: WebStudio;
  let browser: Browser;
  beforeAll(async () => {
    studio = await startWebStudio({ model: await ensureTinyModel() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
  });

  it("prints a URL on 127.0.0.1 whose page connects to the engine", async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    const page = await openStudioPage(browser, studio.url);
    await expect(page.getByTestId("connection").textContent()).resolves.toContain("Web mode: open");
    await screenshot(page, "shell");
  });

  it("refuses the page without the token", async () => {
    const response = await fetch(studio.url.replace(/\?token=.*$/, ""));
    expect(response.status).toBe(401);
  });

  it("after the server restarts with a new token, the old tab says to open the new address; opening it connects", async () => {
    const page = await openStudioPage(browser, studio.url);
    await expect.poll(() => page.getByTestId("connection").textContent()).toContain("Web mode: open");
    const { port } = new URL(studio.url);
    await studio.stop();
    studio = await startWebStudio({ dataDirectory: studio.dataDirectory, args: ["--port", port] });
    await page.getByTestId("connection-refused").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("connection").textContent()).toContain("Web mode: refused");
    await screenshot(page, "web-mode-token-refused");
    await page.goto(studio.url);
    await expect.poll(() => page.getByTestId("connection").textContent()).toContain("Web mode: open");
    expect(await page.getByTestId("connection-refused").count()).toBe(0);
  });
});
