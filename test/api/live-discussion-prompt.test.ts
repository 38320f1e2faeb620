/** A client that subscribes while a reply is reading its prompt sees how far it got. */
import { expect, it } from "vitest";
import { LiveDiscussion } from "../../electron/api/live-discussion.js";

it("a late subscriber's snapshot has the prompt being read; the event says the same", () => {
  const live = new LiveDiscussion("d", "design", false, 3);
  live.apply({ type: "turn-start", discussionId: "d", turn: 0, speaker: "Ann", role: "user" });
  expect(live.snapshot(0).currentTurn?.prompt).toBeNull();
  const event = live.apply({ type: "prompt", discussionId: "d", turn: 0, speaker: "Ann", tokens: 900, evaluated: 512 });
  expect(event).toEqual({ name: "discussion.prompt", payload: { discussionId: "d", seq: 2, turn: 0, speaker: "Ann", tokens: 900, evaluated: 512 } });
  const snapshot = live.snapshot(0);
  expect(snapshot.currentTurn).toEqual({ turn: 0, speaker: "Ann", role: "user", text: "", prompt: { tokens: 900, evaluated: 512 } });
  // The snapshot is a copy: later progress does not change what was sent.
  live.apply({ type: "prompt", discussionId: "d", turn: 0, speaker: "Ann", tokens: 900, evaluated: 900 });
  expect(snapshot.currentTurn?.prompt?.evaluated).toBe(512);
  expect(live.snapshot(0).currentTurn?.prompt?.evaluated).toBe(900);
});

it("a reply that starts over (its server failed mid-reply) voids the text so far, for the event and a late subscriber", () => {
  const live = new LiveDiscussion("d", "design", false, 3);
  live.apply({ type: "turn-start", discussionId: "d", turn: 0, speaker: "Ann", role: "user" });
  live.apply({ type: "token", discussionId: "d", turn: 0, speaker: "Ann", text: "Half a rep" });
  const event = live.apply({ type: "restart", discussionId: "d", turn: 0, speaker: "Ann", message: "the reply started over: b failed" });
  expect(event).toEqual({ name: "discussion.restart", payload: { discussionId: "d", seq: 3, turn: 0, speaker: "Ann", message: "the reply started over: b failed" } });
  expect(live.snapshot(0).currentTurn?.text).toBe("");
  live.apply({ type: "token", discussionId: "d", turn: 0, speaker: "Ann", text: "A whole reply." });
  expect(live.snapshot(0).currentTurn?.text).toBe("A whole reply.");
});
