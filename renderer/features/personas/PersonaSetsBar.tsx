import { useState } from "react";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { usePersonaStore } from "./persona-store.js";

/** Named persona sets: tick people, name the set; choosing a set ticks its people again. */
export function PersonaSetsBar() {
  const sets = usePersonaStore((state) => state.sets);
  const checked = usePersonaStore((state) => state.checked);
  const checkedReplaced = usePersonaStore((state) => state.checkedReplaced);
  const personaSetSaved = usePersonaStore((state) => state.personaSetSaved);
  const personaSetDeleted = usePersonaStore((state) => state.personaSetDeleted);
  const personasExported = usePersonaStore((state) => state.personasExported);
  const [chosen, setChosen] = useState("");
  const [name, setName] = useState("");
  const nameTrimmed = name.trim();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-500 dark:text-slate-400">{checked.length} ticked</span>
      <select
        aria-label="Persona set"
        className={`${controlClass} w-44`}
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
          const set = sets.find((candidate) => candidate.name === event.target.value);
          if (set) checkedReplaced(set.usernames);
        }}
      >
        <option value="">{sets.length === 0 ? "No sets yet" : "Tick a set…"}</option>
        {sets.map((set) => (
          <option key={set.name} value={set.name}>
            {set.name} ({set.usernames.length})
          </option>
        ))}
      </select>
      {chosen && (
        <Button
          variant="ghost"
          onClick={() => {
            personaSetDeleted(chosen);
            setChosen("");
          }}
        >
          Delete set
        </Button>
      )}
      <input aria-label="New set name" className={`${controlClass} w-36`} placeholder="Set name" value={name} onChange={(event) => setName(event.target.value)} />
      <Button
        disabled={checked.length === 0 || !nameTrimmed}
        title={checked.length === 0 ? "Tick personas first" : !nameTrimmed ? "Name the set first" : undefined}
        onClick={() => {
          personaSetSaved(nameTrimmed, checked);
          setChosen(nameTrimmed);
          setName("");
        }}
      >
        Save ticked as set
      </Button>
      <Button disabled={checked.length === 0} onClick={() => void personasExported(checked)}>
        Export ticked
      </Button>
    </div>
  );
}
