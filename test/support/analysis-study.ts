import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { experimentSpecSchema, type ExperimentSpec, type RunRecord } from "../../shared/domain/index.js";
import { planExperiment, type PlannedDiscussion } from "../../electron/engine/experiment-plan.js";
import { buildDiscussionLog } from "../../electron/engine/discussion-log.js";
import { writeExperimentFile, writeManifest } from "../../electron/storage/experiment-files.js";
import { runPaths } from "../../electron/storage/run-files.js";
import { serializeLegacyDiscussion } from "../../electron/storage/legacy-format.js";
import { testPersona } from "./designs.js";

/**
 * A small study written the way `experiment run` writes one: moderator "none" or "mod", two
 * repetitions, hand-written comments whose measures are easy to work out by hand. `p0`..`p2`
 * stand for the discussion's three sampled participants, `mod` for the moderator.
 */
export const parkStudyComments: Record<string, Record<number, [string, string][]>> = {
  none: {
    0: [["p0", "A park would be lovely for kids."], ["p1", "Parks cost money and the city has none."], ["p0", "The city wastes money on roads."]],
    1: [["p0", "Fine by me."], ["p1", "No way, too expensive."], ["p2", "I would pay for it."]],
  },
  mod: {
    0: [["p0", "A park would be lovely for kids."], ["mod", "Please keep it civil."], ["p1", "Parks cost money and the city has none."], ["mod", ""], ["p0", "The city wastes money on roads."], ["mod", "  "]],
    1: [["p0", "Trees!"], ["mod", "Thanks."], ["p1", "We need trees and shade."], ["mod", "Good point."], ["p2", "Shade matters in summer heat."], ["mod", "Thank you all."]],
  },
};

export function parkStudySpec(): ExperimentSpec {
  return experimentSpecSchema.parse({
    name: "Park study",
    personaPool: ["ann", "bob", "cy", "dee"].map((name, index) => testPersona(name, { age: 20 + 10 * index, sex: index % 2 ? "male" : "female", personality_characteristics: ["calm", "curious"] })),
    usersPerDiscussion: 3,
    context: "A forum about a new park.",
    conditions: {
      moderators: [
        { kind: "none", label: "none" },
        { kind: "moderator", label: "mod", persona: testPersona("mod", { current_employment: "moderator" }), instructions: "Keep it civil." },
      ],
      turnManagers: [{ label: "rr", spec: { kind: "round-robin" } }],
      models: [{ label: "tiny", model: { backend: "llama", path: "tiny.gguf" } }],
      topics: [{ label: "park", seedComments: [{ author: "ann", text: "Should the old yard become a park?" }] }],
      userInstructions: [{ label: "plain", text: "Reply briefly." }],
    },
    repetitions: 2,
    turns: 4,
    historyWindow: 3,
    masterSeed: 5,
  });
}

export interface WrittenStudy {
  spec: ExperimentSpec;
  planned: PlannedDiscussion[];
  /** The planned discussion of a moderator condition and repetition. */
  find(moderator: string, repetition: number): PlannedDiscussion;
}

/**
 * Writes experiment.json and every discussion's SynDisco file. With `records`, the "mod"
 * repetition 0 discussion also gets a run record in which one participant's turn was silent,
 * so its turns (0, 0, 2, 2, 3, 3) differ from what the file alone suggests (0, 0, 1, 1, 2, 2).
 */
export async function writeParkStudy(folder: string, options: { records?: boolean } = {}): Promise<WrittenStudy> {
  const spec = parkStudySpec();
  const plan = planExperiment(spec);
  await mkdir(folder, { recursive: true });
  await writeExperimentFile(folder, spec, plan);
  const find = (moderator: string, repetition: number) =>
    plan.discussions.find((planned) => planned.cell.conditions.moderator === moderator && planned.repetition === repetition) as PlannedDiscussion;
  for (const planned of plan.discussions) {
    const name = (who: string) => (who === "mod" ? "mod" : (planned.participants[Number(who.slice(1))] as string));
    const written = parkStudyComments[planned.cell.conditions.moderator]![planned.repetition]!;
    const comments = [
      { name: "ann", text: "Should the old yard become a park?", model: "hardcoded" },
      ...written.map(([who, text]) => ({ name: name(who), text, model: "tiny" })),
    ];
    const paths = runPaths(folder, planned.discussionId);
    await mkdir(path.dirname(paths.discussion), { recursive: true });
    await mkdir(path.dirname(paths.runRecord), { recursive: true });
    await writeFile(paths.discussion, serializeLegacyDiscussion(buildDiscussionLog(planned.discussionId, planned.design, comments, "26-01-02-03-04")));
    if (options.records && planned === find("mod", 0)) {
      await writeFile(paths.runRecord, JSON.stringify(silentTurnRecord(planned, comments)));
    }
  }
  await writeManifest(folder, plan.discussions.map((planned) => ({
    planned,
    status: "completed",
    comments: 1 + parkStudyComments[planned.cell.conditions.moderator]![planned.repetition]!.length,
    generatedTokens: 0,
    seconds: 0,
  })));
  return { spec, planned: plan.discussions, find };
}

function silentTurnRecord(planned: PlannedDiscussion, comments: { name: string }[]): RunRecord {
  const turns = [-1, 0, 0, 2, 2, 3, 3];
  const stats = (generatedTokens: number) => ({ promptTokens: 50, evaluatedPromptTokens: 40, minimumPromptTokens: 40, generatedTokens, seed: 1, seconds: 0.5, stopReason: "eos" as const });
  const logged = comments.map((comment, index) => ({ name: comment.name, turn: turns[index] as number, logged: true, stats: index === 0 ? null : stats(10 + index) }));
  return {
    kind: "syndisco-studio.run",
    version: 1,
    discussionId: planned.discussionId,
    startedAt: "2026-01-02T03:04:00.000Z",
    finishedAt: "2026-01-02T03:05:00.000Z",
    status: "completed",
    design: planned.design,
    turnManagerSeed: 1,
    speakers: [],
    models: [{ displayName: "tiny", backend: "llama" }],
    runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 512 },
    // The silent turn of the third participant: generated, not logged.
    comments: [...logged.slice(0, 3), { name: planned.participants[2] as string, turn: 1, logged: false, stats: stats(0) }, ...logged.slice(3)],
  };
}
