/**
 * Pause, resume and single-step for a running discussion. The engine awaits `beforeTurn()`
 * at each turn boundary; a pause therefore takes effect after the turn being written.
 */
export class RunGate {
  private paused = false;
  private stepsAllowed = 0;
  private wake: (() => void) | null = null;

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.release();
  }

  /** Lets exactly one more turn run, then stays paused. */
  step(): void {
    this.paused = true;
    this.stepsAllowed++;
    this.release();
  }

  async beforeTurn(signal: AbortSignal): Promise<void> {
    while (this.paused && this.stepsAllowed === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    }
    if (this.stepsAllowed > 0) this.stepsAllowed--;
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
