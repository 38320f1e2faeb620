import { useState } from "react";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import { useRunStore } from "./run-store.js";

/**
 * A run file that cannot be written (a full disk): the discussion is paused with every comment
 * kept, and waits here for the user to free space and retry, or to name another folder.
 */
export function SaveProblemBox({ message, file }: { message: string; file: string }) {
  const busy = useRunStore((state) => state.busy);
  const retrySaveRequested = useRunStore((state) => state.retrySaveRequested);
  const saveElsewhereRequested = useRunStore((state) => state.saveElsewhereRequested);
  const [folder, setFolder] = useState("");
  return (
    <section role="alert" aria-label="Saving failed" className="flex flex-col gap-3 rounded-md border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/40 dark:text-rose-100">
      <p>
        <strong>Saving failed.</strong> {message}.
      </p>
      <p className="text-xs text-rose-800 dark:text-rose-200">File: {file}</p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (folder.trim()) void saveElsewhereRequested(folder.trim());
        }}
      >
        <Button variant="primary" disabled={busy} onClick={() => void retrySaveRequested()}>
          Retry
        </Button>
        <TextField label="Or save in another folder" value={folder} onChange={(event) => setFolder(event.target.value)} placeholder="/path/to/a/folder with space" className="min-w-72 flex-1" />
        <Button type="submit" disabled={busy || folder.trim() === ""}>
          Save there
        </Button>
      </form>
    </section>
  );
}
