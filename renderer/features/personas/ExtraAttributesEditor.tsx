import { Button } from "../../ui/button.js";
import { controlClass, inputClass } from "../../ui/field.js";
import type { ExtraAttribute } from "./persona-draft.js";

/** Researcher-defined key/value attributes, kept in the SynDisco file beside the nine fields. */
export function ExtraAttributesEditor({ extras, errors, onChange }: { extras: ExtraAttribute[]; errors: Record<number, string> | undefined; onChange: (extras: ExtraAttribute[]) => void }) {
  const replace = (index: number, patch: Partial<ExtraAttribute>) => onChange(extras.map((attribute, at) => (at === index ? { ...attribute, ...patch } : attribute)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Extra attributes</legend>
      {extras.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">None. Add your own (e.g. political_leaning) — SynDisco keeps them, prompts use the nine fields.</p>}
      {extras.map((attribute, index) => (
        <div key={index} className="flex flex-col gap-1">
          <div className="flex items-center gap-2">
            <input
              aria-label={`Attribute ${index + 1} name`}
              aria-invalid={errors?.[index] ? true : undefined}
              className={`${controlClass} w-40 shrink-0`}
              placeholder="name"
              value={attribute.key}
              onChange={(event) => replace(index, { key: event.target.value })}
            />
            <input
              aria-label={`Attribute ${index + 1} value`}
              className={inputClass}
              placeholder={attribute.json ? "JSON value" : "value"}
              value={attribute.value}
              onChange={(event) => replace(index, { value: event.target.value })}
            />
            <Button variant="ghost" aria-label={`Remove attribute ${index + 1}`} onClick={() => onChange(extras.filter((_, at) => at !== index))}>
              ×
            </Button>
          </div>
          {errors?.[index] && <p className="text-xs text-rose-600 dark:text-rose-400">{errors[index]}</p>}
        </div>
      ))}
      <div>
        <Button onClick={() => onChange([...extras, { key: "", value: "", json: false }])}>Add attribute</Button>
      </div>
    </fieldset>
  );
}
