import { Button } from "../../ui/button.js";
import { useShortcut } from "../../app/use-shortcut.js";
import { useRunStore } from "./run-store.js";

const mac = typeof navigator !== "undefined" && /mac/i.test(navigator.platform);
export const shortcutLabels = { pauseResume: "Space", stop: mac ? "⌘." : "Ctrl+.", step: "N" } as const;

/** Pause, resume, step and stop for a live discussion, on buttons and on the keyboard. */
export function RunControls() {
  const status = useRunStore((state) => state.status);
  const busy = useRunStore((state) => state.busy);
  const stopping = useRunStore((state) => state.stopping);
  const pauseRequested = useRunStore((state) => state.pauseRequested);
  const resumeRequested = useRunStore((state) => state.resumeRequested);
  const stopRequested = useRunStore((state) => state.stopRequested);
  const stepRequested = useRunStore((state) => state.stepRequested);
  const live = status === "running" || status === "paused";

  const pauseOrResume = () => void (status === "paused" ? resumeRequested() : pauseRequested());
  useShortcut("space", pauseOrResume, { enabled: live });
  useShortcut("mod+.", () => void stopRequested(), { enabled: live && !stopping });
  useShortcut("n", () => void stepRequested(), { enabled: live });

  return (
    <div className="flex items-center gap-2" role="toolbar" aria-label="Run controls">
      {status === "paused" ? (
        <Button variant="primary" disabled={busy} onClick={() => void resumeRequested()} title={`Resume (${shortcutLabels.pauseResume})`}>
          ▶ Resume
        </Button>
      ) : (
        <Button disabled={!live || busy} onClick={() => void pauseRequested()} title={`Pause (${shortcutLabels.pauseResume})`}>
          ❚❚ Pause
        </Button>
      )}
      <Button disabled={!live || busy} onClick={() => void stepRequested()} title={`Step one turn, then pause (${shortcutLabels.step})`}>
        Step
      </Button>
      <Button variant="danger" disabled={!live || busy || stopping} onClick={() => void stopRequested()} title={`Stop (${shortcutLabels.stop})`}>
        {stopping ? "Stopping…" : "■ Stop"}
      </Button>
    </div>
  );
}
