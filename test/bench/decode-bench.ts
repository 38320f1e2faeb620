import type { LlamaContext, LlamaContextSequence, Token } from "node-llama-cpp";
import type { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ChatTemplate } from "../../electron/llm/chat-template.js";
import type { ChatPrompt } from "../../electron/llm/types.js";

interface Round {
  /**
   * Decode: tokens generated after each sequence's first, over the time from the first sequence's
   * first token to the last sequence's last (llama-bench's "tg": what the per-token path costs).
   */
  tokensPerSecond: number;
  /** Every generated token over the whole call, prompt reading (and the engine's rendering of it) included. */
  withPromptTokensPerSecond: number;
  /** Tokens per second of the process's CPU time over the whole call (every thread): what load from other programs distorts least. */
  tokensPerCpuSecond: number;
  seconds: number;
}

export interface Sample {
  tokens: number;
  seconds: number;
  cpuSeconds: number;
  /** Tokens after each sequence's first, and the time from the first first token to the last token. */
  decodeTokens: number;
  decodeSeconds: number;
}

export interface DecodeSide extends Round {
  /** Each round's figures; the side's figures above are over all rounds together. */
  rounds: Round[];
}

export interface DecodeBenchRow {
  sequences: number;
  tokensPerSequence: number;
  /** Raw/engine pairs of generations (`tokensPerSequence` tokens on every sequence) in one round. */
  repeats: number;
  promptTokens: number;
  raw: DecodeSide;
  engine: DecodeSide;
  /** engine / raw decode tokens per second. */
  ratio: number;
  /**
   * The median over pairs (a raw generation and the engine's next to it in time) of engine / raw
   * decode tokens per second: a burst of load from other programs falls on one generation of a
   * pair, and moves the median far less than the sums.
   */
  pairMedianRatio: number;
  /** engine / raw tokens per second over whole calls, prompt included. */
  withPromptRatio: number;
  /** engine / raw tokens per CPU-second. */
  cpuRatio: number;
}

export const decodePrompt: ChatPrompt = {
  system: "You are Ann, a teacher who likes parks. Reply to the discussion in a few sentences.",
  user: "Bo posted: I think the old rail yard should become a park with trees and a playground. What do you think?",
};

function summed(samples: readonly Sample[]): Round {
  const sum = (pick: (sample: Sample) => number) => samples.reduce((total, sample) => total + pick(sample), 0);
  const tokens = sum((sample) => sample.tokens);
  const seconds = sum((sample) => sample.seconds);
  return {
    seconds,
    tokensPerSecond: sum((sample) => sample.decodeTokens) / sum((sample) => sample.decodeSeconds),
    withPromptTokensPerSecond: tokens / seconds,
    tokensPerCpuSecond: tokens / sum((sample) => sample.cpuSeconds),
  };
}

const decodeRate = (sample: Sample) => sample.decodeTokens / sample.decodeSeconds;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** When one sequence's reply had its first and its last token, and how many tokens it had. */
export interface Span {
  tokens: number;
  firstAt: number;
  endAt: number;
}

/** Times `work`, which returns each sequence's span. */
async function timed(work: () => Promise<Span[]>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const spans = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return sampleOf(spans, seconds, (used.user + used.system) / 1e6);
}

/** One generation's figures from its sequences' spans (times in ms) and the whole call's wall and CPU seconds. */
export function sampleOf(spans: readonly Span[], seconds: number, cpuSeconds: number): Sample {
  const firstAt = Math.min(...spans.map((span) => span.firstAt));
  const endAt = Math.max(...spans.map((span) => span.endAt));
  return {
    tokens: spans.reduce((sum, span) => sum + span.tokens, 0),
    seconds,
    cpuSeconds,
    decodeTokens: spans.reduce((sum, span) => sum + Math.max(0, span.tokens - 1), 0),
    decodeSeconds: (endAt - firstAt) / 1000,
  };
}

/**
 * The engine's decode (LlamaChatModel.generate: prompt, sampling, incremental detokenization,
 * stop strings, streamed text) against a bare loop over node-llama-cpp's `sequence.evaluate` on an
 * identical context of the same loaded model: same prompt tokens, same number of tokens,
 * greedy, `sequences` of them at once. Decode tokens per second count what each sequence
 * generated after its first token, over the time from the first sequence's first token to the
 * last sequence's last (the engine reports its reply's first-to-last-token time, as every comment
 * does); whole calls, prompt reading and the engine's rendering of the prompt included, are
 * reported beside (`withPromptTokensPerSecond`). The engine re-evaluates its prompt (reuse "none") as the
 * raw loop does. The two sides take turns generation by generation, in alternating order, and
 * each side's figures are its tokens over its own time summed over every turn: load from other
 * programs falls on both alike (best-of rounds of whole sides, on a shared machine, measured
 * the scheduler more than the engine). A round holds enough pairs to last about
 * `roundSeconds` (timed once on the raw side): one sequence of 128 tokens on a tiny model lasts
 * ~40 ms, while on an 8B model one generation already takes seconds.
 */
export async function benchDecode(engine: LlamaChatModel, tokens: number, rounds: number, roundSeconds = 2): Promise<DecodeBenchRow> {
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
    // A short warm-up of each, so neither pays for first-use allocations.
    await rawOnce(sequences.slice(0, 1), prompt, 4);
    await engineOnce(engine, 1, 4, "warm-up");
    const once = await rawOnce(sequences, prompt, tokens);
    const repeats = Math.min(64, Math.max(1, Math.ceil(roundSeconds / 2 / once.seconds)));
    const result = { raw: [] as Round[], engine: [] as Round[] };
    const all = { raw: [] as Sample[], engine: [] as Sample[] };
    for (let round = 0; round < rounds; round++) {
      const samples = { raw: [] as Sample[], engine: [] as Sample[] };
      for (let pair = 0; pair < repeats; pair++) {
        const rawFirst = (round * repeats + pair) % 2 === 0;
        if (rawFirst) samples.raw.push(await rawOnce(sequences, prompt, tokens));
        samples.engine.push(await engineOnce(engine, shape.sequences, tokens, `${round}`));
        if (!rawFirst) samples.raw.push(await rawOnce(sequences, prompt, tokens));
      }
      result.raw.push(summed(samples.raw));
      result.engine.push(summed(samples.engine));
      all.raw.push(...samples.raw);
      all.engine.push(...samples.engine);
    }
    const rawSide = { ...summed(all.raw), rounds: result.raw };
    const engineSide = { ...summed(all.engine), rounds: result.engine };
    return {
      sequences: shape.sequences,
      tokensPerSequence: tokens,
      repeats,
      promptTokens: prompt.length,
      raw: rawSide,
      engine: engineSide,
      ratio: engineSide.tokensPerSecond / rawSide.tokensPerSecond,
      pairMedianRatio: median(all.engine.map((sample, i) => decodeRate(sample) / decodeRate(all.raw[i]!))),
      withPromptRatio: engineSide.withPromptTokensPerSecond / rawSide.withPromptTokensPerSecond,
      cpuRatio: engineSide.tokensPerCpuSecond / rawSide.tokensPerCpuSecond,
    };
  } finally {
    await raw.dispose();
  }
}

/** One generation of `tokens` tokens on every sequence at once, each from an emptied sequence. */
async function rawOnce(sequences: LlamaContextSequence[], prompt: readonly Token[], tokens: number): Promise<Sample> {
  return timed(() =>
    Promise.all(
      sequences.map(async (sequence): Promise<Span> => {
        // As the engine with reuse "none": the sequence is emptied and the prompt read again.
        await sequence.clearHistory();
        let count = 0;
        let firstAt = 0;
        for await (const _token of sequence.evaluate([...prompt], { temperature: 0, yieldEogToken: true })) {
          if (count === 0) firstAt = performance.now();
          if (++count >= tokens) break;
        }
        return { tokens: count, firstAt, endAt: performance.now() };
      }),
    ),
  );
}

function engineOnce(engine: LlamaChatModel, sequences: number, tokens: number, round: string): Promise<Sample> {
  const streamed: string[] = [];
  return timed(() =>
    Promise.all(
      Array.from({ length: sequences }, async (_, i): Promise<Span> => {
        const result = await engine.generate({
          sequenceKey: `decode-${round}:${i}`,
          prompt: decodePrompt,
          sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: tokens, stopStrings: [] },
          seed: 1,
          // What a discussion does with each piece of text: hand it on.
          onText: (text) => streamed.push(text),
        });
        const endAt = performance.now();
        // The engine times its reply from the first token to the last (what a comment's tok/s shows).
        return { tokens: result.generatedTokens, firstAt: endAt - (result.generationSeconds ?? 0) * 1000, endAt };
      }),
    ),
  );
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
