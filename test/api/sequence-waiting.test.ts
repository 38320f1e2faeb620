/**
 * Issue 11 item 3: more discussions than the context has sequences must wait for a free one,
 * never fail with "every sequence of the context is busy".
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import type { StudioEvent } from "../../shared/contract.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testActor, testDesign } from "../support/designs.js";
import { startHarness, type Harness } from "./studio-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => harness.close());

/** Every event until each of `ids()` has ended or failed. */
function untilAllFinished(ids: () => readonly string[]): { events: StudioEvent[]; done: Promise<void> } {
  const events: StudioEvent[] = [];
  const finished = new Set<string>();
  const done = new Promise<void>((resolve) => {
    const off = harness.studio.events.subscribe((event) => {
      events.push(event);
      if ((event.name === "discussion.end" || event.name === "discussion.error") && "discussionId" in event.payload) finished.add(event.payload.discussionId);
      const wanted = ids();
      if (wanted.length > 0 && wanted.every((id) => finished.has(id))) {
        off();
        resolve();
      }
    });
  });
  return { events, done };
}

function outcome(events: StudioEvent[], id: string): string {
  for (const event of events) {
    if (!("discussionId" in event.payload) || event.payload.discussionId !== id) continue;
    if (event.name === "discussion.end") return event.payload.reason;
    if (event.name === "discussion.error") return `failed: ${event.payload.message}`;
  }
  return "unfinished";
}

it("8 discussions started at once on a 4-sequence model all complete; the ones beyond 4 wait for a slot", async () => {
  const modelPath = await ensureTinyModel();
  const client = harness.client("in-process");
  await client.call("models.load", { path: modelPath, sequences: 4 });
  const ids: string[] = [];
  const run = untilAllFinished(() => (ids.length === 8 ? ids : []));
  const design = testDesign(modelPath, { turns: 2, moderator: null, sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 8, stopStrings: [] } });
  const started = await Promise.all(Array.from({ length: 8 }, () => client.call("discussion.start", { design })));
  ids.push(...started.map((result) => result.discussionId));
  await run.done;

  expect(ids.map((id) => outcome(run.events, id))).toEqual(Array(8).fill("completed"));
  // Each discussion logged the seed comment and both turns.
  for (const id of ids) {
    const opened = await client.call("library.open", { id });
    expect(opened.log.comments).toHaveLength(3);
  }
  // At least 4 had to wait (8 first turns at once, 4 sequences), and said so.
  const waited = new Set(run.events.flatMap((event) => (event.name === "discussion.waiting" && event.payload.waiting ? [event.payload.discussionId] : [])));
  expect(waited.size).toBeGreaterThanOrEqual(4);
});

it("without a preloaded model, a discussion started while the first one loads it (and sizes its context) completes", async () => {
  const modelPath = await ensureTinyModel();
  const client = harness.client("in-process");
  const sampling = { temperature: 0, topP: 1, seed: 7, maxTokens: 8, stopStrings: [] };
  // One actor: if the first design sized the context, it would have a single sequence.
  const solo = testDesign(modelPath, { participants: [testActor("Ann")], moderator: null, turns: 3, sampling });
  const group = testDesign(modelPath, { turns: 3, sampling });
  const ids: string[] = [];
  const run = untilAllFinished(() => (ids.length === 3 ? ids : []));
  const started = await Promise.all([
    client.call("discussion.start", { design: solo }),
    client.call("discussion.start", { design: group }),
    client.call("discussion.start", { design: solo }),
  ]);
  ids.push(...started.map((result) => result.discussionId));
  await run.done;
  expect(ids.map((id) => outcome(run.events, id))).toEqual(["completed", "completed", "completed"]);
});
