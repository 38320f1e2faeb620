import { CorruptFileError } from "../storage/data-file.js";

export interface StartupFailure {
  title: string;
  /** What went wrong, the file it concerns, and what the user can do about it. */
  detail: string;
}

const TITLE = "SynDisco Studio could not start";

/** Why start-up failed, in words that name the file and the fix (the window never opened, so this dialog is all the user sees). */
export function describeStartupFailure(error: unknown, dataDirectory: string): StartupFailure {
  if (error instanceof CorruptFileError) {
    return {
      title: TITLE,
      detail: `${error.file} cannot be read: ${error.reason}.\n\nFix it in a text editor, or move it out of ${dataDirectory} (the studio starts without it and writes a new one), then start the studio again. It was left as it is.`,
    };
  }
  const io = error as NodeJS.ErrnoException;
  const file = typeof io.path === "string" ? io.path : null;
  const fix = file && io.code ? errnoFix(io.code) : null;
  if (file && fix) return { title: TITLE, detail: `${file}: ${fix}.\n\n(${io.code}: ${io.message})` };
  const message = error instanceof Error ? error.message : String(error);
  return { title: TITLE, detail: `${message}\n\nThe studio keeps its files in ${dataDirectory}; if a file named above is damaged, move it out of that folder and start again.` };
}

function errnoFix(code: string): string | null {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "the studio may not read or write this; give your user access to it (or to its folder)";
    case "EROFS":
      return "this is on a read-only disk; make it writable or start the studio with a data folder elsewhere";
    case "ENOSPC":
      return "the disk is full; free some space and start again";
    case "EISDIR":
      return "a folder is where the studio expects a file; move it away";
    case "ENOTDIR":
      return "a file is where the studio expects a folder; move it away";
    default:
      return null;
  }
}

/** Runs the app's start; any failure shows one dialog naming the file and the fix, then quits (no window, no silence). */
export async function startOrExplain(
  start: () => Promise<void>,
  ui: { showErrorBox(title: string, content: string): void; quit(): void },
  dataDirectory: string,
): Promise<void> {
  try {
    await start();
  } catch (error) {
    const { title, detail } = describeStartupFailure(error, dataDirectory);
    ui.showErrorBox(title, detail);
    ui.quit();
  }
}
