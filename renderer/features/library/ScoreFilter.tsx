import { useEffect } from "react";
import { controlClass } from "../../ui/field.js";
import { useScoreFilterStore } from "./score-filter-store.js";

/** Filter and sort the library by an annotation score (mean over comments and annotators). */
export function ScoreFilter() {
  const dimensions = useScoreFilterStore((state) => state.dimensions);
  const dimension = useScoreFilterStore((state) => state.dimension);
  const min = useScoreFilterStore((state) => state.min);
  const means = useScoreFilterStore((state) => state.means);
  const scoresRequested = useScoreFilterStore((state) => state.scoresRequested);
  const dimensionChosen = useScoreFilterStore((state) => state.dimensionChosen);
  const minChanged = useScoreFilterStore((state) => state.minChanged);
  useEffect(() => {
    void scoresRequested();
  }, [scoresRequested]);
  if (dimensions.length === 0) return null;
  return (
    <div className="flex shrink-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
      <select aria-label="Sort by score" className={controlClass} value={dimension ?? ""} onChange={(e) => dimensionChosen(e.target.value || null)}>
        <option value="">Any score</option>
        {dimensions.map((name) => (
          <option key={name} value={name}>{`By ${name} (highest first)`}</option>
        ))}
      </select>
      {dimension && (
        <input aria-label={`Minimum ${dimension}`} type="number" step={0.1} placeholder="min" className={`${controlClass} w-20`} value={min ?? ""} onChange={(e) => minChanged(e.target.value === "" ? null : Number(e.target.value))} />
      )}
      {dimension && <span data-testid="score-count">{Object.keys(means).length} annotated</span>}
    </div>
  );
}
