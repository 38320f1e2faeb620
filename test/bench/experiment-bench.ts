import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import { ExperimentRunner } from "../../electron/engine/experiment-runner.js";
import { defaultContext, defaultModeratorInstructions, defaultUserInstructions } from "../../electron/engine/presets.js";
import { parsePersonasFile } from "../../electron/storage/personas-file.js";
import type { GpuPreference } from "../../electron/llm/llama-runtime.js";
import { PeakMemory } from "./peak-memory.js";

export interface StudyShape {
  turns: number;
  maxTokens: number;
  contextSize: number;
  threads: number;
  gpu: GpuPreference;
}

export interface ExperimentBenchRow {
  /** "per-actor": a sequence for every actor; "pooled": one per discussion, shared by least-recent use. */
  sequencing: "per-actor" | "pooled";
  discussionsAtOnce: number;
  discussions: number;
  /** Sequences the context was sized to (fewer than wanted when memory is short). */
  sequences: number;
  generatedTokens: number;
  generatedTokensPerSecond: number;
  discussionsPerHour: number;
  promptTokensPerComment: number;
  wallSeconds: number;
  peakRssBytes: number;
  peakVramBytes: number | null;
}

/** The study's design: 7 users and a moderator, window 3, the given turns and reply length. */
export async function studySpec(modelPath: string, shape: StudyShape, repetitions: number): Promise<ExperimentSpec> {
  const file = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");
  const { personas } = parsePersonasFile(await readFile(file, "utf8"));
  const [moderator, ...users] = [...personas].reverse();
  if (!moderator || users.length < 7) throw new Error("the bench needs 8 personas");
  return experimentSpecSchema.parse({
    name: "bench study",
    personaPool: users.slice(0, 7),
    usersPerDiscussion: 7,
    context: defaultContext,
    conditions: {
      moderators: [{ kind: "moderator", label: "facilitator", persona: moderator, instructions: defaultModeratorInstructions }],
      turnManagers: [{ label: "rw", spec: { kind: "random-weighted", pRespond: 0.5 } }],
      models: [{ label: "bench", model: { backend: "llama", path: modelPath } }],
      topics: [{ label: "parks", seedComments: [{ author: users[0]?.username, text: "Our town wants to turn the old rail yard into a park. Is that the best use of the land?" }] }],
      userInstructions: [{ label: "default", text: defaultUserInstructions }],
    },
    repetitions,
    turns: shape.turns,
    historyWindow: 3,
    sampling: { temperature: 0, topP: 1, maxTokens: shape.maxTokens, stopStrings: [] },
    masterSeed: 7,
  });
}

/**
 * `discussionsAtOnce` study-shaped discussions, all at once, on one shared context. The clock
 * starts at the first turn, so loading the model is not counted.
 */
export async function benchExperiment(modelPath: string, shape: StudyShape, discussionsAtOnce: number, sequencing: ExperimentBenchRow["sequencing"]): Promise<ExperimentBenchRow> {
  const spec = await studySpec(modelPath, shape, discussionsAtOnce);
  const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-bench-study-"));
  const memory = await PeakMemory.start(shape.gpu);
  let firstTurn = 0;
  let evaluated = 0;
  let comments = 0;
  try {
    let sequences = 0;
    const runner = new ExperimentRunner(spec, {
      onModelLoaded: (model) => (sequences = model.capacity?.sequences ?? 0),
      outputDirectory: out,
      parallel: discussionsAtOnce,
      sequencesPerDiscussion: sequencing === "per-actor" ? 8 : 1,
      registry: { threads: shape.threads, contextSize: shape.contextSize, ignoreEndOfGeneration: true, gpu: shape.gpu },
      runtime: { app: "bench", gpu: String(shape.gpu), threads: shape.threads, contextSize: shape.contextSize },
      onDiscussionEvent: (event) => {
        if (event.type === "turn-start" && firstTurn === 0) firstTurn = performance.now();
        if ((event.type === "comment" && event.stats) || event.type === "silent-turn") {
          evaluated += event.stats?.evaluatedPromptTokens ?? 0;
          comments++;
        }
      },
    });
    const final = await runner.run();
    const wallSeconds = (performance.now() - firstTurn) / 1000;
    if (final.done !== final.total) throw new Error(`bench study finished ${final.done} of ${final.total}`);
    const peak = await memory.stop();
    return {
      sequencing,
      discussionsAtOnce,
      discussions: final.done,
      sequences,
      generatedTokens: final.generatedTokens,
      generatedTokensPerSecond: final.generatedTokens / wallSeconds,
      discussionsPerHour: (final.done / wallSeconds) * 3600,
      promptTokensPerComment: evaluated / Math.max(1, comments),
      wallSeconds,
      peakRssBytes: peak.rss,
      peakVramBytes: peak.vram,
    };
  } finally {
    await memory.stop();
    await rm(out, { recursive: true, force: true });
  }
}
