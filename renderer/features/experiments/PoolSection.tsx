import { Section } from "../../ui/section.js";
import { TextAreaField } from "../../ui/field.js";
import { EmptyState } from "../../ui/empty-state.js";
import { NumberField } from "./NumberField.js";
import { useExperimentStore } from "./experiment-store.js";

/** The persona pool, how many of it speak in each discussion, and the shared context. */
export function PoolSection() {
  const personas = useExperimentStore((state) => state.personas);
  const pool = useExperimentStore((state) => state.draft.pool);
  const usersPerDiscussion = useExperimentStore((state) => state.draft.usersPerDiscussion);
  const context = useExperimentStore((state) => state.draft.context);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  const toggle = (username: string) => draftChanged({ pool: pool.includes(username) ? pool.filter((name) => name !== username) : [...pool, username] });
  return (
    <Section
      title={`Persona pool (${pool.length} of ${personas.length})`}
      actions={
        <>
          <button type="button" className="text-xs text-indigo-600 hover:underline" onClick={() => draftChanged({ pool: personas.map((persona) => persona.username) })}>
            All
          </button>
          <button type="button" className="text-xs text-indigo-600 hover:underline" onClick={() => draftChanged({ pool: [] })}>
            None
          </button>
        </>
      }
    >
      {personas.length === 0 ? (
        <EmptyState title="No personas yet">Create or import personas on the Personas page; the pool is drawn from them.</EmptyState>
      ) : (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Persona pool">
          {personas.map((persona) => (
            <label
              key={persona.username}
              className={`cursor-pointer rounded-full border px-2.5 py-0.5 text-sm ${pool.includes(persona.username) ? "border-indigo-500 bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" : "border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-300"}`}
            >
              <input type="checkbox" className="sr-only" checked={pool.includes(persona.username)} onChange={() => toggle(persona.username)} />
              {persona.username}
            </label>
          ))}
        </div>
      )}
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-4">
        <NumberField label="Users per discussion" min={1} value={usersPerDiscussion} onChange={(value) => draftChanged({ usersPerDiscussion: value })} />
        <TextAreaField label="Context (every actor)" className="sm:col-span-3" rows={2} value={context} onChange={(event) => draftChanged({ context: event.target.value })} />
      </div>
    </Section>
  );
}
