import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useRunStore } from "../../renderer/features/transcript/run-store.js";
import { SaveProblemBox } from "../../renderer/features/transcript/SaveProblemBox.js";
import { double } from "./studio-double.js";

// The page's client is replaced by a test double behind the same interface (call / watchDiscussion).
vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));

beforeEach(() => {
  double.reset();
  useRunStore.getState().discussionClosed();
  double.handle("discussion.list", () => ({ discussions: [] }));
  double.handle("discussion.retrySave", ({ discussionId }) => ({ discussionId, status: "paused" }));
  double.handle("discussion.saveElsewhere", ({ discussionId }) => ({ discussionId, status: "paused" }));
});
afterEach(cleanup);

describe("a run that cannot save (issue 11 item 4)", () => {
  it("the store follows the watch's save problem, and the box offers retry and another folder", async () => {
    await useRunStore.getState().discussionOpened({ kind: "live", id: "d1" });
    double.watches[0]!.change((view) => {
      view.status = "paused";
      view.saveError = { message: "cannot write /data/d1.journal.jsonl: ENOSPC: no space left on device", file: "/data/d1.journal.jsonl" };
    });
    const { saveError } = useRunStore.getState();
    expect(saveError).toEqual({ message: "cannot write /data/d1.journal.jsonl: ENOSPC: no space left on device", file: "/data/d1.journal.jsonl" });

    render(<SaveProblemBox message={saveError!.message} file={saveError!.file} />);
    expect(screen.getByRole("alert", { name: "Saving failed" }).textContent).toContain("ENOSPC");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await vi.waitFor(() => expect(double.calls.map((call) => call.command)).toContain("discussion.retrySave"));
    expect(screen.getByRole("button", { name: "Save there" })).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByLabelText("Or save in another folder"), { target: { value: " /mnt/usb/runs " } });
    fireEvent.click(screen.getByRole("button", { name: "Save there" }));
    await vi.waitFor(() => expect(double.calls.at(-1)).toEqual({ command: "discussion.saveElsewhere", input: { discussionId: "d1", directory: "/mnt/usb/runs" } }));

    double.watches[0]!.change((view) => (view.saveError = null));
    expect(useRunStore.getState().saveError).toBeNull();
  });
});
