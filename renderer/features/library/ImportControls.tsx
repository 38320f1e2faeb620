import { useRef } from "react";
import { Button } from "../../ui/button.js";
import { useLibraryStore } from "./library-store.js";

/** "Import files" and "Import folder": SynDisco JSON in either format, many at once. */
export function ImportControls() {
  const importing = useLibraryStore((state) => state.importing);
  const progress = useLibraryStore((state) => state.importProgress);
  const filesChosen = useLibraryStore((state) => state.filesChosen);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const chosen = (input: HTMLInputElement | null, fromFolder: boolean) => {
    const files = [...(input?.files ?? [])];
    if (input) input.value = "";
    if (files.length > 0) void filesChosen(files, fromFolder);
  };
  return (
    <>
      <input ref={filesInput} data-testid="import-files-input" type="file" accept=".json,application/json" multiple hidden onChange={(event) => chosen(event.currentTarget, false)} />
      <input
        ref={(element) => {
          folderInput.current = element;
          // React does not know the non-standard attributes; set them on the element itself.
          element?.setAttribute("webkitdirectory", "");
          element?.setAttribute("directory", "");
        }}
        data-testid="import-folder-input"
        type="file"
        multiple
        hidden
        onChange={(event) => chosen(event.currentTarget, true)}
      />
      <Button data-testid="import-files" disabled={importing} onClick={() => filesInput.current?.click()} title="Import SynDisco discussion files (legacy or v2 JSON)">
        {importing ? (progress ? `Importing ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}…` : "Importing…") : "Import files"}
      </Button>
      <Button disabled={importing} onClick={() => folderInput.current?.click()} title="Import every .json file in a folder">
        Import folder
      </Button>
    </>
  );
}
