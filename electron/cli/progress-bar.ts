import type { ExperimentProgress } from "../../shared/domain/index.js";

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** One line: bar, done / total, running, tokens/s, ETA, state. */
export function progressLine(progress: ExperimentProgress, width = 30): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * width);
  const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : "";
  return `[${bar}] ${progress.done}/${progress.total} discussions (${(fraction * 100).toFixed(0)}%), ${progress.running.length} running${failed}, ` +
    `${progress.tokensPerSecond.toFixed(1)} tok/s, ETA ${formatDuration(progress.etaSeconds)}${progress.state === "running" ? "" : ` [${progress.state}]`}`;
}
