/** A file-system failure worth telling the user about: which path, and what they can do. */
export interface FileSystemProblem {
  file: string;
  code: string;
  /** "<path>: <what is wrong and the fix> (<code>)". */
  message: string;
}

const FIXES: Record<string, string> = {
  EACCES: "the studio may not read or write this; give your user access to it (or to its folder)",
  EPERM: "the studio may not read or write this; give your user access to it (or to its folder)",
  EROFS: "this is on a read-only disk; make it writable or use a folder elsewhere",
  ENOSPC: "the disk is full; free some space and try again",
  EISDIR: "a folder is where the studio expects a file; move it away",
  ENOTDIR: "a file is where the studio expects a folder (or in its path); move it away",
};

/** The problem a Node file-system error stands for, or null when it is not one we can name (no path, or another code). */
export function fileSystemProblem(error: unknown): FileSystemProblem | null {
  const io = error as NodeJS.ErrnoException | null;
  if (!io || typeof io !== "object" || typeof io.path !== "string" || typeof io.code !== "string") return null;
  const fix = FIXES[io.code];
  return fix ? { file: io.path, code: io.code, message: `${io.path}: ${fix} (${io.code})` } : null;
}
