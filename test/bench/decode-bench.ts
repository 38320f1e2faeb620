import type { LlamaContext, LlamaContextSequence, Token } from "node-llama-cpp";
import type { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ChatTemplate } from "../../electron/llm/chat-template.js";
import type { ChatPrompt } from "../../electron/llm/types.js";

interface Round {
  seconds: number;
  tokensPerSecond: number;
  /** Tokens per second of the process's CPU time (every thread): what load from other programs distorts least. */
  tokensPerCpuSecond: number;
}

export interface DecodeSide extends Round {
  /** Each round; the figures above are the best of them (the least disturbed by other work on the machine). */
  rounds: Round[];
}

export interface DecodeBenchRow {
  sequences: number;
  tokensPerSequence: number;
  /** Generations of `tokensPerSequence` tokens run back to back per sequence in one round, so a round lasts long enough to time. */
  repeats: number;
  promptTokens: number;
  raw: DecodeSide;
  engine: DecodeSide;
  /** engine / raw tokens per second. */
  ratio: number;
  /** engine / raw tokens per CPU-second. */
  cpuRatio: number;
}

export const decodePrompt: ChatPrompt = {
  system: "You are Ann, a teacher who likes parks. Reply to the discussion in a few sentences.",
  user: "Bo posted: I think the old rail yard should become a park with trees and a playground. What do you think?",
};

const best = (rounds: Round[]): DecodeSide => ({
  seconds: Math.min(...rounds.map((round) => round.seconds)),
  tokensPerSecond: Math.max(...rounds.map((round) => round.tokensPerSecond)),
  tokensPerCpuSecond: Math.max(...rounds.map((round) => round.tokensPerCpuSecond)),
  rounds,
});

/** Times `work`, which returns how many tokens it produced. */
async function timed(work: () => Promise<number>): Promise<Round> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const tokens = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, tokensPerSecond: tokens / seconds, tokensPerCpuSecond: tokens / ((used.user + used.system) / 1e6) };
}

/**
 * The engine's decode (LlamaChatModel.generate: prompt, sampling, incremental detokenization,
 * stop strings, streamed text) against a bare loop over node-llama-cpp's `sequence.evaluate` on an
 * identical context of the same loaded model: same prompt tokens, same number of tokens,
 * greedy, `sequences` of them at once. Rounds alternate raw and engine so load on the machine
 * hits both alike. The engine re-evaluates its prompt (reuse "none") as the raw loop does.
 * A round repeats the generation until it lasts about `roundSeconds` (timed once on the raw side):
 * one sequence of 128 tokens on a tiny model lasts ~40 ms, where one scheduler hiccup would be a
 * quarter of it, while on an 8B model one generation already takes seconds.
 */
export async function benchDecode(engine: LlamaChatModel, tokens: number, rounds: number, roundSeconds = 1): Promise<DecodeBenchRow> {
  const shape = engine.contextShape;
  const model = engine.tokenizerModel;
  const prompt = new ChatTemplate(model).render(decodePrompt).tokens;
  const raw: LlamaContext = await model.createContext({
    contextSize: shape.contextSize,
    sequences: shape.sequences,
    batchSize: shape.batchSize,
    flashAttention: shape.flashAttention === "auto" ? undefined : shape.flashAttention,
    threads: shape.threads,
  });
  try {
    const sequences: LlamaContextSequence[] = Array.from({ length: shape.sequences }, () => raw.getSequence());
    const result = { raw: [] as Round[], engine: [] as Round[] };
    const once = await rawRound(sequences, prompt, tokens, 1);
    const repeats = Math.min(64, Math.max(1, Math.ceil(roundSeconds / once.seconds)));
    // A short warm-up of each, so neither pays for first-use allocations.
    await rawRound(sequences.slice(0, 1), prompt, 4, 1);
    await engineRound(engine, 1, 4, -1, 1);
    for (let round = 0; round < rounds; round++) {
      result.raw.push(await rawRound(sequences, prompt, tokens, repeats));
      result.engine.push(await engineRound(engine, shape.sequences, tokens, round, repeats));
    }
    const rawSide = best(result.raw);
    const engineSide = best(result.engine);
    return {
      sequences: shape.sequences,
      tokensPerSequence: tokens,
      repeats,
      promptTokens: prompt.length,
      raw: rawSide,
      engine: engineSide,
      ratio: engineSide.tokensPerSecond / rawSide.tokensPerSecond,
      cpuRatio: engineSide.tokensPerCpuSecond / rawSide.tokensPerCpuSecond,
    };
  } finally {
    await raw.dispose();
  }
}

async function rawRound(sequences: LlamaContextSequence[], prompt: readonly Token[], tokens: number, repeats: number): Promise<Round> {
  return timed(async () => {
    const counts = await Promise.all(
      sequences.map(async (sequence) => {
        let count = 0;
        for (let repeat = 0; repeat < repeats; repeat++) {
          // As the engine with reuse "none": the sequence is emptied and the prompt read again.
          await sequence.clearHistory();
          let generated = 0;
          for await (const _token of sequence.evaluate([...prompt], { temperature: 0, yieldEogToken: true })) if (++generated >= tokens) break;
          count += generated;
        }
        return count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  });
}

function engineRound(engine: LlamaChatModel, sequences: number, tokens: number, round: number, repeats: number): Promise<Round> {
  const streamed: string[] = [];
  return timed(async () => {
    const counts = await Promise.all(
      Array.from({ length: sequences }, async (_, i) => {
        let count = 0;
        for (let repeat = 0; repeat < repeats; repeat++) {
          const result = await engine.generate({
            sequenceKey: `decode-${round}:${i}`,
            prompt: decodePrompt,
            sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: tokens, stopStrings: [] },
            seed: 1,
            // What a discussion does with each piece of text: hand it on.
            onText: (text) => streamed.push(text),
          });
          count += result.generatedTokens;
        }
        return count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  });
}

export interface PromptBenchRow {
  tokens: number;
  tokensPerSecond: number;
}

/** Prompt evaluation alone: a long prompt evaluated into an empty sequence, best of `rounds`. */
export async function benchPromptEvaluation(engine: LlamaChatModel, text: string, rounds: number): Promise<PromptBenchRow> {
  const model = engine.tokenizerModel;
  const tokens = model.tokenize(text);
  const shape = engine.contextShape;
  const context = await model.createContext({
    contextSize: Math.max(shape.contextSize, tokens.length + 16),
    sequences: 1,
    batchSize: shape.batchSize,
    flashAttention: shape.flashAttention === "auto" ? undefined : shape.flashAttention,
    threads: shape.threads,
  });
  try {
    const sequence = context.getSequence();
    let best = 0;
    for (let round = 0; round < rounds; round++) {
      await sequence.clearHistory();
      const started = performance.now();
      await sequence.evaluateWithoutGeneratingNewTokens(tokens);
      best = Math.max(best, tokens.length / ((performance.now() - started) / 1000));
    }
    return { tokens: tokens.length, tokensPerSecond: best };
  } finally {
    await context.dispose();
  }
}
