import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscussionEvent, SpeakerChoice } from "../../shared/domain/index.js";
import { turnManagerSpecSchema } from "../../shared/domain/turn-manager.js";
import { SeededRandom } from "../../shared/random.js";
import { Discussion } from "../../electron/engine/discussion.js";
import { createSpeakerSelector, selectorSequenceKey } from "../../electron/engine/speaker-selection.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";

const names = ["Ann", "Bo", "Cy", "Dee"];
const signal = new AbortController().signal;

async function collect(discussion: Discussion, onEvent: (event: DiscussionEvent) => void = () => undefined): Promise<DiscussionEvent[]> {
  const events: DiscussionEvent[] = [];
  for await (const event of discussion.events()) {
    events.push(event);
    onEvent(event);
  }
  return events;
}

describe("LLM-selected turn manager on the tiny model (random weights)", () => {
  let model: LlamaChatModel;
  let modelPath: string;
  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    model = await LlamaChatModel.load(modelPath, { contextSize: 2048, sequences: 4, threads: 1 });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it("260 sampled choices: always a participant, never the last speaker; with repeats allowed, repeats happen", async () => {
    const pick = async (allowRepeat: boolean, count: number) => {
      const spec = turnManagerSpecSchema.parse({ kind: "llm-selected", temperature: 1.5, allowRepeat, window: 2 });
      const selector = createSpeakerSelector(spec, { names, seed: 3, discussionId: `stats-${allowRepeat}`, model });
      const history = [{ name: "Ann", text: "Bo, what do you think?" }];
      const choices: SpeakerChoice[] = [];
      for (let turn = 0; turn < count; turn++) choices.push(await selector.choose({ turn, history, signal }));
      await model.releaseSequences([selectorSequenceKey(`stats-${allowRepeat}`)]);
      return choices;
    };
    const strict = await pick(false, 200);
    expect(strict.every((choice) => names.includes(choice.speaker) && choice.by === "llm")).toBe(true);
    for (let i = 1; i < strict.length; i++) expect(strict[i]?.speaker).not.toBe(strict[i - 1]?.speaker);
    // Hot sampling from random weights spreads over the names the grammar allows.
    expect(new Set(strict.map((choice) => choice.speaker)).size).toBe(4);
    const loose = await pick(true, 60);
    expect(loose.some((choice, i) => i > 0 && choice.speaker === loose[i - 1]?.speaker)).toBe(true);
  });

  it("a discussion records each choice with its exact prompt, seed and answer, and running it again chooses the same", async () => {
    const design = testDesign(modelPath, { turns: 5, turnManager: { kind: "llm-selected", window: 3 } });
    const first = new Discussion(design, { modelFor: () => model });
    const events = await collect(first);
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "completed" });
    expect(first.speakerChoices).toHaveLength(5);
    const choice = first.speakerChoices[1]!;
    expect(choice).toMatchObject({ turn: 1, by: "llm" });
    expect(choice.prompt?.system).toContain("between Ann, Bo, Cy");
    expect(choice.prompt?.user).toMatch(/^Latest comments:\nUser Ann posted:\nThe park should open later\./);
    expect(JSON.parse(choice.reply ?? "")).toEqual({ next_speaker: choice.speaker });
    // The choice event comes before the turn it chose.
    const chosenAt = events.findIndex((event) => event.type === "speaker-chosen" && event.turn === 1);
    expect(events[chosenAt + 1]).toMatchObject({ type: "turn-start", turn: 1, speaker: choice.speaker });
    const again = new Discussion(design, { modelFor: () => model });
    await collect(again);
    expect(again.speakers).toEqual(first.speakers);
  });
});

describe("manual turn manager", () => {
  it("a person's pick is taken; without one the fallback picks, carrying on from whoever spoke (10,000 turns)", async () => {
    const spec = turnManagerSpecSchema.parse({ kind: "manual", timeoutSeconds: 5, fallback: { kind: "talkativeness", weights: { Ann: 1, Bo: 1, Cy: 2, Dee: 4 } } });
    const random = new SeededRandom(9);
    const selector = createSpeakerSelector(spec, {
      names,
      seed: 4,
      discussionId: "manual",
      // Half the turns the person picks Dee; the other half they let the time run out.
      askPerson: async () => (random.next() < 0.5 ? "Dee" : null),
    });
    const choices: SpeakerChoice[] = [];
    for (let turn = 0; turn < 10_000; turn++) choices.push(await selector.choose({ turn, history: [], signal }));
    const byPerson = choices.filter((choice) => choice.by === "person");
    expect(byPerson.length / choices.length).toBeCloseTo(0.5, 1);
    expect(byPerson.every((choice) => choice.speaker === "Dee")).toBe(true);
    // The fallback knows Dee spoke last: after a pick of Dee it draws Ann 1/4, Bo 1/4, Cy 2/4.
    const afterDee = choices.filter((choice, i) => i > 0 && choice.by === "fallback" && choices[i - 1]?.speaker === "Dee").map((choice) => choice.speaker);
    expect(afterDee).not.toContain("Dee");
    const cy = afterDee.filter((name) => name === "Cy").length / afterDee.length;
    expect(cy).toBeGreaterThan(0.5 - 0.03);
    expect(cy).toBeLessThan(0.5 + 0.03);
  });

  it("nobody watching (the command line, experiments): every turn falls back; a replay repeats the recorded picks without asking", async () => {
    const spec = turnManagerSpecSchema.parse({ kind: "manual", fallback: { kind: "random-weighted", pRespond: 0.5 } });
    const alone = createSpeakerSelector(spec, { names, seed: 1, discussionId: "d" });
    const fallbacks = await Promise.all([0, 1, 2].map((turn) => alone.choose({ turn, history: [], signal })));
    expect(fallbacks.map((choice) => choice.by)).toEqual(["fallback", "fallback", "fallback"]);

    const recorded: SpeakerChoice[] = [
      { turn: 0, speaker: "Cy", by: "person" },
      { turn: 1, speaker: "Ann", by: "fallback" },
    ];
    let asked = 0;
    const replay = createSpeakerSelector(spec, { names, seed: 1, discussionId: "r", replay: recorded, askPerson: async () => (asked++, "Bo") });
    const replayed = [await replay.choose({ turn: 0, history: [], signal }), await replay.choose({ turn: 1, history: [], signal })];
    expect(replayed.map((choice) => [choice.speaker, choice.by])).toEqual([["Cy", "person"], ["Ann", "fallback"]]);
    expect(asked).toBe(0);
  });

  it("in a discussion: the question carries the candidates and a deadline, the pick is recorded, a timeout falls back", async () => {
    const modelPath = await ensureTinyModel();
    const model = await LlamaChatModel.load(modelPath, { contextSize: 1024, sequences: 4, threads: 1 });
    try {
      const design = testDesign(modelPath, { turns: 2, moderator: null, turnManager: { kind: "manual", timeoutSeconds: 0.3, fallback: { kind: "round-robin" } } });
      const discussion = new Discussion(design, { modelFor: () => model });
      let questions = 0;
      const events = await collect(discussion, (event) => {
        if (event.type !== "speaker-question") return;
        questions++;
        expect(event.candidates).toEqual(["Ann", "Bo", "Cy"]);
        expect(Date.parse(event.deadline ?? "")).toBeGreaterThan(Date.now() - 1000);
        expect(discussion.awaitingSpeaker?.turn).toBe(event.turn);
        // Turn 0: the person picks Cy. Turn 1: nobody answers, round robin goes on after Cy.
        if (event.turn === 0) expect(discussion.chooseSpeaker("Zed")).toBe(false);
        if (event.turn === 0) expect(discussion.chooseSpeaker("Cy")).toBe(true);
      });
      expect(questions).toBe(2);
      expect(discussion.speakerChoices.map((choice) => [choice.speaker, choice.by])).toEqual([["Cy", "person"], ["Ann", "fallback"]]);
      expect(events.filter((event) => event.type === "speaker-chosen")).toHaveLength(2);
      expect(discussion.awaitingSpeaker).toBeNull();
    } finally {
      await model.dispose();
    }
  });
});
