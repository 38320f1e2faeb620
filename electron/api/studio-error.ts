import type { z } from "zod";
import type { ErrorCode, StudioErrorPayload } from "../../shared/contract.js";
import { CorruptFileError, NotFoundError } from "../storage/data-file.js";
import { fileSystemProblem } from "../storage/file-system-error.js";
import { ImportRefusedError } from "../storage/persona-store.js";
import { ModelFileError } from "../llm/gguf-file.js";
import { ModelStoreError } from "../llm/model-store.js";
import { ServerProfileError } from "../llm/server-resolver.js";

/** An error a handler means the caller to see, with its contract code. */
export class StudioError extends Error {
  override readonly name = "StudioError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(message: string, error?: z.ZodError): StudioErrorPayload {
  const issues = error?.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  return issues ? { code: "bad-request", message, issues } : { code: "bad-request", message };
}

/** Maps what a handler threw to the typed error the caller gets; unknown failures say only their message. */
export function toErrorPayload(error: unknown): StudioErrorPayload {
  if (error instanceof StudioError) return { code: error.code, message: error.message };
  if (error instanceof CorruptFileError) return { code: "corrupt-file", message: error.message };
  if (error instanceof ModelStoreError) return { code: "corrupt-file", message: error.message };
  if (error instanceof NotFoundError) return { code: "not-found", message: error.message };
  if (error instanceof ImportRefusedError || error instanceof ModelFileError || error instanceof ServerProfileError) return { code: "bad-request", message: error.message };
  const problem = fileSystemProblem(error);
  if (problem) return { code: "file-system", message: problem.message };
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}
