import { CorruptFileError } from "../storage/data-file.js";
import { fileSystemProblem } from "../storage/file-system-error.js";

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
  const problem = fileSystemProblem(error);
  if (problem) return { title: TITLE, detail: `${problem.message}.\n\nThen start the studio again.` };
  const message = error instanceof Error ? error.message : String(error);
  return { title: TITLE, detail: `${message}\n\nThe studio keeps its files in ${dataDirectory}; if a file named above is damaged, move it out of that folder and start again.` };
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
