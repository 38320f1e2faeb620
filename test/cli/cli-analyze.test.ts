import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { writeParkStudy, type WrittenStudy } from "../support/analysis-study.js";
import { cellDirectory } from "../../electron/storage/experiment-files.js";
import { runPaths } from "../../electron/storage/run-files.js";
import { parseCsv } from "../../shared/csv.js";

let root: string;
let study: WrittenStudy;
const studyFolder = () => path.join(root, "study");

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "cli-analyze-"));
  study = await writeParkStudy(studyFolder(), { records: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("cli analyze", () => {
  it("writes the dataset and the Python script, names a corrupt discussion and analyses the rest", async () => {
    const broken = runPaths(cellDirectory(studyFolder(), study.find("mod", 1)), study.find("mod", 1).discussionId).discussion;
    await writeFile(broken, '{"id": "x", "logs": [');
    const out = path.join(root, "out");
    const result = await runCli(["analyze", studyFolder(), "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Park study: 3 of 4 discussions measured");
    expect(result.stderr).toContain(`not analysed: ${broken}: not valid JSON (truncated?)`);
    for (const file of ["dataset/comments.csv", "dataset/comments.parquet", "dataset/discussions.csv", "dataset/discussions.parquet", "dataset/codebook.csv", "analysis.py"]) {
      expect(result.stdout).toContain(path.join(out, file));
      await access(path.join(out, file));
    }
    const discussions = parseCsv(await readFile(path.join(out, "dataset", "discussions.csv"), "utf8"));
    expect(discussions).toHaveLength(1 + 3);
  });

  it("says what is wrong with its arguments", async () => {
    const missing = await runCli(["analyze", path.join(root, "nowhere"), "--out", path.join(root, "x")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`error: ${path.join(root, "nowhere")} is not a folder`);
  });
});
