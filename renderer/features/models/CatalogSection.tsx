import type { DownloadStatus } from "../../../shared/contract-models.js";
import { Button } from "../../ui/button.js";
import { Section } from "../../ui/section.js";
import { formatBytes, formatDuration } from "../../ui/format.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { useModelStore } from "./model-store.js";

/** The curated catalog with a Download button each, and every download of this session. */
export function CatalogSection() {
  const catalog = useModelStore((state) => state.catalog);
  const downloads = useModelStore((state) => state.downloads);
  const downloadRequested = useModelStore((state) => state.downloadRequested);
  const byUri = new Map(Object.values(downloads).map((download) => [download.uri, download]));
  return (
    <Section title="Download a model">
      <ul className="flex flex-col">
        {catalog.map((entry) => {
          const download = byUri.get(entry.uri);
          // A failed download offers Retry on its own line instead of a second Download button.
          const active = download && download.state !== "cancelled";
          return (
            <li key={entry.id} data-testid="catalog-entry" className="flex flex-col gap-1 border-b border-slate-200 py-2 last:border-b-0 dark:border-slate-800">
              <div className="flex items-center justify-between gap-3">
                <div className="min-w-0">
                  <span className="font-medium">{entry.name}</span>
                  <span className="ml-2 text-xs text-slate-500">
                    {entry.parameters} · {entry.quantization} · {formatBytes(entry.sizeBytes)} · {entry.contextLength.toLocaleString()} ctx · {entry.license}
                  </span>
                  <div className="text-xs text-slate-500 dark:text-slate-400">{entry.suits}</div>
                </div>
                {!active && (
                  <Button onClick={() => void downloadRequested({ uri: entry.uri, name: entry.name })} aria-label={`Download ${entry.name}`}>
                    Download
                  </Button>
                )}
              </div>
              {download && <DownloadLine download={download} />}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** A download's progress with pause/resume/cancel; a failure with its reason and Retry. */
export function DownloadLine({ download }: { download: DownloadStatus }) {
  const downloadControlled = useModelStore((state) => state.downloadControlled);
  const downloadRequested = useModelStore((state) => state.downloadRequested);
  const progress = download.progress;
  const fraction = progress && progress.totalBytes > 0 ? progress.downloadedBytes / progress.totalBytes : null;
  const control = (action: "pause" | "resume" | "cancel") => void downloadControlled(download.downloadId, action);
  if (download.state === "failed") {
    return (
      <div className="flex items-center gap-3">
        <p role="alert" data-testid="download-error" className="flex-1 text-sm text-rose-700 dark:text-rose-300">
          {download.error}
        </p>
        {/* A new download of the same URI continues from the partial file, if any. */}
        <Button onClick={() => void downloadRequested({ uri: download.uri, name: download.name })}>Retry</Button>
      </div>
    );
  }
  if (download.state === "cancelled") return <p className="text-xs text-slate-500">Cancelled; the partial file was deleted.</p>;
  if (download.state === "done") return <p className="text-xs text-emerald-700 dark:text-emerald-300">Downloaded to {download.file}</p>;
  return (
    <div className="flex items-center gap-3" data-testid="download">
      <ProgressBar value={fraction} label={`Downloading ${download.name}`} className="flex-1" />
      <span className="w-64 shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-300">
        {progress ? `${formatBytes(progress.downloadedBytes)} / ${formatBytes(progress.totalBytes)}` : "starting"}
        {download.state === "paused" ? " · paused" : progress && progress.bytesPerSecond > 0 ? ` · ${formatBytes(progress.bytesPerSecond)}/s` : ""}
        {download.state !== "paused" && progress?.etaSeconds != null ? ` · ${formatDuration(progress.etaSeconds)} left` : ""}
      </span>
      {download.state === "paused" ? <Button onClick={() => control("resume")}>Resume</Button> : <Button onClick={() => control("pause")}>Pause</Button>}
      <Button variant="ghost" onClick={() => control("cancel")}>
        Cancel
      </Button>
    </div>
  );
}
