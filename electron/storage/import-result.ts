import { MAX_NESTING, nestsDeeperThan } from "../../shared/nesting.js";
import type { z } from "zod";
import { jsonErrorPosition } from "./json-error-position.js";

/** Why a file could not be imported; `message` is meant for the user and names the problem. */
export interface ImportError {
  kind: "invalid-json" | "invalid-shape" | "unknown-format";
  fileName: string;
  message: string;
}

/** An import either succeeds (maybe with warnings worth showing) or fails with one error. */
export type ImportResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: ImportError };

export function importFailure(kind: ImportError["kind"], fileName: string, message: string): { ok: false; error: ImportError } {
  return { ok: false, error: { kind, fileName, message: `${fileName}: ${message}` } };
}

/**
 * JSON.parse with a message that says where the text breaks. Files cut short by a crash
 * or a partial copy are the common case, so an error at the very end says "truncated?".
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  // Editors on Windows may add a byte order mark; Python's json.load would reject it, we need not.
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    let position: number;
    try {
      position = jsonErrorPosition(body);
    } catch {
      // Nesting too deep for the scanner's recursion: JSON.parse failed anyway, point at the end.
      position = body.length;
    }
    if (position < 0) position = body.length;
    const atEnd = position >= body.trimEnd().length;
    const { line, column } = lineAndColumn(body, position);
    const hint = atEnd ? " (truncated?)" : "";
    return { ok: false, message: `not valid JSON${hint} at position ${position} (line ${line}, column ${column})` };
  }
  if (nestsDeeperThan(value)) return { ok: false, message: `nested more than ${MAX_NESTING} levels deep` };
  return { ok: true, value };
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

/** A zod error as "key path: problem" lines, paths written the way the file spells them. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join("; ");
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "top level";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return `"${out}"`;
}
