import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/fixtures/syndisco");

/** `npm run check:samples` itself, over our made-up SynDisco files (CI runs it over real ones). */
describe("check:samples", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "check-samples-"));
    for (const name of ["discussion-legacy-moderated.json", "discussion-legacy-unmoderated.json", "discussion-v2-moderated.json", "personas-mixed.expected.json"]) {
      await copyFile(path.join(fixtures, name), path.join(dir, name));
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("re-renders every participant's user message of every turn and agrees with Python's rendering", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "test/samples/check-samples.ts"), dir], { cwd: root });
    expect(stderr).toBe("");
    // 6 logged comments after the seed in the moderated file, 3 in the unmoderated one (make_syndisco.py).
    expect(stdout).toContain("user messages: 9 turns of 2 files re-rendered and compared with Python's");
    expect(stdout).toMatch(/4 files: \d+ passed, 0 failed/);
  });
});
