/**
 * Issue 11 item 8: a start-up failure (here a corrupt api-keys.json, which used to give no
 * window and no dialog) shows one dialog naming the file and the fix, then quits. The main
 * process runs against a recording fake of the `electron` module (the binary cannot run here).
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { describeStartupFailure } from "../../electron/desktop/startup-failure.js";
import type { FakeElectron } from "./fake-electron.js";

const fake = vi.hoisted(() => ({ electron: null as FakeElectron | null }));
vi.mock("electron", async () => {
  const { createFakeElectron } = await import("./fake-electron.js");
  fake.electron = createFakeElectron();
  writeFileSync(path.join(fake.electron.record.userData, "api-keys.json"), '{"version": 1, "keys": ');
  return fake.electron.module;
});

// The fake says isPackaged: lay the resources out where electron-builder puts them, so only the key file is wrong.
const resourcesPath = mkdtempSync(path.join(os.tmpdir(), "resources-path-"));
cpSync(path.resolve(import.meta.dirname, "../../resources"), path.join(resourcesPath, "resources"), { recursive: true });
Object.assign(process, { resourcesPath });

describe("desktop start-up failure", () => {
  afterAll(async () => {
    await rm((fake.electron as FakeElectron).record.userData, { recursive: true, force: true });
    await rm(resourcesPath, { recursive: true, force: true });
  });

  it("a corrupt api-keys.json opens a dialog naming the file and the fix, and quits", async () => {
    await import("../../electron/main.js");
    const { record, module } = fake.electron as FakeElectron;
    await vi.waitFor(() => expect(module.dialog.showErrorBox).toHaveBeenCalledTimes(1));
    const [title, detail] = module.dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe("SynDisco Studio could not start");
    expect(detail).toContain(path.join(record.userData, "api-keys.json"));
    expect(detail).toMatch(/cannot be read: .*\n\nFix it in a text editor, or move it out of /);
    expect(module.app.quit).toHaveBeenCalled();
    expect(record.windows).toHaveLength(0);
  });

  it("file-system errors name the path and what to do; anything else names the data folder", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/data/settings.json'"), { code: "EACCES", path: "/data/settings.json" });
    expect(describeStartupFailure(denied, "/data").detail).toMatch(/^\/data\/settings\.json: the studio may not read or write this; give your user access.* \(EACCES\)\.\n\nThen start the studio again\.$/);
    const folder = Object.assign(new Error("EISDIR: illegal operation on a directory"), { code: "EISDIR", path: "/data/models.json" });
    expect(describeStartupFailure(folder, "/data").detail).toMatch(/^\/data\/models\.json: a folder is where the studio expects a file/);
    expect(describeStartupFailure(new Error("boom"), "/data").detail).toMatch(/^boom\n\nThe studio keeps its files in \/data/);
  });
});
