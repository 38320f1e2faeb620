import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { writeParkStudy, type WrittenStudy } from "../support/analysis-study.js";
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
    const broken = runPaths(studyFolder(), study.find("mod", 1).discussionId).discussion;
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

    // The figures (SVG and PNG), the tables (CSV and LaTeX) and the one-page report.
    const svg = await readFile(path.join(out, "figures", "comment-words-means.svg"), "utf8");
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("moderator");
    const png = await readFile(path.join(out, "figures", "comment-words-means.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await access(path.join(out, "figures", "comment-words-turns.svg"));
    const table = parseCsv(await readFile(path.join(out, "tables", "comment-words-conditions.csv"), "utf8"));
    expect(table.map((row) => row[0])).toEqual(["condition", "none", "mod"]);
    expect(await readFile(path.join(out, "tables", "comment-words-conditions.tex"), "utf8")).toContain("\\toprule");
    const html = await readFile(path.join(out, "report.html"), "utf8");
    expect(result.stdout).toContain(path.join(out, "report.html"));
    expect(html).toContain("<h1>Park study</h1>");
    expect(html).toContain("3 of 4 discussions analysed");
    expect(html).toContain('<a href="figures/comment-words-means.png">PNG</a>');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain("not valid JSON (truncated?)");
  });

  it("says what is wrong with its arguments", async () => {
    const missing = await runCli(["analyze", path.join(root, "nowhere"), "--out", path.join(root, "x")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`error: ${path.join(root, "nowhere")} is not a folder`);
  });
});
