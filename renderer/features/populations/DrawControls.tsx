import { useEffect, useState } from "react";
import type { PopulationSpec } from "../../../shared/domain/population.js";
import type { ModelEntry } from "../../../shared/domain/model-info.js";
import { studio } from "../../app/studio.js";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { modelKey, modelOptions } from "../designer/model-options.js";
import { usePopulationStore } from "./population-store.js";

function needsLlm(spec: PopulationSpec): boolean {
  return spec.fields.special_instructions?.kind === "llm" || spec.fields.personality_characteristics?.kind === "llm";
}

/** Size, seed, the LLM for free text, and the Draw button with its progress. */
export function DrawControls({ blocked }: { blocked: string | null }) {
  const draft = usePopulationStore((state) => state.draft);
  const size = usePopulationStore((state) => state.size);
  const seed = usePopulationStore((state) => state.seed);
  const model = usePopulationStore((state) => state.model);
  const drawing = usePopulationStore((state) => state.drawing);
  const drawSettingsChanged = usePopulationStore((state) => state.drawSettingsChanged);
  const drawRequested = usePopulationStore((state) => state.drawRequested);
  const drawCancelled = usePopulationStore((state) => state.drawCancelled);
  const [models, setModels] = useState<ModelEntry[]>([]);
  const llm = needsLlm(draft);
  useEffect(() => {
    if (!llm) return;
    studio.call("models.list", {}).then(
      (list) => setModels(list.models),
      () => setModels([]),
    );
  }, [llm]);
  const options = modelOptions(models, [model]);
  const progress = drawing?.progress;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          Personas
          <input aria-label="Pool size" type="number" min={1} max={100000} className={`${controlClass} w-24 py-1`} value={size} onChange={(event) => drawSettingsChanged({ size: Math.max(1, Math.trunc(Number(event.target.value) || 1)) })} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          Seed
          <input aria-label="Pool seed" type="number" min={0} className={`${controlClass} w-28 py-1`} value={seed} onChange={(event) => drawSettingsChanged({ seed: Math.max(0, Math.trunc(Number(event.target.value) || 0)) })} />
        </label>
        {llm && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            LLM for the free-text fields
            <select
              aria-label="LLM for the free-text fields"
              className={`${controlClass} py-1`}
              value={model ? modelKey(model) : ""}
              onChange={(event) => drawSettingsChanged({ model: options.find((option) => option.key === event.target.value)?.ref ?? null })}
            >
              <option value="">Leave them empty</option>
              {options.map((option) => (
                <option key={option.key} value={option.key}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {drawing ? (
          <Button variant="danger" onClick={() => void drawCancelled()}>
            Cancel
          </Button>
        ) : (
          <Button variant="primary" disabled={blocked !== null} title={blocked ?? undefined} onClick={() => void drawRequested()}>
            Draw pool
          </Button>
        )}
      </div>
      {drawing && (
        <div className="flex max-w-xl flex-col gap-1">
          <ProgressBar value={progress?.total ? progress.done / progress.total : null} label="Drawing the pool" />
          <span className="text-xs text-slate-500 dark:text-slate-400">{progress ? `${progress.label}: ${progress.done}${progress.total ? ` of ${progress.total}` : ""}` : "Starting…"}</span>
        </div>
      )}
    </div>
  );
}
