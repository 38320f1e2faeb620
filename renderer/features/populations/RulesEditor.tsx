import { useState } from "react";
import type { Condition, PopulationSpec } from "../../../shared/domain/population.js";
import { scalarFieldNames } from "../../../shared/domain/population.js";
import { describeRule } from "../../../shared/population/rules.js";
import { fieldTargets } from "../../../shared/population/targets.js";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { usePopulationStore } from "./population-store.js";

type Operator = "in" | "notIn" | "min" | "max";

interface ConditionDraft {
  field: string;
  operator: Operator;
  values: string;
}

const operatorLabels: Record<Operator, string> = { in: "is one of", notIn: "is none of", min: "is at least", max: "is at most" };

function toCondition(draft: ConditionDraft): Condition | null {
  if (draft.operator === "min" || draft.operator === "max") {
    const number = Number(draft.values);
    return draft.values.trim() === "" || !Number.isFinite(number) ? null : { field: draft.field, [draft.operator]: number };
  }
  const values = draft.values.split(",").map((value) => value.trim()).filter((value) => value !== "");
  return values.length === 0 ? null : { field: draft.field, [draft.operator]: values };
}

function ConditionInput({ label, spec, value, onChange }: { label: string; spec: PopulationSpec; value: ConditionDraft; onChange: (value: ConditionDraft) => void }) {
  const known = [...(fieldTargets(spec, value.field)?.keys() ?? [])];
  const operators: Operator[] = value.field === "age" ? ["in", "notIn", "min", "max"] : ["in", "notIn"];
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="w-10 text-xs font-medium text-slate-500">{label}</span>
      <select aria-label={`${label} field`} className={`${controlClass} py-1`} value={value.field} onChange={(event) => onChange({ ...value, field: event.target.value, operator: "in" })}>
        {scalarFieldNames(spec).map((field) => (
          <option key={field} value={field}>
            {field.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      <select aria-label={`${label} test`} className={`${controlClass} py-1`} value={value.operator} onChange={(event) => onChange({ ...value, operator: event.target.value as Operator })}>
        {operators.map((operator) => (
          <option key={operator} value={operator}>
            {operatorLabels[operator]}
          </option>
        ))}
      </select>
      <input
        aria-label={`${label} values`}
        className={`${controlClass} min-w-48 flex-1 py-1`}
        placeholder={value.operator === "min" || value.operator === "max" ? "an age" : known.length > 0 ? `e.g. ${known.slice(0, 2).join(", ")}` : "values, comma-separated"}
        list={`known-${label}`}
        value={value.values}
        onChange={(event) => onChange({ ...value, values: event.target.value })}
      />
      <datalist id={`known-${label}`}>
        {known.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </div>
  );
}

/** Rules that tie fields together ("if age is at most 17 then employment is one of Student"). */
export function RulesEditor() {
  const draft = usePopulationStore((state) => state.draft);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const [condition, setCondition] = useState<ConditionDraft>({ field: "age", operator: "max", values: "" });
  const [consequence, setConsequence] = useState<ConditionDraft>({ field: "current_employment", operator: "in", values: "" });
  const [note, setNote] = useState("");
  const when = toCondition(condition);
  const then = toCondition(consequence);
  return (
    <div className="flex flex-col gap-3">
      {draft.rules.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No rules: every field is drawn independently (or jointly, from a table).</p>
      ) : (
        <ol aria-label="Rules" className="flex flex-col gap-1">
          {draft.rules.map((rule, index) => (
            <li key={index} className="flex items-start justify-between gap-2 rounded bg-slate-50 px-2 py-1 text-sm dark:bg-slate-900">
              <span>{describeRule(rule, index)}</span>
              <button type="button" aria-label={`Remove rule ${index + 1}`} className="text-slate-400 hover:text-rose-600" onClick={() => draftEdited((target) => void target.rules.splice(index, 1))}>
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <fieldset className="flex flex-col gap-2 rounded-md border border-dashed border-slate-300 p-2 dark:border-slate-700">
        <legend className="px-1 text-xs font-medium text-slate-600 dark:text-slate-300">New rule</legend>
        <ConditionInput label="If" spec={draft} value={condition} onChange={setCondition} />
        <ConditionInput label="Then" spec={draft} value={consequence} onChange={setConsequence} />
        <div className="flex items-center gap-2">
          <input aria-label="Why (optional)" placeholder="why, e.g. minors are not in paid work" className={`${controlClass} flex-1 py-1`} value={note} onChange={(event) => setNote(event.target.value)} />
          <Button
            disabled={!when || !then}
            onClick={() => {
              if (!when || !then) return;
              draftEdited((target) => void target.rules.push({ if: [when], then, ...(note.trim() ? { note: note.trim() } : {}) }));
              setCondition({ ...condition, values: "" });
              setConsequence({ ...consequence, values: "" });
              setNote("");
            }}
          >
            Add rule
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
