/** A web client whose socket drops mid-discussion reconnects, resubscribes, and ends with every comment once. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";
import { startHarness, type Harness } from "./studio-harness.js";
import type { ConnectionState } from "../../renderer/client/transport.js";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

it("resubscribes after a dropped socket without losing or repeating comments", async () => {
  const modelPath = await ensureTinyModel();
  let networkUp = true;
  const client = harness.client("websocket", { reconnectDelayMs: () => 20, gate: () => networkUp });
  const { discussionId } = await client.call("discussion.start", { design: testDesign(modelPath, { turns: 4 }), startPaused: true });
  const watch = client.watchDiscussion(discussionId);
  await watch.ready;
  expect(watch.view.status).toBe("paused");
  // The seed comment is logged before the first (paused) turn.
  if (watch.view.comments.length === 0) await new Promise<void>((resolve) => watch.onChange((view) => view.comments.length > 0 && resolve()));

  const states: ConnectionState[] = [];
  client.onConnection((state) => states.push(state));
  const reopened = new Promise<void>((resolve) => client.onConnection((state) => state === "open" && resolve()));
  // The network goes down; meanwhile the discussion runs to its end on the server.
  networkUp = false;
  harness.sockets.at(-1)?.close();
  const ended = new Promise<void>((resolve) =>
    harness.studio.events.subscribe((event) => event.name === "discussion.end" && event.payload.discussionId === discussionId && resolve()),
  );
  await harness.studio.router.invoke("discussion.resume", { discussionId });
  await ended;
  expect(watch.view.comments).toHaveLength(1);
  networkUp = true;
  await reopened;
  const synced = new Promise<void>((resolve) => watch.onChange((view) => view.status === "completed" && resolve()));
  await synced;

  expect(states[0]).toBe("reconnecting");
  const opened = await client.call("library.open", { id: discussionId });
  expect(watch.view.comments.map((entry) => entry.comment.text)).toEqual(opened.log.comments.map((comment) => comment.text));
  expect(watch.view.comments.map((entry) => entry.index)).toEqual(opened.log.comments.map((_, index) => index));
  watch.stop();
});

it("a watch that joins mid-turn shows the turn's text so far and then follows it", async () => {
  const modelPath = await ensureTinyModel();
  const client = harness.client("websocket");
  const { discussionId } = await client.call("discussion.start", { design: testDesign(modelPath, { turns: 3, moderator: null }) });
  const watch = client.watchDiscussion(discussionId);
  await new Promise<void>((resolve) => watch.onChange((view) => view.status === "completed" && resolve()));
  const opened = await client.call("library.open", { id: discussionId });
  expect(watch.view.comments.map((entry) => entry.comment.text)).toEqual(opened.log.comments.map((comment) => comment.text));
  watch.stop();
});
