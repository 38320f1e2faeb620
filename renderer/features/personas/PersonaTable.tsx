import { useMemo } from "react";
import { personaMatches } from "./persona-draft.js";
import { usePersonaStore } from "./persona-store.js";

const headerClass = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const cellClass = "max-w-0 truncate px-2 py-1.5";

/** The pool, filtered by the search box; a row opens the persona in the editor. */
export function PersonaTable() {
  const personas = usePersonaStore((state) => state.personas);
  const query = usePersonaStore((state) => state.query);
  const checked = usePersonaStore((state) => state.checked);
  const editingName = usePersonaStore((state) => state.editing?.original ?? null);
  const personaOpened = usePersonaStore((state) => state.personaOpened);
  const personaChecked = usePersonaStore((state) => state.personaChecked);
  const checkedReplaced = usePersonaStore((state) => state.checkedReplaced);
  const visible = useMemo(() => personas.filter((persona) => personaMatches(persona, query)), [personas, query]);
  const checkedSet = new Set(checked);
  const allVisibleChecked = visible.length > 0 && visible.every((persona) => checkedSet.has(persona.username));

  if (visible.length === 0) return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">No persona matches “{query}”.</p>;
  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <colgroup>
        <col className="w-8" />
        <col className="w-[22%]" />
        <col className="w-[10%]" />
        <col className="w-[14%]" />
        <col className="w-[22%]" />
        <col />
      </colgroup>
      <thead className="sticky top-0 bg-white dark:bg-slate-950">
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th className="px-2">
            <input
              type="checkbox"
              aria-label="Tick every persona shown"
              checked={allVisibleChecked}
              onChange={(event) => {
                const shown = new Set(visible.map((persona) => persona.username));
                const others = checked.filter((name) => !shown.has(name));
                checkedReplaced(event.target.checked ? [...others, ...shown] : others);
              }}
            />
          </th>
          <th className={headerClass}>Username</th>
          <th className={headerClass}>Age</th>
          <th className={headerClass}>Sex</th>
          <th className={headerClass}>Employment</th>
          <th className={headerClass}>Personality</th>
        </tr>
      </thead>
      <tbody>
        {visible.map((persona) => (
          <tr
            key={persona.username}
            aria-selected={editingName === persona.username}
            onClick={() => personaOpened(persona.username)}
            className="cursor-pointer border-b border-slate-100 hover:bg-slate-50 aria-selected:bg-indigo-50 dark:border-slate-800/60 dark:hover:bg-slate-900 dark:aria-selected:bg-indigo-950"
          >
            <td className="px-2" onClick={(event) => event.stopPropagation()}>
              <input type="checkbox" aria-label={`Tick ${persona.username}`} checked={checkedSet.has(persona.username)} onChange={(event) => personaChecked(persona.username, event.target.checked)} />
            </td>
            <td className={`${cellClass} font-medium`} title={persona.username}>
              {persona.username}
            </td>
            <td className={cellClass}>{persona.age === -1 ? "" : String(persona.age)}</td>
            <td className={cellClass}>{persona.sex}</td>
            <td className={cellClass} title={persona.current_employment}>
              {persona.current_employment}
            </td>
            <td className={`${cellClass} text-slate-500 dark:text-slate-400`} title={persona.personality_characteristics.join(", ")}>
              {persona.personality_characteristics.join(", ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
