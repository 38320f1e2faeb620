import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscussionEvent } from "../../shared/domain/index.js";
import { Discussion } from "../../electron/engine/discussion.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";

async function collect(discussion: Discussion): Promise<DiscussionEvent[]> {
  const events: DiscussionEvent[] = [];
  for await (const event of discussion.events()) events.push(event);
  return events;
}

function comments(events: DiscussionEvent[]) {
  return events.flatMap((event) => (event.type === "comment" ? [event] : []));
}

describe("a discussion on the real llama.cpp engine (tiny generated model)", () => {
  let modelPath: string;
  let exact: LlamaChatModel;
  let scratch: LlamaChatModel;
  const inspections: { key: string; matches: boolean; prompt: readonly number[]; promptLength: number; heldLength: number }[] = [];

  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    exact = await LlamaChatModel.load(modelPath, {
      contextSize: 2048,
      sequences: 4,
      threads: 1,
      inspectPrompt: ({ sequenceKey, prompt, held }) =>
        inspections.push({
          key: sequenceKey,
          prompt: [...prompt],
          promptLength: prompt.length,
          heldLength: held.length,
          matches: held.length === prompt.length && held.every((token, i) => token === prompt[i]),
        }),
    });
    scratch = await LlamaChatModel.load(modelPath, { contextSize: 2048, sequences: 1, threads: 1, reuse: "none" });
  });
  afterAll(async () => {
    await exact?.dispose();
    await scratch?.dispose();
  });

  it("20 moderated turns: each speaker's sequence holds exactly its prompt, and greedy text equals from-scratch evaluation", async () => {
    const design = testDesign(modelPath, { turns: 20, turnManager: { kind: "random-weighted", pRespond: 0.5 } });
    inspections.length = 0;
    const reused = await collect(new Discussion(design, { modelFor: () => exact }));
    const fresh = await collect(new Discussion(design, { modelFor: () => scratch }));

    const reusedComments = comments(reused);
    expect(reused.at(-1)).toMatchObject({ type: "end", reason: "completed" });
    // 1 seed + 20 user comments + 20 moderator answers, unless a reply came out empty.
    expect(reusedComments.length).toBeGreaterThan(30);
    expect(inspections.length).toBe(reusedComments.length - 1 + reused.filter((e) => e.type === "silent-turn").length);
    expect(inspections.every((inspection) => inspection.matches)).toBe(true);
    expect(reusedComments.map((e) => [e.comment.name, e.comment.text])).toEqual(comments(fresh).map((e) => [e.comment.name, e.comment.text]));

    const generated = reusedComments.flatMap((event) => (event.stats ? [event.stats] : []));
    // Reuse evaluated exactly the tokens beyond the common prefix, and less than from scratch.
    for (const stats of generated) expect(stats.evaluatedPromptTokens).toBe(Math.max(1, stats.minimumPromptTokens));
    const freshStats = comments(fresh).flatMap((event) => (event.stats ? [event.stats] : []));
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(generated.map((s) => s.evaluatedPromptTokens))).toBeLessThan(sum(freshStats.map((s) => s.evaluatedPromptTokens)));
    expect(sum(freshStats.map((s) => s.evaluatedPromptTokens))).toBe(sum(freshStats.map((s) => s.promptTokens)));
  });

  it("native chat: each actor's prompt only grows between restarts, and a grown prompt evaluates only what it added", async () => {
    const design = testDesign(modelPath, { turns: 12, promptStyle: "native-chat", turnManager: { kind: "random-weighted", pRespond: 0.5 } });
    inspections.length = 0;
    const events = await collect(new Discussion(design, { modelFor: () => exact }));
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed" });
    const stats = events.flatMap((event) => (event.type === "comment" && event.stats ? [event.stats] : event.type === "silent-turn" ? [event.stats] : []));
    expect(inspections).toHaveLength(stats.length);
    // The sequence always holds exactly the prompt: never a gap, never a shifted context.
    expect(inspections.every((inspection) => inspection.matches)).toBe(true);

    const previous = new Map<string, readonly number[]>();
    let grown = 0;
    inspections.forEach((inspection, i) => {
      const before = previous.get(inspection.key);
      previous.set(inspection.key, inspection.prompt);
      if (!before || !before.every((token, at) => inspection.prompt[at] === token)) return;
      grown++;
      // The last prompt is a prefix of this one: at most the tokens added since are read.
      expect(stats[i]?.evaluatedPromptTokens).toBeLessThanOrEqual(inspection.promptLength - before.length);
    });
    // The moderator answers every user comment: its chat grows at least once between restarts.
    expect(grown).toBeGreaterThan(0);
  });

  it("streams tokens that add up to each comment, seed comments first, the moderator after each user comment", async () => {
    const design = testDesign(modelPath, { turns: 3 });
    const events = await collect(new Discussion(design, { modelFor: () => exact }));
    const logged = comments(events);
    expect(logged[0]?.comment).toMatchObject({ name: "Ann", model: "hardcoded", role: "seed", turn: -1 });
    const roles = logged.slice(1).map((event) => event.comment.role);
    expect(roles).toEqual(["user", "moderator", "user", "moderator", "user", "moderator"]);
    expect(logged.slice(1).map((event) => event.comment.name)).toEqual(["Ann", "Mod", "Bo", "Mod", "Cy", "Mod"]);
    for (const comment of logged.slice(1)) {
      const streamed = events
        .filter((e): e is Extract<DiscussionEvent, { type: "token" }> => e.type === "token" && e.speaker === comment.comment.name && e.turn === comment.comment.turn)
        .map((e) => e.text)
        .join("");
      expect(streamed.trim()).toBe(comment.comment.text);
      expect(comment.stats?.generatedTokens).toBeLessThanOrEqual(12);
    }
  });

  it("tells when the prompt is read: progress per batch for a long prompt, the same reply as reading it in one go, prompt and generation timed apart", async () => {
    const long = "The council met again to talk about the opening hours of the park and the lights. ".repeat(40);
    const request = {
      prompt: { system: long, user: "What do you think?" },
      sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: 16, stopStrings: [] },
      seed: 1,
    };
    const progress: { tokens: number; evaluated: number }[] = [];
    const texts: string[] = [];
    const withProgress = await exact.generate({
      ...request,
      sequenceKey: "progress:Ann",
      onPromptProgress: (step) => progress.push(step),
      onText: (text) => texts.push(`${progress.length}:${text}`),
    });
    const inOneGo = await scratch.generate({ ...request, sequenceKey: "one-go:Ann" });
    await exact.releaseSequences(["progress:Ann"]);

    const tokens = withProgress.evaluatedPromptTokens;
    expect(tokens).toBeGreaterThan(exact.batchSize);
    // 0, then one step per full batch, then all of them when the first reply token exists.
    const batches = Math.ceil(tokens / exact.batchSize) - 1;
    expect(progress).toEqual([0, ...Array.from({ length: batches }, (_, i) => (i + 1) * exact.batchSize), tokens].map((evaluated) => ({ tokens, evaluated })));
    // No reply text before the prompt was read.
    expect(texts.every((text) => text.startsWith(`${progress.length}:`))).toBe(true);
    expect(withProgress.text).toBe(inOneGo.text);

    for (const stats of [withProgress, inOneGo]) {
      expect(stats.generatedTokens).toBeGreaterThan(1);
      expect(stats.promptSeconds).toBeGreaterThan(0);
      expect(stats.generationSeconds).toBeGreaterThan(0);
      expect(stats.promptSeconds! + stats.generationSeconds!).toBeLessThanOrEqual(stats.seconds);
    }
  });

  it("a discussion says each turn's prompt reading before its text", async () => {
    const events = await collect(new Discussion(testDesign(modelPath, { turns: 2 }), { modelFor: () => exact }));
    for (const comment of comments(events).slice(1)) {
      const ofTurn = events.filter((e) => "speaker" in e && e.speaker === comment.comment.name && "turn" in e && e.turn === comment.comment.turn && (e.type === "prompt" || e.type === "token"));
      const reading = ofTurn.filter((e) => e.type === "prompt");
      expect(reading.at(0)).toMatchObject({ evaluated: 0, tokens: comment.stats!.evaluatedPromptTokens });
      expect(reading.at(-1)).toMatchObject({ evaluated: comment.stats!.evaluatedPromptTokens });
      expect(ofTurn.findIndex((e) => e.type === "token")).toBeGreaterThan(ofTurn.lastIndexOf(reading.at(-1)!));
    }
  });

  it("stops mid-comment on abort and keeps what was written", async () => {
    const design = testDesign(modelPath, { turns: 5, sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 400, stopStrings: [] } });
    const discussion = new Discussion(design, { modelFor: () => exact });
    const events: DiscussionEvent[] = [];
    let tokens = 0;
    for await (const event of discussion.events()) {
      events.push(event);
      if (event.type === "token" && ++tokens === 5) discussion.stop();
    }
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "stopped" });
    const partial = comments(events).at(-1);
    expect(partial?.stats?.stopReason).toBe("aborted");
    expect(partial?.comment.text.length).toBeGreaterThan(0);
  });

  it("a prompt that cannot fit the context with its reply cap is a clear error before the turn runs", async () => {
    const small = await LlamaChatModel.load(modelPath, { contextSize: 256, sequences: 1, threads: 1 });
    try {
      const events = await collect(new Discussion(testDesign(modelPath, { turns: 1 }), { modelFor: () => small }));
      const error = events.find((event) => event.type === "error");
      expect(error && "message" in error ? error.message : "").toMatch(/prompt for Ann is \d+ tokens and with the reply cap of 12 it does not fit the context of 256/);
    } finally {
      await small.dispose();
    }
  });
});
