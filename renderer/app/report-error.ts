import { studio } from "./studio.js";
import { createErrorReporter } from "./error-report.js";

/** Errors of this window, to the studio's log (see error-report.ts). */
export const reportError = createErrorReporter((report) => studio.call("diagnostics.report", report));
