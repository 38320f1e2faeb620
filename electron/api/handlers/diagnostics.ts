import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type DiagnosticsHandlers = Pick<Handlers, "diagnostics.errors" | "diagnostics.report">;

export function diagnosticsHandlers({ errorLog }: StudioServices): DiagnosticsHandlers {
  return {
    "diagnostics.errors": async () => ({ logFile: errorLog.file, errors: errorLog.recent() }),
    "diagnostics.report": async ({ where, message, stack }) => {
      errorLog.recordText("renderer", `${where}: ${message}`, stack);
      return {};
    },
  };
}
