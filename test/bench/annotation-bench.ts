import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { annotationJobSpecSchema, type DiscussionLog } from "../../shared/domain/index.js";
import { AnnotationRunner } from "../../electron/engine/annotation/annotation-runner.js";
import { findSchemePreset } from "../../electron/engine/annotation/scheme-presets.js";

export interface AnnotationBenchRow {
  label: string;
  annotators: number;
  parallel: number;
  reuse: "exact" | "none";
  annotations: number;
  annotationsPerHour: number;
  /** Comments every annotator has rated, per hour. */
  commentsPerHour: number;
  promptTokensPerAnnotation: number;
  evaluatedPromptTokensPerAnnotation: number;
  wallSeconds: number;
}

const names = ["ash", "birch", "cedar", "dogwood", "elm", "fir"];
const openings = ["I think", "Honestly,", "Look,", "With respect,", "Frankly", "To be fair,"];
const claims = ["the rail yard should become a park", "the city cannot afford another park", "a market would serve more people", "nobody asked the neighbours", "parks cut summer heat", "the traffic study was flawed"];

/** Discussions of our own made-up text: `count` threads of `comments` comments each. */
export function benchDiscussions(count: number, comments: number): DiscussionLog[] {
  return Array.from({ length: count }, (_, d) => ({
    id: `bench-${d}`,
    timestamp: "26-01-01-00-00",
    users: names,
    moderator: null,
    userPrompts: names.map(() => "{}"),
    moderatorPrompt: null,
    historyWindow: 3,
    comments: Array.from({ length: comments }, (_, c) => ({
      name: names[(d + c) % names.length] as string,
      text: `${openings[(c * 5 + d) % openings.length]} ${claims[(c + 2 * d) % claims.length]}, and ${claims[(c * 3 + d + 1) % claims.length]} (point ${c + 1}).`,
      model: c === 0 ? "hardcoded" : "bench",
    })),
    sourceFormat: "legacy" as const,
  }));
}

/** Annotators with the toxicity preset (window 3) rating every comment, `parallel` pairs at once. */
export async function benchAnnotation(modelPath: string, label: string, annotators: number, parallel: number, reuse: "exact" | "none", runtime: { threads: number; gpu: "auto" | false }, discussions: DiscussionLog[]): Promise<AnnotationBenchRow> {
  const scheme = findSchemePreset("toxicity");
  if (!scheme) throw new Error("the toxicity preset is missing");
  const spec = annotationJobSpecSchema.parse({
    name: "bench annotation",
    annotators: Array.from({ length: annotators }, (_, i) => ({
      name: `rater-${i + 1}`,
      persona: { username: `rater-${i + 1}`, age: 25 + 10 * i, current_employment: "annotator", personality_characteristics: ["careful"] },
      scheme,
      model: { backend: "llama", path: modelPath },
      sampling: { temperature: 0, topP: 1, seed: 3, maxTokens: 24, stopStrings: [] },
    })),
  });
  const directory = await mkdtemp(path.join(os.tmpdir(), "syndisco-bench-annotation-"));
  try {
    const started = performance.now();
    const runner = new AnnotationRunner(spec, discussions.map((log) => ({ log, file: `${log.id}.json` })), {
      jobId: "bench",
      directory,
      parallel,
      registry: { threads: runtime.threads, gpu: runtime.gpu, contextSize: 2048, reuse },
    });
    const final = await runner.run();
    const wallSeconds = (performance.now() - started) / 1000;
    if (final.done !== final.total || final.failed > 0) throw new Error(`annotation bench made ${final.done} of ${final.total}`);
    return {
      label,
      annotators,
      parallel,
      reuse,
      annotations: final.done,
      annotationsPerHour: (final.done / wallSeconds) * 3600,
      commentsPerHour: (final.done / annotators / wallSeconds) * 3600,
      promptTokensPerAnnotation: final.promptTokens.total / final.done,
      evaluatedPromptTokensPerAnnotation: final.promptTokens.evaluated / final.done,
      wallSeconds,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
