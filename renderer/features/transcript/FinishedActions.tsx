import { useState } from "react";
import { useNavigationStore } from "../../app/navigation-store.js";
import { Button } from "../../ui/button.js";
import { useDesignStore } from "../designer/design-store.js";
import { useRunStore } from "./run-store.js";

/** Opening a design over unsaved edits in the Designer asks first. */
function mayReplaceDesignerForm(): boolean {
  const { form, baseline } = useDesignStore.getState();
  return form === baseline || window.confirm("The Designer has unsaved changes. Replace them with this discussion's design?");
}

/** For a discussion that has ended: run its design again, open the design in the Designer. */
export function FinishedActions({ ranHere }: { ranHere: boolean }) {
  const [starting, setStarting] = useState(false);
  const runAgainRequested = useRunStore((state) => state.runAgainRequested);
  const designRequested = useRunStore((state) => state.designRequested);
  const discussionOpened = useNavigationStore((state) => state.discussionOpened);
  const viewChanged = useNavigationStore((state) => state.viewChanged);
  if (!ranHere) return null;
  const runAgain = async () => {
    setStarting(true);
    const id = await runAgainRequested();
    setStarting(false);
    if (id) discussionOpened({ kind: "live", id });
  };
  const openDesign = async () => {
    if (!mayReplaceDesignerForm()) return;
    const design = await designRequested();
    if (!design) return;
    useDesignStore.getState().designShown(design);
    viewChanged("designer");
  };
  return (
    <>
      <Button disabled={starting} onClick={() => void runAgain()} title="Start the same design again (same seed: the same run)">
        {starting ? "Starting…" : "↻ Run again"}
      </Button>
      <Button onClick={() => void openDesign()} title="Open the design this discussion ran in the Designer, to change and run it">
        Open its design
      </Button>
    </>
  );
}

/** Back to the start panel (a running discussion keeps running; "Running now" lists it). */
export function CloseButton() {
  const discussionClosed = useNavigationStore((state) => state.discussionClosed);
  return (
    <Button variant="ghost" aria-label="Close the discussion" title="Close (the discussion stays in the library)" onClick={discussionClosed}>
      ✕ Close
    </Button>
  );
}
