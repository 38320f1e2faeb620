import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type DiagnosticsHandlers = Pick<Handlers, "diagnostics.errors">;

export function diagnosticsHandlers({ errorLog }: StudioServices): DiagnosticsHandlers {
  return {
    "diagnostics.errors": async () => ({ logFile: errorLog.file, errors: errorLog.recent() }),
  };
}
