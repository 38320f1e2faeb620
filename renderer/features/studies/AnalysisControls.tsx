import type { MeasureLevel } from "../../../shared/domain/analysis.js";
import { SelectField } from "../../ui/field.js";
import { useStudiesStore } from "./studies-store.js";

const NONE = "";

/** Measure, up to two factors, and (for comment measures) whether each comment or each discussion is a value. */
export function AnalysisControls() {
  const overview = useStudiesStore((state) => state.overview);
  const choice = useStudiesStore((state) => state.choice);
  const choiceChanged = useStudiesStore((state) => state.choiceChanged);
  if (!overview || !choice) return null;
  const measure = overview.measures.find((m) => m.level === choice.measure.level && m.column === choice.measure.column);
  const [first, second] = choice.factors;
  const setFactor = (index: 0 | 1, name: string) => {
    const factors = index === 0 ? [name, second ?? NONE] : [first ?? NONE, name];
    void choiceChanged({ factors: factors.filter((factor, position) => factor !== NONE && factors.indexOf(factor) === position) });
  };
  const group = (level: MeasureLevel) => overview.measures.filter((m) => m.level === level);
  return (
    <div className="flex flex-wrap items-end gap-4" data-testid="analysis-controls">
      <SelectField
        label="Measure"
        className="w-72"
        value={`${choice.measure.level}:${choice.measure.column}`}
        onChange={(event) => {
          const [level, column] = event.target.value.split(":") as [MeasureLevel, string];
          void choiceChanged({ measure: { level, column } });
        }}
      >
        <optgroup label="Per comment">
          {group("comment").map((m) => (
            <option key={m.column} value={`comment:${m.column}`}>
              {m.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Per discussion">
          {group("discussion").map((m) => (
            <option key={m.column} value={`discussion:${m.column}`}>
              {m.label}
            </option>
          ))}
        </optgroup>
      </SelectField>
      <SelectField label="Compare by" className="w-48" value={first ?? NONE} onChange={(event) => setFactor(0, event.target.value)}>
        <option value={NONE}>nothing (all pooled)</option>
        {overview.factors.map((factor) => (
          <option key={factor.name} value={factor.name}>
            {factor.name} ({factor.levels.length})
          </option>
        ))}
      </SelectField>
      <SelectField label="and by" className="w-48" value={second ?? NONE} disabled={!first} onChange={(event) => setFactor(1, event.target.value)}>
        <option value={NONE}>nothing</option>
        {overview.factors
          .filter((factor) => factor.name !== first)
          .map((factor) => (
            <option key={factor.name} value={factor.name}>
              {factor.name} ({factor.levels.length})
            </option>
          ))}
      </SelectField>
      {choice.measure.level === "comment" && (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">Unit</legend>
          <div className="flex gap-3 py-1.5 text-sm">
            {(["discussion", "comment"] as const).map((unit) => (
              <label key={unit} className="flex items-center gap-1.5">
                <input type="radio" name="analysis-unit" checked={choice.unit === unit} onChange={() => void choiceChanged({ unit })} />
                {unit === "discussion" ? "Discussion means" : "Each comment"}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {measure && <p className="basis-full text-xs text-slate-500 dark:text-slate-400">{measure.description}</p>}
    </div>
  );
}
