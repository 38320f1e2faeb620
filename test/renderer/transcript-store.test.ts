import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LoggedEntry } from "../../shared/contract.js";
import { useRunStore } from "../../renderer/features/transcript/run-store.js";
import { fromDiscussionLog, initials } from "../../renderer/features/transcript/transcript-comment.js";
import { double } from "./studio-double.js";
import { testDesign } from "../support/designs.js";

// The page's client is replaced by a test double behind the same interface (call / watchDiscussion).
vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));

const entry = (index: number, name = "Ann", role: LoggedEntry["comment"]["role"] = "user"): LoggedEntry => ({
  index,
  comment: { name, text: `comment ${index}`, model: "tiny", role, turn: index },
  // 21 tokens: the first after 1 s of reading the prompt, the other 20 in 2 s: 10 tok/s.
  stats: { promptTokens: 10, evaluatedPromptTokens: 5, minimumPromptTokens: 5, generatedTokens: 21, seed: 1, seconds: 3, promptSeconds: 1, generationSeconds: 2, stopReason: "eos" },
});

beforeEach(() => {
  double.reset();
  useRunStore.getState().discussionClosed();
  double.handle("discussion.list", () => ({ discussions: [] }));
});

describe("useRunStore, live", () => {
  it("follows the watch: comments as cards, the streaming reply, status; token changes keep the comment list", async () => {
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    const watch = double.watches[0]!;
    watch.change((view) => {
      view.comments.push(entry(0, "seed-author", "seed"), entry(1));
      view.currentTurn = { turn: 2, speaker: "Bob", role: "moderator", text: "Hel", prompt: { tokens: 30, evaluated: 30 } };
    });
    const first = useRunStore.getState();
    expect(first.comments.map((comment) => [comment.name, comment.role, comment.tokensPerSecond])).toEqual([
      ["seed-author", "seed", 10],
      ["Ann", "user", 10],
    ]);
    expect(first.streaming).toEqual({ turn: 2, speaker: "Bob", role: "moderator", text: "Hel", prompt: { tokens: 30, evaluated: 30 }, waiting: false });

    watch.change((view) => view.currentTurn && (view.currentTurn.text += "lo"));
    expect(useRunStore.getState().streaming?.text).toBe("Hello");
    expect(useRunStore.getState().comments).toBe(first.comments);

    watch.change((view) => {
      view.comments.push(entry(2, "Bob", "moderator"));
      view.currentTurn = null;
      view.status = "completed";
    });
    expect(useRunStore.getState()).toMatchObject({ status: "completed", streaming: null });
    expect(useRunStore.getState().comments).toHaveLength(3);
  });

  it("keeps every finished comment when the run fails, and shows the error", async () => {
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    double.watches[0]!.change((view) => {
      view.comments.push(entry(0), entry(1));
      view.status = "failed";
      view.error = "model crashed";
    });
    expect(useRunStore.getState()).toMatchObject({ status: "failed", runError: "model crashed" });
    expect(useRunStore.getState().comments).toHaveLength(2);
  });

  it("sends the run controls and the human comment; a refused command becomes a dismissable error", async () => {
    double.handle("discussion.pause", ({ discussionId }) => ({ discussionId, status: "paused" }));
    double.handle("discussion.step", ({ discussionId }) => ({ discussionId, status: "paused" }));
    double.handle("discussion.submitHumanComment", () => ({ accepted: true }));
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    await useRunStore.getState().pauseRequested();
    expect(useRunStore.getState().status).toBe("paused");
    await useRunStore.getState().stepRequested();
    expect(await useRunStore.getState().humanCommentSubmitted("my view")).toBe(true);
    await useRunStore.getState().stopRequested();
    expect(double.calls.map((call) => call.command)).toEqual(["discussion.list", "discussion.pause", "discussion.step", "discussion.submitHumanComment", "discussion.stop"]);
    expect(double.calls[3]!.input).toEqual({ discussionId: "d1", text: "my view" });
    expect(useRunStore.getState().commandError).toContain("discussion.stop");
    useRunStore.getState().commandErrorDismissed();
    expect(useRunStore.getState().commandError).toBeNull();
  });

  it("stops watching when another discussion opens", async () => {
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d2" });
    expect(double.watches.map((watch) => watch.stopped)).toEqual([true, false]);
    double.watches[0]!.change((view) => view.comments.push(entry(0)));
    expect(useRunStore.getState().comments).toEqual([]);
  });
});

describe("useRunStore, library", () => {
  it("shows a saved discussion's comments with roles and the run record's timings", async () => {
    double.handle("library.open", ({ id }) => ({
      entry: { id, fileName: `${id}.json`, timestamp: "26-01-02-03-04", users: ["Ann"], moderator: "Mod", models: ["tiny"], commentCount: 3, format: "legacy", status: "completed", modifiedAt: "2026-01-02T03:04:00.000Z" },
      log: {
        id,
        timestamp: "26-01-02-03-04",
        users: ["Ann"],
        moderator: "Mod",
        userPrompts: [],
        moderatorPrompt: null,
        historyWindow: 5,
        comments: [
          { name: "seed", text: "start", model: "hardcoded" },
          { name: "Ann", text: "hi", model: "tiny" },
          { name: "Mod", text: "be kind", model: "tiny" },
        ],
        sourceFormat: "legacy",
      },
      record: null,
    }));
    await useRunStore.getState().discussionOpened({ kind: "library", id: "saved" });
    const state = useRunStore.getState();
    expect(state.status).toBe("completed");
    expect(state.comments.map((comment) => comment.role)).toEqual(["seed", "user", "moderator"]);
    expect(double.watches).toHaveLength(0);
  });

  it("maps run-record stats one to one onto logged comments", () => {
    const stats = entry(0).stats;
    const comments = fromDiscussionLog(
      { id: "x", timestamp: "", users: ["Ann"], moderator: null, userPrompts: [], moderatorPrompt: null, historyWindow: 5, sourceFormat: "v2", comments: [{ name: "s", text: "", model: "hardcoded" }, { name: "Ann", text: "", model: "m" }] },
      { comments: [{ name: "s", turn: -1, logged: true, stats: null }, { name: "Ann", turn: 0, logged: false, stats }, { name: "Ann", turn: 1, logged: true, stats }] } as never,
    );
    expect(comments.map((comment) => comment.tokensPerSecond)).toEqual([null, 10]);
    expect(comments[1]).toMatchObject({ prompt: { tokens: 5, seconds: 1 }, seconds: 3, cut: null });
  });

  it("gives no generation speed for a record from before prompt and generation were timed apart, and marks replies cut at max tokens", () => {
    const { promptSeconds: _p, generationSeconds: _g, ...old } = entry(0).stats!;
    const log = { id: "x", timestamp: "", users: ["Ann"], moderator: null, userPrompts: [], moderatorPrompt: null, historyWindow: 5, sourceFormat: "v2" as const, comments: [{ name: "Ann", text: "a", model: "m" }, { name: "Ann", text: "b", model: "m" }] };
    const comments = fromDiscussionLog(log, {
      comments: [
        { name: "Ann", turn: 0, logged: true, stats: old },
        { name: "Ann", turn: 1, logged: true, stats: { ...entry(0).stats!, stopReason: "max-tokens" } },
      ],
    } as never);
    expect(comments.map((comment) => [comment.tokensPerSecond, comment.cut])).toEqual([
      [null, null],
      [10, "max-tokens"],
    ]);
  });

  it("initials", () => {
    expect(["Ann Lee", "zoë-k", "x", "mark_99"].map(initials)).toEqual(["AL", "ZK", "X", "M9"]);
  });
});

describe("useRunStore, turns and stopping", () => {
  it("counts turns against the design's (from discussion.list) and says Stopping until the run has ended", async () => {
    double.handle("discussion.list", () => ({ discussions: [{ discussionId: "d1", designName: "Town hall", turns: 8, status: "running", awaitingHuman: null, awaitingSpeaker: null, commentCount: 0, currentTurn: null, error: null, saveError: null, seq: 0 }] }));
    let stopped: () => void = () => undefined;
    double.handle("discussion.stop", () => new Promise((resolve) => (stopped = () => resolve({ discussionId: "d1", status: "running" }))));
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    await vi.waitFor(() => expect(useRunStore.getState().totalTurns).toBe(8));
    const watch = double.watches[0]!;
    watch.change((view) => {
      view.comments.push(entry(0, "seed-author", "seed"));
      view.comments[0]!.comment.turn = -1;
      view.currentTurn = { turn: 0, speaker: "Ann", role: "user", text: "", prompt: null };
    });
    expect(useRunStore.getState().turnsTaken).toBe(1);
    watch.change((view) => {
      view.comments.push({ ...entry(1), comment: { ...entry(1).comment, turn: 0 } }, { ...entry(2, "Mod", "moderator"), comment: { ...entry(2, "Mod", "moderator").comment, turn: 0 } });
      view.currentTurn = { turn: 1, speaker: "Bob", role: "user", text: "", prompt: null };
    });
    expect(useRunStore.getState().turnsTaken).toBe(2);

    const stopping = useRunStore.getState().stopRequested();
    expect(useRunStore.getState().stopping).toBe(true);
    stopped();
    await stopping;
    // The command answered while the engine still finished its files: still stopping.
    expect(useRunStore.getState().stopping).toBe(true);
    watch.change((view) => {
      view.currentTurn = null;
      view.status = "stopped";
    });
    expect(useRunStore.getState()).toMatchObject({ stopping: false, status: "stopped", turnsTaken: 2 });
  });

  it("a completed run has taken all its turns; run again starts the record's design, open its design hands it over", async () => {
    const design = testDesign("/m/tiny.gguf", { turns: 3 });
    double.handle("discussion.list", () => ({ discussions: [{ discussionId: "d1", designName: design.name, turns: 3, status: "running", awaitingHuman: null, awaitingSpeaker: null, commentCount: 0, currentTurn: null, error: null, saveError: null, seq: 0 }] }));
    double.handle("library.open", ({ id }) => {
      if (id !== "d1") throw new Error(`no discussion "${id}"`);
      // Only the record's design matters here.
      return { entry: { id }, log: { comments: [] }, record: { design } } as never;
    });
    double.handle("discussion.start", () => ({ discussionId: "d2" }));
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    await vi.waitFor(() => expect(useRunStore.getState().totalTurns).toBe(3));
    double.watches[0]!.change((view) => (view.status = "completed"));
    expect(useRunStore.getState().turnsTaken).toBe(3);
    expect(await useRunStore.getState().designRequested()).toEqual(design);
    expect(await useRunStore.getState().runAgainRequested()).toBe("d2");
    expect(double.calls.find((call) => call.command === "discussion.start")?.input).toEqual({ design });
  });
});
