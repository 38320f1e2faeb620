import { inputClass } from "../../ui/field.js";
import { useModelStore } from "./model-store.js";

/** Sequences and GPU layers that the fit estimates and loads use; the context size is the settings'. */
export function FitShapeControls() {
  const shape = useModelStore((state) => state.shape);
  const shapeChanged = useModelStore((state) => state.shapeChanged);
  return (
    <div className="flex flex-wrap items-end gap-4 text-sm">
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Sequences (actors × discussions at once)</span>
        <input
          type="number"
          min={1}
          max={1024}
          className={`${inputClass} w-28`}
          value={shape.sequences}
          onChange={(event) => shapeChanged({ sequences: Math.max(1, Math.floor(Number(event.target.value)) || 1) })}
        />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">GPU layers</span>
        <div className="flex items-center gap-2">
          <select
            aria-label="GPU layers mode"
            className={`${inputClass} w-28`}
            value={shape.gpuLayers === "auto" ? "auto" : "manual"}
            onChange={(event) => shapeChanged({ gpuLayers: event.target.value === "auto" ? "auto" : 0 })}
          >
            <option value="auto">auto</option>
            <option value="manual">manual</option>
          </select>
          {shape.gpuLayers !== "auto" && (
            <input
              type="number"
              aria-label="GPU layers"
              min={0}
              className={`${inputClass} w-24`}
              value={shape.gpuLayers}
              onChange={(event) => shapeChanged({ gpuLayers: Math.max(0, Math.floor(Number(event.target.value)) || 0) })}
            />
          )}
        </div>
      </label>
      <p className="max-w-sm text-xs text-slate-500 dark:text-slate-400">Context size per sequence comes from Settings. “Fits?” shows what auto decides.</p>
    </div>
  );
}
