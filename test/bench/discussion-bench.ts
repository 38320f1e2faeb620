import { readFile } from "node:fs/promises";
import path from "node:path";
import { discussionDesignSchema, type DiscussionDesign, type DiscussionEvent } from "../../shared/domain/index.js";
import { Discussion } from "../../electron/engine/discussion.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import type { GpuPreference } from "../../electron/llm/llama-runtime.js";
import { parsePersonasFile } from "../../electron/storage/personas-file.js";
import { defaultContext, defaultModeratorInstructions, defaultUserInstructions } from "../../electron/engine/presets.js";

export interface DiscussionBenchRow {
  comments: number;
  generatedTokens: number;
  generatedTokensPerSecond: number;
  promptTokensPerComment: number;
  minimumPromptTokensPerComment: number;
  wallSeconds: number;
}

/** The bench's discussion: 7 users and a moderator, 15 turns (by default), window 3, our default prompts. */
export async function benchDesign(modelPath: string, maxTokens: number, turns = 15): Promise<DiscussionDesign> {
  const file = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");
  const { personas } = parsePersonasFile(await readFile(file, "utf8"));
  const [moderator, ...users] = [...personas].reverse();
  if (!moderator || users.length < 7) throw new Error("the bench needs 8 personas");
  return discussionDesignSchema.parse({
    name: "bench",
    participants: users.slice(0, 7).map((persona) => ({ persona, role: "user", context: defaultContext, instructions: defaultUserInstructions })),
    moderator: { persona: moderator, role: "moderator", context: defaultContext, instructions: defaultModeratorInstructions },
    seedComments: [{ author: users[0]?.username, text: "Our town wants to turn the old rail yard into a park. Is that the best use of the land?" }],
    turns,
    historyWindow: 3,
    turnManager: { kind: "random-weighted", pRespond: 0.5 },
    model: { backend: "llama", path: modelPath },
    sampling: { temperature: 0, topP: 1, seed: 2024, maxTokens, stopStrings: [] },
  });
}

export async function benchDiscussion(
  modelPath: string,
  design: DiscussionDesign,
  reuse: "exact" | "none",
  runtime: { threads: number; gpu: GpuPreference; contextSize: number },
): Promise<DiscussionBenchRow> {
  const model = await LlamaChatModel.load(modelPath, {
    contextSize: runtime.contextSize,
    sequences: design.participants.length + 1,
    threads: runtime.threads,
    gpu: runtime.gpu,
    reuse,
    ignoreEndOfGeneration: true,
  });
  try {
    const started = performance.now();
    const events: DiscussionEvent[] = [];
    for await (const event of new Discussion(design, { modelFor: () => model }).events()) {
      if (event.type === "error") throw new Error(event.message);
      events.push(event);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const stats = events.flatMap((event) => (event.type === "comment" && event.stats ? [event.stats] : event.type === "silent-turn" ? [event.stats] : []));
    const sum = (pick: (s: (typeof stats)[number]) => number) => stats.reduce((total, s) => total + pick(s), 0);
    const generatedTokens = sum((s) => s.generatedTokens);
    return {
      comments: events.filter((event) => event.type === "comment").length,
      generatedTokens,
      generatedTokensPerSecond: generatedTokens / wallSeconds,
      promptTokensPerComment: sum((s) => s.evaluatedPromptTokens) / stats.length,
      minimumPromptTokensPerComment: sum((s) => s.minimumPromptTokens) / stats.length,
      wallSeconds,
    };
  } finally {
    await model.dispose();
  }
}
