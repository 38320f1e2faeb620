import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { measureDiscussion } from "../../../electron/engine/analysis/measure-discussion.js";
import { measureStudy } from "../../../electron/engine/analysis/study-measures.js";
import { importDiscussionFile } from "../../../electron/storage/discussion-import.js";
import { runRecordSchema } from "../../../shared/domain/index.js";
import { writeParkStudy, type WrittenStudy } from "../../support/analysis-study.js";
import { runPaths } from "../../../electron/storage/run-files.js";
import type { PlannedDiscussion } from "../../../electron/engine/experiment-plan.js";

let folder: string;
let study: WrittenStudy;
const none = { dimensions: [], means: new Map() };
const filesOf = (planned: PlannedDiscussion) => runPaths(folder, planned.discussionId);

async function readLog(planned: PlannedDiscussion) {
  const result = importDiscussionFile(await readFile(filesOf(planned).discussion, "utf8"), "x.json");
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "analysis-measures-"));
  study = await writeParkStudy(folder, { records: true });
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("measures of one discussion (worked out by hand)", () => {
  it("counts words, characters, interventions, shares, participation and ROUGE-L diversity", async () => {
    const planned = study.find("mod", 0);
    const [p0, p1] = planned.participants as [string, string];
    const measured = measureDiscussion({ log: await readLog(planned), record: null, annotations: none });
    expect(measured.comments.map((c) => [c.role, c.author, c.turn, c.words])).toEqual([
      ["seed", "ann", -1, 7],
      ["user", p0, 0, 7],
      ["moderator", "mod", 0, 4],
      ["user", p1, 1, 8],
      ["moderator", "mod", 1, 0],
      ["user", p0, 2, 6],
      ["moderator", "mod", 2, 0],
    ]);
    expect(measured.comments[2]!.characters).toBe("Please keep it civil.".length);
    expect(measured.comments.map((c) => c.intervention)).toEqual([null, null, true, null, false, null, false]);
    expect(measured.comments.map((c) => c.authorShare)).toEqual([null, 2 / 3, null, 1 / 3, null, 2 / 3, null]);
    // "the city" is the only common subsequence: F = 2*2 / (8 + 6) between comments 3 and 5, 0 elsewhere.
    const f35 = 4 / 14;
    expect(measured.comments[1]!.diversity).toBeCloseTo(1, 12);
    expect(measured.comments[3]!.diversity).toBeCloseTo(1 - f35 / 2, 12);
    expect(measured.comments[5]!.diversity).toBeCloseTo(1 - f35 / 2, 12);
    expect(measured.comments[2]!.diversity).toBeNull();
    expect(measured.comments.every((c) => c.tokens === null)).toBe(true);

    const m = measured.measures;
    expect([m.comments, m.participantComments, m.moderatorComments, m.interventions]).toEqual([6, 3, 3, 1]);
    expect(m.interventionRate).toBeCloseTo(1 / 3, 12);
    expect(m.participationRate).toBeCloseTo(2 / 3, 12);
    expect(m.participationBalance).toBeCloseTo(-((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3)) / Math.log(3), 12);
    expect(m.diversity).toBeCloseTo(1 - f35 / 3, 12);
    expect(m.wordsMean).toBe(7);
    expect(measured.status).toBe("imported");
    expect(measured.personas[p0]).toMatchObject({ current_employment: "teacher", personality_characteristics: "calm; curious" });
    expect(measured.personas.mod).toMatchObject({ current_employment: "moderator" });
  });

  it("takes turns and generated tokens from the run record, which knows the silent turn", async () => {
    const planned = study.find("mod", 0);
    const record = runRecordSchema.parse(JSON.parse(await readFile(filesOf(planned).runRecord, "utf8")));
    const measured = measureDiscussion({ log: await readLog(planned), record, annotations: none });
    expect(measured.comments.map((c) => c.turn)).toEqual([-1, 0, 0, 2, 2, 3, 3]);
    expect(measured.comments.map((c) => c.tokens)).toEqual([null, 11, 12, 13, 14, 15, 16]);
    expect(measured.measures.tokensMean).toBe((11 + 13 + 15) / 3);
    expect(measured.status).toBe("completed");
  });

  it("has no intervention rate without a moderator and no diversity with one participant comment", async () => {
    const log = await readLog(study.find("none", 1));
    const unmoderated = measureDiscussion({ log, record: null, annotations: none });
    expect(unmoderated.measures.interventionRate).toBeNull();
    expect(unmoderated.measures.moderatorComments).toBe(0);
    expect(unmoderated.measures.participationRate).toBe(1);
    expect(unmoderated.measures.participationBalance).toBeCloseTo(1, 12);
    const short = measureDiscussion({ log: { ...log, comments: log.comments.slice(0, 2) }, record: null, annotations: none });
    expect(short.measures.diversity).toBeNull();
    expect(short.comments[1]!.diversity).toBeNull();
  });

  it("puts each annotation dimension's mean over annotators on its comment and averages participants' for the discussion", async () => {
    const log = await readLog(study.find("mod", 0));
    const means = new Map([[1, { toxicity: 2 }], [2, { toxicity: 5 }], [3, { toxicity: 3.5 }]]);
    const measured = measureDiscussion({ log, record: null, annotations: { dimensions: ["toxicity", "quality"], means } });
    expect(measured.comments.map((c) => c.annotations.toxicity)).toEqual([null, 2, 5, 3.5, null, null, null]);
    expect(measured.comments[1]!.annotations.quality).toBeNull();
    // Participants' comments only: the moderator's 5 is not part of the discussion's mean.
    expect(measured.measures.annotations).toEqual({ toxicity: 2.75, quality: null });
  });
});

describe("measuring a study folder", () => {
  it("measures every discussion with the study's grid as factors", async () => {
    const result = await measureStudy(folder);
    expect(result.study.kind).toBe("study");
    expect(result.study.name).toBe("Park study");
    expect(result.study.factorNames).toEqual(["moderator", "turnManager", "model", "topic", "userInstructions"]);
    expect(result.problems).toEqual([]);
    expect(result.discussions).toHaveLength(4);
    const mod0 = result.discussions.find((d) => d.discussionId === study.find("mod", 0).discussionId)!;
    expect(mod0.factors).toEqual({ moderator: "mod", turnManager: "rr", model: "tiny", topic: "park", userInstructions: "plain" });
    expect(mod0.repetition).toBe(0);
    expect(mod0.measured?.comments.map((c) => c.turn)).toEqual([-1, 0, 0, 2, 2, 3, 3]);
    expect(result.measuredNow).toBe(4);
  });

  it("reports a corrupt discussion by file and problem, and analyses the rest", async () => {
    const broken = filesOf(study.find("none", 0)).discussion;
    await writeFile(broken, (await readFile(broken, "utf8")).slice(0, 200));
    const result = await measureStudy(folder);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.file).toBe(broken);
    expect(result.problems[0]!.message).toMatch(/not valid JSON \(truncated\?\)/);
    expect(result.discussions.filter((d) => d.measured !== null)).toHaveLength(3);
    expect(result.discussions.find((d) => d.discussionFile === broken)?.status).toBe("unreadable");
  });

  it("reuses cached measures and measures again only a discussion whose file changed", async () => {
    await measureStudy(folder);
    const again = await measureStudy(folder);
    expect([again.measuredNow, again.fromCache]).toEqual([0, 4]);
    const changed = filesOf(study.find("mod", 1)).discussion;
    const later = new Date(Date.now() + 5000);
    await utimes(changed, later, later);
    const third = await measureStudy(folder);
    expect([third.measuredNow, third.fromCache]).toEqual([1, 3]);
    const fromCache = third.discussions.map((d) => d.measured);
    const fresh = (await measureStudy(folder, { cache: false })).discussions.map((d) => d.measured);
    expect(fromCache).toEqual(fresh);
  });

  it("lists discussions not written yet as pending, or running while their journal exists", async () => {
    const pending = filesOf(study.find("none", 1));
    await rm(pending.discussion);
    const running = filesOf(study.find("mod", 1));
    await rm(running.discussion);
    await writeFile(running.journal, "");
    const result = await measureStudy(folder);
    const status = (planned: PlannedDiscussion) => result.discussions.find((d) => d.discussionId === planned.discussionId)?.status;
    expect(status(study.find("none", 1))).toBe("pending");
    expect(status(study.find("mod", 1))).toBe("running");
    expect(status(study.find("none", 0))).toBe("imported");
    expect(status(study.find("mod", 0))).toBe("completed");
  });

  it("reads any folder of discussion files without a grid (a study's discussions/, records found beside it)", async () => {
    const result = await measureStudy(path.join(folder, "discussions"));
    expect(result.study.kind).toBe("folder");
    expect(result.discussions.map((d) => d.discussionId)).toEqual(study.planned.map((planned) => planned.discussionId).sort());
    expect(result.study.discussions.find((d) => d.discussionId === study.find("mod", 0).discussionId)?.recordFile).toBe(filesOf(study.find("mod", 0)).runRecord);
    expect(result.discussions.every((d) => d.measured !== null)).toBe(true);
  });
});
