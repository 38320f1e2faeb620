import { useMemo, useState } from "react";
import { Section } from "../../ui/section.js";
import { controlClass, inputClass } from "../../ui/field.js";
import { Button } from "../../ui/button.js";
import { usePersonaStore } from "../personas/persona-store.js";
import { personaMatches } from "../personas/persona-draft.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { useDesignStore } from "./design-store.js";
import { useFieldProblem } from "./use-built-design.js";
import { pickParticipants } from "./random-participants.js";
import type { Persona } from "../../../shared/domain/persona.js";

/** Draw N participants from the (filtered) pool with the design's seed. */
function RandomPick({ pool, moderator }: { pool: readonly Persona[]; moderator: string }) {
  const seedText = useDesignStore((state) => state.form.seed);
  const participantsReplaced = useDesignStore((state) => state.participantsReplaced);
  const [count, setCount] = useState("5");
  const seed = /^\d+$/.test(seedText.trim()) ? Number.parseInt(seedText, 10) : null;
  const n = Number.parseInt(count, 10);
  const usable = seed !== null && Number.isInteger(n) && n > 0;
  return (
    <div className="flex items-center gap-2 text-sm">
      <label className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
        Pick
        <input type="number" min={1} max={pool.length} aria-label="How many participants to pick" className={`${inputClass} w-16`} value={count} onChange={(event) => setCount(event.target.value)} />
        at random
      </label>
      <Button
        disabled={!usable}
        title={seed === null ? "Give a whole-number seed (Run settings) to draw with" : `Draw ${count} of the ${pool.length} shown with seed ${seed}: the same seed draws the same people`}
        onClick={() => seed !== null && participantsReplaced(pickParticipants(pool, n, seed, moderator))}
      >
        {seed === null ? "Pick (needs a seed)" : `Pick with seed ${seed}`}
      </Button>
    </div>
  );
}

/** Everyone taking part, together, whatever the pool's filter hides. */
function ChosenList({ participants, humans }: { participants: string[]; humans: string[] }) {
  const participantToggled = useDesignStore((state) => state.participantToggled);
  if (participants.length === 0) return null;
  return (
    <ul aria-label="Chosen participants" className="flex flex-wrap gap-1">
      {participants.map((name) => (
        <li key={name} className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2 text-xs text-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100">
          {name}
          {humans.includes(name) && <span className="text-sky-700 dark:text-sky-300">(you)</span>}
          <button type="button" aria-label={`Remove ${name}`} className="rounded-full px-1 hover:bg-indigo-200 dark:hover:bg-indigo-800" onClick={() => participantToggled(name, false)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function ParticipantsSection() {
  const pool = usePersonaStore((state) => state.personas);
  const sets = usePersonaStore((state) => state.sets);
  const participants = useDesignStore((state) => state.form.participants);
  const moderator = useDesignStore((state) => (state.form.moderatorEnabled ? state.form.moderator : ""));
  const participantToggled = useDesignStore((state) => state.participantToggled);
  const humans = useDesignStore((state) => state.form.humanParticipants);
  const formChanged = useDesignStore((state) => state.formChanged);
  const participantsReplaced = useDesignStore((state) => state.participantsReplaced);
  const problem = useFieldProblem("participants");
  const [query, setQuery] = useState("");
  const visible = useMemo(() => pool.filter((persona) => personaMatches(persona, query)), [pool, query]);
  const chosen = new Set(participants);

  return (
    <Section title={`Participants (${participants.length})`} actions={participants.length > 0 && <Button variant="ghost" onClick={() => participantsReplaced([])}>Clear</Button>}>
      {pool.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          The persona pool is empty.{" "}
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => useNavigationStore.getState().viewChanged("personas")}>
            Create or import personas
          </button>{" "}
          first, then choose who takes part here.
        </p>
      ) : (
        <div className="flex flex-col gap-2">
          <ChosenList participants={participants} humans={humans} />
          <RandomPick pool={visible} moderator={moderator} />
          <div className="flex gap-2">
            <input type="search" aria-label="Search the pool" placeholder="Search the pool…" className={inputClass} value={query} onChange={(event) => setQuery(event.target.value)} />
            {sets.length > 0 && (
              <select
                aria-label="Take participants from a set"
                className={`${controlClass} w-40`}
                value=""
                onChange={(event) => {
                  const set = sets.find((candidate) => candidate.name === event.target.value);
                  if (set) participantsReplaced(set.usernames.filter((name) => pool.some((persona) => persona.username === name)));
                }}
              >
                <option value="">From a set…</option>
                {sets.map((set) => (
                  <option key={set.name} value={set.name}>
                    {set.name}
                  </option>
                ))}
              </select>
            )}
          </div>
          <ul className="max-h-56 overflow-auto rounded-md border border-slate-200 dark:border-slate-800" aria-label="Persona pool">
            {visible.map((persona) => (
              <li key={persona.username} className="border-b border-slate-100 last:border-0 dark:border-slate-800/60">
                <label className="flex cursor-pointer items-center gap-2 px-2 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-900">
                  <input type="checkbox" checked={chosen.has(persona.username)} onChange={(event) => participantToggled(persona.username, event.target.checked)} />
                  <span className="font-medium">{persona.username}</span>
                  <span className="truncate text-xs text-slate-500 dark:text-slate-400">
                    {[persona.age === -1 ? "" : String(persona.age), persona.sex, persona.current_employment].filter(Boolean).join(" · ")}
                  </span>
                  {moderator === persona.username && <span className="ml-auto text-xs text-amber-600 dark:text-amber-400">moderator</span>}
                </label>
                {chosen.has(persona.username) && (
                  <label className="flex items-center gap-1.5 px-8 pb-1 text-xs text-slate-600 dark:text-slate-400">
                    <input
                      type="checkbox"
                      aria-label={`${persona.username} is played by me`}
                      checked={humans.includes(persona.username)}
                      onChange={(event) =>
                        formChanged({ humanParticipants: event.target.checked ? [...humans, persona.username] : humans.filter((name) => name !== persona.username) })
                      }
                    />
                    Played by me (I type this participant's comments)
                  </label>
                )}
              </li>
            ))}
            {visible.length === 0 && <li className="px-2 py-2 text-sm text-slate-500">No persona matches “{query}”.</li>}
          </ul>
        </div>
      )}
      {problem && <p className="mt-2 text-xs text-rose-600 dark:text-rose-400">{problem}</p>}
    </Section>
  );
}
