/**
 * Issue 11 item 14: two behaviours that no test covered. A client that subscribes in the middle
 * of a reply sees the text written so far (the engine keeps it for the snapshot), and a watch
 * ignores events its snapshot already reflects (by their sequence number), so a token that
 * raced the snapshot is not shown twice.
 */
import { describe, expect, it } from "vitest";
import type { CommandName, CommandResult, DiscussionSnapshot, StudioEvent } from "../../shared/contract.js";
import { LiveDiscussion } from "../../electron/api/live-discussion.js";
import { DiscussionWatch } from "../../renderer/client/discussion-watch.js";
import { StudioClient } from "../../renderer/client/studio-client.js";
import { Listeners, type StudioTransport } from "../../renderer/client/transport.js";

describe("a late subscriber", () => {
  it("gets the text written so far of the comment being written", () => {
    const live = new LiveDiscussion("d", "design", false, 8);
    live.apply({ type: "turn-start", discussionId: "d", turn: 3, speaker: "Ann", role: "user" });
    live.apply({ type: "token", discussionId: "d", turn: 3, speaker: "Ann", text: "Parks are " });
    live.apply({ type: "token", discussionId: "d", turn: 3, speaker: "Ann", text: "for everyone" });
    expect(live.snapshot(0)).toMatchObject({ seq: 3, currentTurn: { turn: 3, speaker: "Ann", text: "Parks are for everyone" } });
  });
});

/**
 * A transport scripted by the test (a stand-in behind the StudioTransport interface: the race
 * between a snapshot and the events around it cannot be timed with a real engine): it answers
 * `discussion.subscribe` with the snapshot given and delivers events when told.
 */
function scriptedTransport(snapshot: DiscussionSnapshot) {
  const events = new Listeners<StudioEvent>();
  const transport: StudioTransport = {
    kind: "in-process",
    state: "open",
    invoke: async (command: CommandName): Promise<CommandResult> => {
      if (command !== "discussion.subscribe") return { ok: false, error: { code: "bad-request", message: `unexpected ${command}` } };
      return { ok: true, value: snapshot };
    },
    onEvent: (listener) => events.add(listener),
    onConnection: () => () => undefined,
    close: () => undefined,
  };
  return { transport, deliver: (event: StudioEvent) => events.emit(event) };
}

describe("a discussion watch", () => {
  it("ignores events whose sequence number its snapshot already reflects", async () => {
    const snapshot: DiscussionSnapshot = {
      discussionId: "d",
      designName: "design",
      turns: 8,
      status: "running",
      awaitingHuman: null,
      awaitingSpeaker: null,
      comments: [],
      commentCount: 0,
      currentTurn: { turn: 0, speaker: "Ann", role: "user", text: "Parks are ", prompt: null },
      error: null,
      saveError: null,
      seq: 5,
    };
    const { transport, deliver } = scriptedTransport(snapshot);
    const watch = new DiscussionWatch(new StudioClient(transport), "d");
    await watch.ready;
    // The token of seq 5 is already in the snapshot's text; one of seq 6 is new.
    deliver({ name: "discussion.tokens", payload: { discussionId: "d", seq: 5, turn: 0, speaker: "Ann", text: "Parks are " } });
    deliver({ name: "discussion.tokens", payload: { discussionId: "d", seq: 4, turn: 0, speaker: "Ann", text: "stale " } });
    deliver({ name: "discussion.tokens", payload: { discussionId: "d", seq: 6, turn: 0, speaker: "Ann", text: "for everyone" } });
    expect(watch.view.currentTurn?.text).toBe("Parks are for everyone");
    expect(watch.view.seq).toBe(6);
    // A repeated event (a reconnect replaying it) changes nothing either.
    deliver({ name: "discussion.tokens", payload: { discussionId: "d", seq: 6, turn: 0, speaker: "Ann", text: "for everyone" } });
    expect(watch.view.currentTurn?.text).toBe("Parks are for everyone");
    watch.stop();
  });
});
