/**
 * `npm start` where the Electron binary cannot be had (this machine cannot download it; on a
 * machine that has it, it is pointed at an empty folder): one line says so, web mode starts
 * and prints its URL, and the page works.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { launchChromium, openStudioPage, screenshot } from "./harness.js";

const root = path.resolve(import.meta.dirname, "../..");
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it("npm start without Electron: one line, no stack trace, then web mode's URL, and the app works", async () => {
  const data = await mkdtemp(path.join(os.tmpdir(), "syndisco-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", SYNDISCO_NO_BROWSER: "1", DISPLAY: "", WAYLAND_DISPLAY: "" };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  // A download is tried only where no binary is installed; elsewhere the binary is made absent.
  const installed = existsSync(path.join(root, "node_modules", "electron", "path.txt"));
  if (installed) env.ELECTRON_OVERRIDE_DIST_PATH = data;
  const child = spawn("npm", ["start", "--", "--data", data], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  cleanup.push(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    await rm(data, { recursive: true, force: true });
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 3 minutes:\n${output}`)), 180_000);
    const look = () => {
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", look);
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });

  const lines = output.split("\n").filter((line) => line.trim() !== "" && !line.startsWith(">"));
  const why = lines.filter((line) => line.includes("desktop app cannot start"));
  expect(why).toHaveLength(1);
  expect(why[0]).toMatch(installed ? /no Electron binary in .*; starting web mode instead\.$/ : /the download failed: .+; starting web mode instead\.$/);
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain("opened in your browser");
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);

  const browser = await launchChromium();
  cleanup.push(() => browser.close());
  const page = await openStudioPage(browser, url);
  await expect(page.getByTestId("connection").textContent()).resolves.toContain("open");
  await screenshot(page, "start-fallback");
});
