/** A job the terminal can steer: studies and annotation jobs. */
export interface SteerableRun {
  readonly progress: { state: string };
  pause(): void;
  resume(): void;
  cancel(): void;
}

/** p pauses / resumes, q or Ctrl-C cancels (a second Ctrl-C quits at once). Returns the detach function. */
export function attachRunKeys(runner: SteerableRun, cancelMessage: string): () => void {
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write(`\n${cancelMessage}\n`);
    runner.cancel();
  };
  process.on("SIGINT", onSigint);
  const stdin = process.stdin;
  const onKey = (key: Buffer) => {
    const char = key.toString();
    if (char === "p") {
      if (runner.progress.state === "paused") runner.resume();
      else runner.pause();
    }
    if (char === "q" || char === "\u0003") onSigint();
  };
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    stdin.on("data", onKey);
  }
  return () => {
    process.off("SIGINT", onSigint);
    if (stdin.isTTY) {
      stdin.off("data", onKey);
      stdin.setRawMode(false);
      stdin.pause();
    }
  };
}

/** At most one call per `milliseconds`; the rest are dropped (progress lines). */
export function throttle<T>(action: (value: T) => void, milliseconds: number): (value: T) => void {
  let last = 0;
  return (value) => {
    const now = Date.now();
    if (now - last >= milliseconds) {
      last = now;
      action(value);
    }
  };
}
