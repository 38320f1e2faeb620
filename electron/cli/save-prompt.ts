import path from "node:path";
import { createInterface } from "node:readline";
import type { SaveDecision, SaveFailureHandler } from "../engine/save-failures.js";

const ASK = `the discussion is paused and every comment is kept in memory. Answer on stdin:
  Enter      try again (after freeing space)
  <folder>   save the run in that folder instead
  q          give up (comments not yet in the journal are lost)
`;

/**
 * What the CLI does when a run file cannot be written (a full disk): it asks on stdin, a line
 * per answer. With nobody to answer (stdin closed, as under cron or with < /dev/null) it tries
 * again every `retrySeconds` until the write works.
 */
export function askOnStdin(write: (text: string) => void, retrySeconds = 10): SaveFailureHandler {
  return async (failure) => {
    write(`\nerror: ${failure.message}\n${ASK}`);
    const line = await nextLine();
    if (line === null) {
      write(`nobody to answer on stdin: trying again in ${retrySeconds} s\n`);
      await new Promise((resolve) => setTimeout(resolve, retrySeconds * 1000));
      return { action: "retry" };
    }
    return decision(line.trim());
  };
}

function decision(answer: string): SaveDecision {
  if (answer === "" || answer.toLowerCase() === "r") return { action: "retry" };
  if (answer.toLowerCase() === "q") return { action: "abandon" };
  return { action: "relocate", directory: path.resolve(answer) };
}

/** One line from stdin, or null when stdin has nothing more to give. */
function nextLine(): Promise<string | null> {
  if (process.stdin.readableEnded || process.stdin.destroyed) return Promise.resolve(null);
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    lines.once("line", (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once("close", () => {
      if (!answered) resolve(null);
    });
  });
}
