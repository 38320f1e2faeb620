import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { CommentList } from "../../renderer/features/transcript/CommentList.js";
import { RunControls } from "../../renderer/features/transcript/RunControls.js";
import { HumanTurnBox } from "../../renderer/features/transcript/HumanTurnBox.js";
import { StatusLine } from "../../renderer/features/transcript/StatusLine.js";
import { useRunStore } from "../../renderer/features/transcript/run-store.js";
import type { TranscriptComment } from "../../renderer/features/transcript/transcript-comment.js";
import { double } from "./studio-double.js";
import { fakeLayout } from "./layout-double.js";

// The page's client is replaced by a test double behind the same interface (call / watchDiscussion).
vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));

const comment = (index: number): TranscriptComment => ({
  index,
  name: index % 7 === 0 ? "Moderator Mo" : `user ${index % 5}`,
  text: `Comment number ${index}`,
  model: "tiny",
  role: index % 7 === 0 ? "moderator" : "user",
  tokensPerSecond: 12.5,
  seconds: 1.6,
  prompt: { tokens: 240, seconds: 0.3 },
  generatedTokens: 17,
  cut: index === 1 ? "max-tokens" : null,
  receivedAt: null,
});

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
  double.reset();
  double.handle("discussion.list", () => ({ discussions: [] }));
  useRunStore.getState().discussionClosed();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

describe("CommentList", () => {
  it("renders only a window of rows for 5,000 comments", () => {
    const comments = Array.from({ length: 5000 }, (_, index) => comment(index));
    render(<CommentList comments={comments} streaming={null} />);
    const cards = screen.getAllByTestId("comment-card");
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThan(40);
    expect(screen.getByText("Comment number 0")).toBeTruthy();
    expect(screen.queryByText("Comment number 4999")).toBeNull();
  });

  it("shows cards with initials, name, moderator badge and tokens per second, and the streaming reply with its caret", () => {
    render(<CommentList comments={[comment(0), comment(1)]} streaming={{ turn: 2, speaker: "Ann Lee", role: "user", text: "So far", prompt: { tokens: 700, evaluated: 700 } }} />);
    const [moderator, user] = screen.getAllByTestId("comment-card");
    expect(moderator!.textContent).toContain("MM");
    expect(moderator!.textContent).toContain("Moderator");
    expect(user!.textContent).toContain("user 1");
    expect(user!.textContent).toContain("12.5 tok/s");
    expect(user!.textContent).toContain("read 240 prompt tokens in 0.3 s");
    expect(screen.getByTestId("comment-cut").textContent).toBe("cut at max tokens (17)");
    expect(moderator!.querySelector("[data-testid=comment-cut]")).toBeNull();
    expect(screen.getByTestId("streaming-phase").textContent).toBe("writing…");
    expect(screen.getByTestId("streaming-card").textContent).toContain("AL");
    expect(screen.getByTestId("streaming-text").textContent).toBe("So far");
  });

  it("says the reply is reading its prompt, with progress, until the first token", () => {
    const streaming = { turn: 0, speaker: "Ann", role: "user" as const, text: "", prompt: { tokens: 1200, evaluated: 0 } };
    const { rerender } = render(<CommentList comments={[]} streaming={streaming} />);
    expect(screen.getByTestId("streaming-phase").textContent).toBe("reading 1,200 prompt tokens…");
    rerender(<CommentList comments={[]} streaming={{ ...streaming, prompt: { tokens: 1200, evaluated: 512 } }} />);
    expect(screen.getByTestId("streaming-phase").textContent).toBe("reading 1,200 prompt tokens (42 %)…");
    rerender(<CommentList comments={[]} streaming={{ ...streaming, text: "Hi", prompt: { tokens: 1200, evaluated: 1200 } }} />);
    expect(screen.getByTestId("streaming-phase").textContent).toBe("writing…");
  });

  it("says a reply is waiting for a free slot until it has one, in the card and the status line", async () => {
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    const watch = double.watches[0]!;
    act(() => watch.change((view) => (view.currentTurn = { turn: 0, speaker: "Ann", role: "user", text: "", prompt: null, waiting: true })));
    const Page = () => (
      <>
        <StatusLine />
        <CommentList comments={[]} streaming={useRunStore((state) => state.streaming)} />
      </>
    );
    render(<Page />);
    expect(screen.getByTestId("transcript-status").textContent).toContain("Ann is waiting for a free slot");
    expect(screen.getByTestId("streaming-card").textContent).toContain("waiting for a free slot");
    act(() => watch.change((view) => view.currentTurn && Object.assign(view.currentTurn, { waiting: false, text: "Hi" })));
    expect(screen.getByTestId("transcript-status").textContent).toContain("Ann is writing");
    expect(screen.getByTestId("streaming-card").textContent).not.toContain("free slot");
  });

  it("offers 'Jump to latest' once the user scrolls up, and follows again when asked", () => {
    render(<CommentList comments={Array.from({ length: 50 }, (_, index) => comment(index))} streaming={null} />);
    expect(screen.queryByText(/Jump to latest/)).toBeNull();
    fireEvent.wheel(screen.getByTestId("comment-scroller"), { deltaY: -100 });
    fireEvent.click(screen.getByText(/Jump to latest/));
    expect(screen.queryByText(/Jump to latest/)).toBeNull();
  });
});

describe("RunControls", () => {
  it("pauses and resumes on Space, steps on N, stops on Ctrl+.; tooltips name the keys", async () => {
    for (const command of ["discussion.pause", "discussion.resume", "discussion.step", "discussion.stop"] as const) {
      double.handle(command, ({ discussionId }) => ({ discussionId, status: command === "discussion.resume" ? "running" : command === "discussion.stop" ? "running" : "paused" }));
    }
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    double.watches[0]!.change((view) => (view.status = "running"));
    render(<RunControls />);
    expect(screen.getByText(/Pause/).closest("button")!.title).toBe("Pause (Space)");
    expect(screen.getByText(/Stop/).closest("button")!.title).toMatch(/Stop \((Ctrl\+|⌘)\.\)/);
    await act(async () => void fireEvent.keyDown(window, { key: " " }));
    expect(screen.getByText(/Resume/)).toBeTruthy();
    await act(async () => void fireEvent.keyDown(window, { key: " " }));
    await act(async () => void fireEvent.keyDown(window, { key: "n" }));
    await act(async () => void fireEvent.keyDown(window, { key: ".", ctrlKey: true }));
    expect(double.calls.map((call) => call.command).slice(1)).toEqual(["discussion.pause", "discussion.resume", "discussion.step", "discussion.stop"]);
  });
});

describe("HumanTurnBox", () => {
  it("asks the human participant to type and submits the comment", async () => {
    double.handle("discussion.submitHumanComment", () => ({ accepted: true }));
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    render(<HumanTurnBox speaker="you-human" />);
    expect(screen.getByLabelText(/write you-human's comment/)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox"), { target: { value: "I disagree." } });
    await act(async () => void fireEvent.click(screen.getByText("Post comment")));
    expect(double.calls.at(-1)).toEqual({ command: "discussion.submitHumanComment", input: { discussionId: "d1", text: "I disagree." } });
    expect((screen.getByRole("textbox") as HTMLTextAreaElement).value).toBe("");
  });
});
