import type { FitEstimateInfo, GpuLayers } from "../../../shared/contract-models.js";
import { localModelName, type ModelEntry } from "../../../shared/domain/model-info.js";
import { Button } from "../../ui/button.js";
import { formatBytes, formatCount } from "../../ui/format.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { useModelStore } from "./model-store.js";

/** One local model: its metadata (or why it cannot be read), fit estimate, load state and actions. */
export function ModelRow({ model }: { model: ModelEntry }) {
  const fit = useModelStore((state) => state.fits[model.path]);
  const loadedModel = useModelStore((state) => state.loaded.find((entry) => entry.path === model.path));
  const loading = useModelStore((state) => state.loading[model.path]);
  const fitRequested = useModelStore((state) => state.fitRequested);
  const loadRequested = useModelStore((state) => state.loadRequested);
  const unloadRequested = useModelStore((state) => state.unloadRequested);
  const modelRemoved = useModelStore((state) => state.modelRemoved);
  const gpuMode = useModelStore((state) => state.shape.gpuLayers);
  const contextSize = useModelStore((state) => state.contextSize);
  const info = model.info;
  return (
    <li data-testid="model-row" className="flex flex-col gap-2 border-b border-slate-200 py-3 last:border-b-0 dark:border-slate-800">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <span className="font-medium" data-testid="model-name">
              {localModelName(model)}
            </span>
            {loadedModel && (
              <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                loaded{loadedModel.gpuLayers !== null ? ` · ${loadedModel.gpuLayers} GPU layers` : ""}
              </span>
            )}
            <span className="text-xs text-slate-500">{model.source === "folder" ? "models folder" : "added"}</span>
          </div>
          <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={model.path}>
            {model.path}
          </div>
        </div>
        <div className="flex shrink-0 gap-2">
          {info && (
            <Button onClick={() => void fitRequested(model.path)} title="Estimate memory for the sequences and context size">
              Fits?
            </Button>
          )}
          {info && !loadedModel && (
            <Button variant="primary" disabled={loading !== undefined} onClick={() => void loadRequested(model.path)}>
              {loading !== undefined ? "Loading…" : "Load"}
            </Button>
          )}
          {loadedModel && <Button onClick={() => void unloadRequested(model.path)}>Unload</Button>}
          {model.source === "added" && (
            <Button variant="ghost" onClick={() => void modelRemoved(model.path)} title="Forget this path; the file stays on disk">
              Remove
            </Button>
          )}
        </div>
      </div>
      {info ? (
        <dl data-testid="model-metadata" className="grid grid-cols-4 gap-x-4 text-xs sm:grid-cols-7">
          <Meta label="Name in the file" value={info.name ?? "—"} />
          <Meta label="Architecture" value={info.architecture} />
          <Meta label="Parameters" value={formatCount(info.parameters)} />
          <Meta label="Quantization" value={info.quantization} />
          <Meta label="Trained context" value={info.contextLength === null ? "unknown" : `${info.contextLength} tokens`} />
          <Meta label="Chat template" value={info.hasChatTemplate ? "yes" : "no (fallback)"} />
          <Meta label="Size" value={formatBytes(info.sizeBytes)} />
        </dl>
      ) : (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {model.error}
        </p>
      )}
      {loading !== undefined && <ProgressBar value={loading} label={`Loading ${model.fileName}`} />}
      {info?.contextLength != null && contextSize !== null && contextSize > info.contextLength && (
        <p data-testid="beyond-training" role="status" className="text-sm text-amber-700 dark:text-amber-300">
          ⚠ The context size in Settings ({contextSize.toLocaleString()} tokens) is more than the {info.contextLength.toLocaleString()} this model was trained for: replies degrade past {info.contextLength.toLocaleString()} tokens.
        </p>
      )}
      {fit && (
        <p data-testid="fit" className={`text-sm ${"error" in fit ? "text-rose-700" : fit.fits && !fit.beyondTraining ? "text-emerald-700 dark:text-emerald-300" : "text-amber-700 dark:text-amber-300"}`}>
          {"error" in fit ? fit.error : fitText(fit, gpuMode)}
        </p>
      )}
    </li>
  );
}

/** The estimate's sentence, plus what "auto" chose when a GPU is in play (on the CPU there is nothing to choose). */
function fitText(fit: FitEstimateInfo, mode: GpuLayers): string {
  if (fit.vram === null) return fit.explanation;
  return `${fit.explanation} ${mode === "auto" ? "Auto chose" : "Manual:"} ${fit.gpuLayers} of ${fit.totalLayers} layers on the GPU.`;
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-medium text-slate-800 dark:text-slate-100">{value}</dd>
    </div>
  );
}
