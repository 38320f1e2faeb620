import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureStudy, type StudyMeasures } from "../../../electron/engine/analysis/study-measures.js";
import { summarize } from "../../../electron/engine/analysis/summarize.js";
import { welchTest } from "../../../electron/engine/analysis/statistics.js";
import { histogramBins } from "../../../electron/engine/analysis/histogram.js";
import { analysisRequestSchema, type AnalysisRequestInput } from "../../../shared/domain/analysis.js";
import { writeParkStudy, type WrittenStudy } from "../../support/analysis-study.js";
import { runPaths } from "../../../electron/storage/run-files.js";

let folder: string;
let written: WrittenStudy;
let study: StudyMeasures;
const ask = (input: AnalysisRequestInput) => summarize(study, analysisRequestSchema.parse(input));
const words = { level: "comment", column: "words" } as const;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "analysis-summarize-"));
  written = await writeParkStudy(folder);
  study = await measureStudy(folder);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("condition summaries of the park study (worked out by hand)", () => {
  it("averages each discussion's participant comments, then the discussions of a condition", () => {
    const result = ask({ measure: words, factors: ["moderator"] });
    expect(result.unit).toBe("discussion");
    expect(result.roles).toEqual(["user", "human"]);
    expect(result.conditions.map((c) => [c.condition, c.n, c.mean])).toEqual([
      ["none", 2, (7 + 4) / 2],
      ["mod", 2, (7 + 11 / 3) / 2],
    ]);
    expect(result.conditions[0]!.levels).toEqual({ moderator: "none" });
    expect(result.discussionsUsed).toBe(4);
  });

  it("takes every comment as a value when the unit is the comment", () => {
    const result = ask({ measure: words, factors: ["moderator"], unit: "comment" });
    expect(result.conditions.map((c) => [c.n, c.mean])).toEqual([[6, 33 / 6], [6, 32 / 6]]);
    const welch = welchTest([7, 8, 6, 3, 4, 5], [7, 8, 6, 1, 5, 5]);
    if (!welch.ok) throw new Error(welch.reason);
    expect(result.pairwise).toEqual([{ a: "none", b: "mod", ...welch.value, pHolm: welch.value.p, reason: null }]);
  });

  it("draws per-turn means and each discussion's running mean by turn", () => {
    const result = ask({ measure: words, factors: ["moderator"] });
    const none = result.byTurn.filter((point) => point.condition === "none");
    expect(none.map((point) => [point.turn, point.n, point.mean])).toEqual([[0, 2, 5], [1, 2, 6], [2, 2, 5.5]]);
    expect(none.map((point) => point.cumulativeMean)).toEqual([5, (7.5 + 3.5) / 2, (7 + 4) / 2]);
  });

  it("says a condition has no data and tests only what can be tested", () => {
    const result = ask({ measure: { level: "comment", column: "intervention" }, factors: ["moderator"] });
    expect(result.roles).toEqual(["moderator"]);
    expect(result.conditions.map((c) => [c.condition, c.n, c.mean])).toEqual([["none", 0, null], ["mod", 2, (1 / 3 + 1) / 2]]);
    expect(result.notes).toContain('no data for condition "none"');
    expect(result.pairwise[0]).toMatchObject({ p: null, reason: "each side needs at least two values" });
    expect(result.omnibus).toMatchObject({ anova: null, anovaReason: "needs at least two conditions with data" });
  });

  it("compares discussion measures one value per discussion, with no turn curve", () => {
    const result = ask({ measure: { level: "discussion", column: "participation_rate" }, factors: ["moderator"] });
    expect(result.byTurn).toEqual([]);
    expect(result.conditions.map((c) => c.n)).toEqual([2, 2]);
    expect(result.conditions[0]!.mean).toBeCloseTo((2 / 3 + 1) / 2, 12);
  });

  it("crosses two factors and has one condition without factors", () => {
    expect(ask({ measure: words, factors: ["moderator", "topic"] }).conditions.map((c) => c.condition)).toEqual(["none · park", "mod · park"]);
    const all = ask({ measure: words });
    expect(all.conditions.map((c) => [c.condition, c.n])).toEqual([["all", 4]]);
    expect(all.pairwise).toEqual([]);
  });

  it("refuses an unknown measure or factor with a message that names it", () => {
    expect(() => ask({ measure: { level: "comment", column: "toxicity" } })).toThrow('no comment measure "toxicity" in this study');
    expect(() => ask({ measure: words, factors: ["colour"] })).toThrow('"colour" is not a factor of this study');
  });

  it("analyses the rest when a discussion is unreadable and says so", async () => {
    const broken = runPaths(folder, written.find("none", 1).discussionId).discussion;
    const original = await readFile(broken, "utf8");
    await writeFile(broken, "{ not json");
    try {
      const damaged = await measureStudy(folder);
      const result = summarize(damaged, analysisRequestSchema.parse({ measure: words, factors: ["moderator"] }));
      expect(result.conditions.map((c) => c.n)).toEqual([1, 2]);
      expect(result.notes).toContain("1 discussion unreadable (see the problems listed)");
      expect(result.discussionsUsed).toBe(3);
    } finally {
      await writeFile(broken, original);
    }
  });
});

describe("histogram bins", () => {
  it("gives whole numbers a bin each, shared by the conditions", () => {
    const bins = histogramBins([{ condition: "a", values: [1, 2, 2] }, { condition: "b", values: [3] }]);
    expect(bins.map((bin) => [bin.condition, bin.start, bin.end, bin.count])).toEqual([
      ["a", 1, 2, 1], ["a", 2, 3, 2], ["a", 3, 4, 0],
      ["b", 1, 2, 0], ["b", 2, 3, 0], ["b", 3, 4, 1],
    ]);
  });

  it("uses round widths for fractions and keeps the maximum in the last bin", () => {
    const bins = histogramBins([{ condition: "all", values: [0, 0.31, 0.5, 1] }]);
    expect(bins).toHaveLength(20);
    expect(bins[0]).toMatchObject({ start: 0, end: 0.05, count: 1 });
    expect(bins[6]).toMatchObject({ start: 0.3, end: 0.35, count: 1 });
    expect(bins[19]).toMatchObject({ start: 0.95, end: 1, count: 1 });
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
  });
});
