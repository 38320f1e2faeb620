import { useMemo } from "react";
import { PERSONA_FIELDS, type Persona } from "../../../shared/domain/persona.js";
import { personaMatches } from "./persona-draft.js";
import { usePersonaStore } from "./persona-store.js";

const headerClass = "truncate px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";
const cellClass = "max-w-0 truncate px-2 py-1.5";

type Field = (typeof PERSONA_FIELDS)[number];
/** Every SynDisco field gets a column; widths in rem so long texts truncate with their full value on hover. */
const columns: { field: Field; label: string; width: number }[] = [
  { field: "username", label: "Username", width: 10 },
  { field: "age", label: "Age", width: 4 },
  { field: "sex", label: "Sex", width: 6 },
  { field: "sexual_orientation", label: "Orientation", width: 7 },
  { field: "demographic_group", label: "Demographic group", width: 11 },
  { field: "current_employment", label: "Employment", width: 12 },
  { field: "education_level", label: "Education", width: 10 },
  { field: "personality_characteristics", label: "Personality", width: 12 },
  { field: "special_instructions", label: "Special instructions", width: 16 },
];

function cellText(persona: Persona, field: Field): string {
  const value = persona[field];
  if (field === "age" && value === -1) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** The pool as the search box filters it. */
export function useVisiblePersonas(): Persona[] {
  const personas = usePersonaStore((state) => state.personas);
  const query = usePersonaStore((state) => state.query);
  return useMemo(() => personas.filter((persona) => personaMatches(persona, query)), [personas, query]);
}

/** The pool, filtered by the search box, one column per field; a row opens the persona in the editor. */
export function PersonaTable() {
  const query = usePersonaStore((state) => state.query);
  const checked = usePersonaStore((state) => state.checked);
  const editingName = usePersonaStore((state) => state.editing?.original ?? null);
  const personaOpened = usePersonaStore((state) => state.personaOpened);
  const personaChecked = usePersonaStore((state) => state.personaChecked);
  const checkedReplaced = usePersonaStore((state) => state.checkedReplaced);
  const visible = useVisiblePersonas();
  const checkedSet = new Set(checked);
  const allVisibleChecked = visible.length > 0 && visible.every((persona) => checkedSet.has(persona.username));

  if (visible.length === 0) return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">No persona matches “{query}”.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="table-fixed border-collapse text-sm" style={{ width: `${2 + columns.reduce((sum, column) => sum + column.width, 0)}rem`, minWidth: "100%" }}>
        <colgroup>
          <col style={{ width: "2rem" }} />
          {columns.map((column) => (
            <col key={column.field} style={{ width: `${column.width}rem` }} />
          ))}
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
            {columns.map((column) => (
              <th key={column.field} className={headerClass} title={column.field}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((persona) => (
            <tr
              key={persona.username}
              data-testid="persona-row"
              aria-selected={editingName === persona.username}
              onClick={() => personaOpened(persona.username)}
              className="cursor-pointer border-b border-slate-100 hover:bg-slate-50 aria-selected:bg-indigo-50 dark:border-slate-800/60 dark:hover:bg-slate-900 dark:aria-selected:bg-indigo-950"
            >
              <td className="px-2" onClick={(event) => event.stopPropagation()}>
                <input type="checkbox" aria-label={`Tick ${persona.username}`} checked={checkedSet.has(persona.username)} onChange={(event) => personaChecked(persona.username, event.target.checked)} />
              </td>
              {columns.map((column) => {
                const text = cellText(persona, column.field);
                return (
                  <td key={column.field} className={`${cellClass} ${column.field === "username" ? "font-medium" : column.field === "personality_characteristics" || column.field === "special_instructions" ? "text-slate-500 dark:text-slate-400" : ""}`} title={text}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
