import { useState } from "react";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { usePopulationStore } from "./population-store.js";
import { ProfileFigures } from "./ProfileFigures.js";

const shownPersonas = 50;

/** A drawn pool: what to do with it, its personas, and its profile against the population. */
export function PoolResult() {
  const result = usePopulationStore((state) => state.result);
  const poolAddedToPersonas = usePopulationStore((state) => state.poolAddedToPersonas);
  const poolSaved = usePopulationStore((state) => state.poolSaved);
  const poolExported = usePopulationStore((state) => state.poolExported);
  const [name, setName] = useState("");
  if (!result) return null;
  const { personas, record, profile } = result;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm">
          <strong>{personas.length}</strong> personas drawn from “{record.spec.name}” with seed {record.seed}
          {record.completion ? `, free text by ${record.completion.model.displayName}` : ""}.
        </span>
        <Button variant="primary" onClick={() => void poolAddedToPersonas()}>
          Add {personas.length} to my personas
        </Button>
        <Button onClick={poolExported}>Export personas file + record</Button>
        <input aria-label="Pool name" placeholder={record.spec.name} className={`${controlClass} w-48 py-1`} value={name} onChange={(event) => setName(event.target.value)} />
        <Button onClick={() => void poolSaved(name.trim() || record.spec.name)}>Save in data folder</Button>
      </div>
      <div className="max-h-72 overflow-auto rounded-md border border-slate-200 dark:border-slate-700">
        <table aria-label="Drawn personas" className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
            <tr>
              {["username", "age", "sex", "orientation", "group", "employment", "education", "traits", "instructions"].map((header) => (
                <th key={header} className="px-2 py-1 font-medium">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {personas.slice(0, shownPersonas).map((persona) => (
              <tr key={persona.username} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-2 py-0.5 font-medium">{persona.username}</td>
                <td className="px-2 py-0.5">{String(persona.age)}</td>
                <td className="px-2 py-0.5">{persona.sex}</td>
                <td className="px-2 py-0.5">{persona.sexual_orientation}</td>
                <td className="px-2 py-0.5">{persona.demographic_group}</td>
                <td className="px-2 py-0.5">{persona.current_employment}</td>
                <td className="px-2 py-0.5">{persona.education_level}</td>
                <td className="px-2 py-0.5">{persona.personality_characteristics.join(", ")}</td>
                <td className="max-w-64 truncate px-2 py-0.5" title={persona.special_instructions}>
                  {persona.special_instructions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {personas.length > shownPersonas && <p className="px-2 py-1 text-xs text-slate-500">…and {personas.length - shownPersonas} more (all of them are added, saved and exported).</p>}
      </div>
      <ProfileFigures profile={profile} title="The pool against its population" />
    </div>
  );
}
