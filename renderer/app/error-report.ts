import type { RendererError } from "../../shared/contract-diagnostics.js";

export type ReportError = (where: string, error: unknown, detail?: string) => void;

/** The same failure at most once a minute, and at most this many reports a minute in all. */
const PER_MINUTE = 20;

/**
 * Sends what the window itself failed at (a view that crashed, an error or rejection nothing
 * caught) to the studio's log. A view failing on every frame does not flood the log: the same
 * failure is sent once a minute, and no more than PER_MINUTE reports a minute. A report that
 * cannot be sent (the studio is gone) is written to the console and dropped, never thrown: a
 * failing report must not become another error to report.
 */
export function createErrorReporter(send: (report: RendererError) => Promise<unknown>, now: () => number = Date.now): ReportError {
  const lastSent = new Map<string, number>();
  let minuteStart = -Infinity;
  let sentThisMinute = 0;
  return (where, error, detail) => {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const at = now();
    const key = `${where}\n${message}`;
    if (at - (lastSent.get(key) ?? -Infinity) < 60_000) return;
    if (at - minuteStart >= 60_000) {
      minuteStart = at;
      sentThisMinute = 0;
    }
    if (sentThisMinute >= PER_MINUTE) return;
    sentThisMinute++;
    lastSent.set(key, at);
    const stack = [error instanceof Error ? error.stack : undefined, detail].filter(Boolean).join("\n").slice(0, 20_000);
    send({ where: where.slice(0, 200), message, ...(stack ? { stack } : {}) }).catch((failure: unknown) => console.error("could not log an error of this window:", failure, error));
  };
}

/** Reports errors and promise rejections nothing in the window caught. */
export function reportUncaught(target: Pick<Window, "addEventListener">, report: ReportError): void {
  target.addEventListener("error", (event) => report("window", event.error ?? event.message));
  target.addEventListener("unhandledrejection", (event) => report("promise", event.reason));
}
