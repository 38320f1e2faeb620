import { useMemo, useState, type ReactNode } from "react";
import { PERSONA_FIELDS } from "../../../shared/domain/persona.js";
import { populationSpecSchema } from "../../../shared/domain/population.js";
import { populationPresets } from "../../../shared/population/presets.js";
import { checkFeasibility } from "../../../shared/population/rules.js";
import { Button } from "../../ui/button.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FileButton } from "../../ui/file-button.js";
import { controlClass, inputClass } from "../../ui/field.js";
import { usePersonaStore } from "../personas/persona-store.js";
import { usePopulationStore } from "./population-store.js";
import { FieldEditor } from "./FieldEditor.js";
import { RulesEditor } from "./RulesEditor.js";
import { TablesEditor } from "./TablesEditor.js";
import { DrawControls } from "./DrawControls.js";
import { PoolResult } from "./PoolResult.js";
import { ProfileFigures } from "./ProfileFigures.js";
import { SpecOptions } from "./SpecOptions.js";

/** The draft's problems: schema messages first, then rules no persona can satisfy. */
function useSpecProblems(): { problems: string[]; warning: string | null } {
  const draft = usePopulationStore((state) => state.draft);
  return useMemo(() => {
    const parsed = populationSpecSchema.safeParse(draft);
    if (!parsed.success) return { problems: [...new Set(parsed.error.issues.map((issue) => (issue.code === "custom" ? issue.message : `${issue.path.join(" ")}: ${issue.message}`)))], warning: null };
    const feasibility = checkFeasibility(parsed.data);
    if (feasibility.feasible === false) return { problems: [feasibility.message], warning: null };
    return { problems: [], warning: feasibility.feasible === "unknown" ? feasibility.message : null };
  }, [draft]);
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h4>
      {children}
    </section>
  );
}

function SourceBar() {
  const source = usePopulationStore((state) => state.source);
  const saved = usePopulationStore((state) => state.saved);
  const presetChosen = usePopulationStore((state) => state.presetChosen);
  const savedChosen = usePopulationStore((state) => state.savedChosen);
  const specImported = usePopulationStore((state) => state.specImported);
  const specExported = usePopulationStore((state) => state.specExported);
  const specSaved = usePopulationStore((state) => state.specSaved);
  const panelClosed = usePopulationStore((state) => state.panelClosed);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Population"
        className={`${controlClass} py-1`}
        value={source.startsWith("file:") ? "" : source}
        onChange={(event) => {
          const [kind, id] = [event.target.value.slice(0, event.target.value.indexOf(":")), event.target.value.slice(event.target.value.indexOf(":") + 1)];
          if (kind === "preset") presetChosen(id);
          if (kind === "saved") void savedChosen(id);
        }}
      >
        {source.startsWith("file:") && <option value="">{source.slice(5)}</option>}
        <optgroup label="Presets">
          {populationPresets.map((preset) => (
            <option key={preset.id} value={`preset:${preset.id}`}>
              {preset.spec.name}
            </option>
          ))}
        </optgroup>
        {saved.length > 0 && (
          <optgroup label="Saved">
            {saved.map((entry) => (
              <option key={entry.id} value={`saved:${entry.id}`}>
                {entry.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <FileButton accept=".json,application/json" testId="population-import-input" onText={specImported}>
        Open spec…
      </FileButton>
      <Button onClick={specExported}>Export spec</Button>
      <Button onClick={() => void specSaved()}>Save spec</Button>
      <Button variant="ghost" className="ml-auto" onClick={panelClosed}>
        Close
      </Button>
    </div>
  );
}

/**
 * Draw a persona pool from a described population: edit the spec (per field a distribution,
 * joint tables, rules), draw N personas from a seed, see each field against its target, and
 * add the pool to the personas, save it, or export it.
 */
export function PopulationPanel() {
  const open = usePopulationStore((state) => state.open);
  const draft = usePopulationStore((state) => state.draft);
  const error = usePopulationStore((state) => state.error);
  const myProfile = usePopulationStore((state) => state.myProfile);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const errorDismissed = usePopulationStore((state) => state.errorDismissed);
  const myPersonasProfiled = usePopulationStore((state) => state.myPersonasProfiled);
  const myCount = usePersonaStore((state) => state.personas.length);
  const { problems, warning } = useSpecProblems();
  const [extraName, setExtraName] = useState("");
  if (!open) return null;
  const fields = PERSONA_FIELDS.filter((field) => field !== "username");
  return (
    <section aria-label="Population" className="flex flex-col gap-4 rounded-lg border border-indigo-200 bg-indigo-50/30 p-4 dark:border-indigo-900 dark:bg-indigo-950/20">
      <h3 className="text-base font-semibold">Draw personas from a population</h3>
      <SourceBar />
      {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-3">
        <input aria-label="Population name" className={inputClass} value={draft.name} onChange={(event) => draftEdited((target) => void (target.name = event.target.value))} />
        <input aria-label="Description" placeholder="What population, from which source" className={inputClass} value={draft.description} onChange={(event) => draftEdited((target) => void (target.description = event.target.value))} />
      </div>
      <Group title="Fields">
        <div className="grid grid-cols-[repeat(auto-fill,minmax(24rem,1fr))] items-start gap-2">
          {fields.map((field) => (
            <FieldEditor key={field} field={field} />
          ))}
          {Object.keys(draft.extraFields).map((field) => (
            <FieldEditor key={field} field={field} removable />
          ))}
        </div>
        <div className="flex items-center gap-2">
          <input aria-label="New field name" placeholder="your own field, e.g. political_leaning" className={`${controlClass} w-72 py-1`} value={extraName} onChange={(event) => setExtraName(event.target.value)} />
          <Button
            disabled={!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(extraName) || fields.some((field) => field === extraName) || Object.hasOwn(draft.extraFields, extraName)}
            onClick={() => {
              draftEdited((target) => void (target.extraFields[extraName] = { kind: "categorical", categories: [{ value: "", weight: 1 }] }));
              setExtraName("");
            }}
          >
            Add field
          </Button>
        </div>
      </Group>
      <Group title="Joint tables">
        <TablesEditor />
      </Group>
      <Group title="Rules">
        <RulesEditor />
      </Group>
      <Group title="Usernames and LLM writing">
        <SpecOptions />
      </Group>
      {problems.length > 0 && (
        <ul role="alert" aria-label="Problems with this population" className="flex flex-col gap-1 rounded-md border border-rose-300 bg-rose-50 p-2 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {warning && <p className="text-xs text-amber-700">{warning}</p>}
      <Group title="Draw">
        <DrawControls blocked={problems.length > 0 ? "Fix the problems listed above first" : null} />
      </Group>
      <PoolResult />
      <div className="flex items-center gap-2 border-t border-indigo-200 pt-3 dark:border-indigo-900">
        <Button disabled={myCount === 0 || problems.length > 0} onClick={() => void myPersonasProfiled()}>
          Profile my {myCount} personas against this population
        </Button>
      </div>
      {myProfile && <ProfileFigures profile={myProfile} title="My personas against this population" />}
    </section>
  );
}
