import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(import.meta.dirname, "../..");
export const screenshotDirectory = path.join(root, "test-results", "screenshots");

export interface WebStudio {
  url: string;
  dataDirectory: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** `npm run serve` as a user runs it, on a fresh data folder, with a model preloaded; `allow` are its `--allow` folders, `args` any other flags. */
export async function startWebStudio(options: { model?: string; dataDirectory?: string; allow?: string[]; args?: string[] } = {}): Promise<WebStudio> {
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(path.join(os.tmpdir(), "syndisco-e2e-data-")));
  const args = ["--import", "tsx", path.join(root, "electron", "server.ts"), "--data", dataDirectory, ...(options.args ?? [])];
  if (options.model) args.push("--model", options.model);
  for (const folder of options.allow ?? []) args.push("--allow", folder);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 60_000);
    child.stdout?.on("data", () => {
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDirectory,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Debian's Chromium, headless, no background traffic; launch() gives each browser a fresh temporary profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function openStudioPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.getByTestId("connection").filter({ hasText: "open" }).waitFor();
  return page;
}

/** Saves a screenshot as a test artifact under test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDirectory, { recursive: true });
  const file = path.join(screenshotDirectory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export interface StudioSession {
  readonly studio: WebStudio;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * Registers the usual suite set-up: web mode with a model, Chromium, and one page open on the
 * studio, all closed after the suite. Read the fields inside tests, once beforeAll has run.
 */
export function studioSession(model: () => Promise<string>): StudioSession {
  const session: { studio?: WebStudio; browser?: Browser; page?: Page } = {};
  beforeAll(async () => {
    session.studio = await startWebStudio({ model: await model() });
    session.browser = await launchChromium();
    session.page = await openStudioPage(session.browser, session.studio.url);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.studio?.stop();
  });
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only ready once the suite's beforeAll has run`);
    return value;
  };
  return {
    get studio() {
      return required(session.studio, "studio");
    },
    get browser() {
      return required(session.browser, "browser");
    },
    get page() {
      return required(session.page, "page");
    },
  };
}
