import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscussionEvent } from "../../shared/domain/index.js";
import { Discussion } from "../../electron/engine/discussion.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testActor, testDesign } from "../support/designs.js";

describe("discussion control and semantics on the tiny model", () => {
  let modelPath: string;
  let model: LlamaChatModel;
  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    model = await LlamaChatModel.load(modelPath, { contextSize: 2048, sequences: 4, threads: 1 });
  });
  afterAll(async () => model?.dispose());

  it("starts paused, runs exactly one turn per step, then resumes to the end", async () => {
    const discussion = new Discussion(testDesign(modelPath, { turns: 3, moderator: null }), { modelFor: () => model, startPaused: true });
    const iterator = discussion.events()[Symbol.asyncIterator]();
    const seed = await iterator.next();
    expect(seed.value).toMatchObject({ type: "comment", comment: { role: "seed" } });
    const idle = await Promise.race([iterator.next(), new Promise((resolve) => setTimeout(() => resolve("idle"), 300))]);
    expect(idle).toBe("idle");
    discussion.step();
    const stepped: DiscussionEvent[] = [];
    // The pending next() resolved by the step is the turn-start.
    for (;;) {
      const result = await iterator.next();
      stepped.push(result.value as DiscussionEvent);
      if ((result.value as DiscussionEvent).type === "comment") break;
    }
    expect(stepped.filter((event) => event.type === "comment")).toHaveLength(1);
    expect(discussion.isPaused).toBe(true);
    discussion.resume();
    const rest: DiscussionEvent[] = [];
    for (let result = await iterator.next(); !result.done; result = await iterator.next()) rest.push(result.value);
    expect(rest.filter((event) => event.type === "comment")).toHaveLength(2);
    expect(rest.at(-1)).toMatchObject({ type: "end", reason: "completed" });
  });

  it("a human participant's turn waits for their comment, which enters the history", async () => {
    const human = { ...testActor("You"), role: "human" as const };
    const design = testDesign(modelPath, { turns: 2, moderator: null, participants: [human, testActor("Bo")], seedComments: [] });
    const discussion = new Discussion(design, { modelFor: () => model });
    const events: DiscussionEvent[] = [];
    for await (const event of discussion.events()) {
      events.push(event);
      if (event.type === "turn-start" && event.role === "human") {
        expect(discussion.awaitingHuman).toBe("You");
        setTimeout(() => discussion.submitHumanComment("  I think the park is fine.  "), 20);
      }
    }
    const logged = events.flatMap((event) => (event.type === "comment" ? [event.comment] : []));
    expect(logged[0]).toMatchObject({ name: "You", text: "I think the park is fine.", model: "human", role: "human" });
    expect(logged[1]?.name).toBe("Bo");
  });

  it("an empty reply is not logged and the moderator does not answer it; the turn is still used", async () => {
    // Stop strings covering every printable character cut Bo's replies at their first character.
    const everyCharacter = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const silentBo = { ...testActor("Bo"), sampling: { stopStrings: everyCharacter } };
    const design = testDesign(modelPath, { turns: 4, participants: [testActor("Ann"), silentBo], seedComments: [] });
    const events: DiscussionEvent[] = [];
    for await (const event of new Discussion(design, { modelFor: () => model }).events()) events.push(event);
    const logged = events.flatMap((event) => (event.type === "comment" ? [event.comment.name] : []));
    expect(logged).toEqual(["Ann", "Mod", "Ann", "Mod"]);
    expect(events.filter((event) => event.type === "silent-turn").map((event) => "speaker" in event && event.speaker)).toEqual(["Bo", "Bo"]);
  });

  it("max tokens caps every reply", async () => {
    const design = testDesign(modelPath, { turns: 2, moderator: null, sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: 5, stopStrings: [] } });
    const events: DiscussionEvent[] = [];
    for await (const event of new Discussion(design, { modelFor: () => model }).events()) events.push(event);
    const stats = events.flatMap((event) => (event.type === "comment" && event.stats ? [event.stats] : []));
    expect(stats.map((s) => [s.generatedTokens, s.stopReason])).toEqual([[5, "max-tokens"], [5, "max-tokens"]]);
  });
});
