import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type DiagnosticsHandlers = Pick<Handlers, "diagnostics.errors" | "diagnostics.report">;

export function diagnosticsHandlers({ errorLog }: StudioServices): DiagnosticsHandlers {
  return {
    "diagnostics.errors": async () => ({ logFile: errorLog.file, errors: errorLog.recent() }),
    "diagnostics.report": async ({ where, message, stack }) => {
      // One line: a report cannot start a line of its own that reads as another entry (its stack is indented below it).
      errorLog.recordText("renderer", `${oneLine(where)}: ${oneLine(message)}`, stack);
      return {};
    },
  };
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");
