import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { experimentSpecSchema } from "../../shared/domain/index.js";
import { ExperimentRunner } from "../../electron/engine/experiment-runner.js";
import { defaultContext, defaultModeratorInstructions, defaultUserInstructions } from "../../electron/engine/presets.js";

export interface ExperimentBenchRow {
  parallel: number;
  discussions: number;
  generatedTokens: number;
  generatedTokensPerSecond: number;
  discussionsPerHour: number;
  wallSeconds: number;
}

const names = ["ash", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "holly", "ivy", "juniper"];

/** 16 discussions (4 users + moderator, 4 turns, window 3), run `parallel` at a time on one shared context. */
export async function benchExperiment(modelPath: string, parallel: number, threads: number, maxTokens: number, sequencesPerDiscussion?: number): Promise<ExperimentBenchRow> {
  const spec = experimentSpecSchema.parse({
    name: "bench study",
    personaPool: names.map((username, i) => ({ username, age: 20 + 5 * i, current_employment: "resident", personality_characteristics: ["curious"] })),
    usersPerDiscussion: 4,
    context: defaultContext,
    conditions: {
      moderators: [{ kind: "moderator", label: "facilitator", persona: { username: "moderator" }, instructions: defaultModeratorInstructions }],
      turnManagers: [{ label: "rr", spec: { kind: "round-robin" } }, { label: "rw", spec: { kind: "random-weighted", pRespond: 0.5 } }],
      models: [{ label: "tiny", model: { backend: "llama", path: modelPath } }],
      topics: [{ label: "parks", seedComments: [{ author: "ash", text: "Should the old rail yard become a park?" }] }],
      userInstructions: [{ label: "default", text: defaultUserInstructions }],
    },
    repetitions: 8,
    turns: 4,
    historyWindow: 3,
    sampling: { temperature: 0, topP: 1, maxTokens, stopStrings: [] },
    masterSeed: 7,
  });
  const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-bench-study-"));
  try {
    const started = performance.now();
    const runner = new ExperimentRunner(spec, {
      outputDirectory: out,
      parallel,
      sequencesPerDiscussion,
      registry: { threads, contextSize: 2048, ignoreEndOfGeneration: true },
      runtime: { app: "bench", gpu: "auto", threads, contextSize: 2048 },
    });
    const final = await runner.run();
    const wallSeconds = (performance.now() - started) / 1000;
    if (final.done !== final.total) throw new Error(`bench study finished ${final.done} of ${final.total}`);
    return {
      parallel,
      discussions: final.done,
      generatedTokens: final.generatedTokens,
      generatedTokensPerSecond: final.generatedTokens / wallSeconds,
      discussionsPerHour: (final.done / wallSeconds) * 3600,
      wallSeconds,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
