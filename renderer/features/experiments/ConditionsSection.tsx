import { useId } from "react";
import { Button } from "../../ui/button.js";
import { inputClass } from "../../ui/field.js";
import { Section } from "../../ui/section.js";
import { NumberField } from "./NumberField.js";
import { moderatorPresets, presetLabel, type ModeratorDraft } from "./experiment-draft.js";
import { useExperimentStore } from "./experiment-store.js";

/** Moderator variants, turn managers and models: each list is one axis of the grid. */
export function ConditionsSection() {
  return (
    <Section title="Conditions (crossed into cells)">
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <ModeratorConditions />
        <div className="flex flex-col gap-5">
          <TurnManagerConditions />
          <ModelConditions />
          <PopulationConditions />
        </div>
      </div>
    </Section>
  );
}

function Axis({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
        {title} <span className="ml-1 rounded bg-slate-200 px-1.5 text-slate-700 dark:bg-slate-800 dark:text-slate-200">×{count}</span>
      </legend>
      {children}
    </fieldset>
  );
}

function Check({ label, about, checked, onChange }: { label: string; about?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const aboutId = useId();
  return (
    <div className="flex flex-col">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={about ? aboutId : undefined}
          onChange={(event) => onChange(event.target.checked)}
          className="h-4 w-4 accent-indigo-600"
        />
        {label}
      </label>
      {about && (
        <span id={aboutId} className="ml-6 text-xs text-slate-500 dark:text-slate-400">
          {about}
        </span>
      )}
    </div>
  );
}

function ModeratorConditions() {
  const includeNone = useExperimentStore((state) => state.draft.includeNoModerator);
  const moderators = useExperimentStore((state) => state.draft.moderators);
  const personas = useExperimentStore((state) => state.personas);
  const choices = useExperimentStore((state) => state.modelChoices);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  const update = (index: number, change: Partial<ModeratorDraft>) => draftChanged({ moderators: moderators.map((m, i) => (i === index ? { ...m, ...change } : m)) });
  const add = () => {
    const preset = moderatorPresets[moderators.length % moderatorPresets.length];
    const taken = new Set(moderators.map((m) => m.username));
    const persona = personas.find((p) => !taken.has(p.username));
    draftChanged({ moderators: [...moderators, { label: presetLabel(preset?.label.split(" ")[0]?.toLowerCase() ?? "moderator"), username: persona?.username ?? "", instructions: preset?.text ?? "" }] });
  };
  return (
    <Axis title="Moderators" count={(includeNone ? 1 : 0) + moderators.length}>
      <Check label="No moderator" checked={includeNone} onChange={(checked) => draftChanged({ includeNoModerator: checked })} />
      {moderators.map((moderator, index) => (
        <div key={index} data-testid="moderator-variant" className="flex flex-col gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-800">
          <div className="flex gap-2">
            <input aria-label="Moderator label" className={inputClass} value={moderator.label} onChange={(event) => update(index, { label: event.target.value })} />
            <select aria-label="Moderator persona" className={inputClass} value={moderator.username} onChange={(event) => update(index, { username: event.target.value })}>
              <option value="">(choose a persona)</option>
              {personas.map((persona) => (
                <option key={persona.username} value={persona.username}>
                  {persona.username}
                </option>
              ))}
            </select>
            <Button variant="ghost" aria-label={`Remove moderator ${moderator.label}`} onClick={() => draftChanged({ moderators: moderators.filter((_, i) => i !== index) })}>
              ✕
            </Button>
          </div>
          <select aria-label="Moderator model" className={inputClass} value={moderator.model ?? ""} onChange={(event) => update(index, { model: event.target.value || null })}>
            <option value="">Speaks with the cell's model</option>
            {choices.map((choice) => (
              <option key={choice.key} value={choice.key}>
                Speaks with {choice.label}
                {choice.ref.backend === "openai" ? " (server)" : ""}
              </option>
            ))}
          </select>
          <textarea aria-label="Moderator instructions" className={`${inputClass} min-h-12`} rows={2} value={moderator.instructions} onChange={(event) => update(index, { instructions: event.target.value })} />
        </div>
      ))}
      <div>
        <Button onClick={add}>Add moderator</Button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">A moderator persona never joins as a user.</p>
    </Axis>
  );
}

function TurnManagerConditions() {
  const roundRobin = useExperimentStore((state) => state.draft.roundRobin);
  const randomWeighted = useExperimentStore((state) => state.draft.randomWeighted);
  const randomWeightedSyndisco = useExperimentStore((state) => state.draft.randomWeightedSyndisco);
  const pRespond = useExperimentStore((state) => state.draft.pRespond);
  const talkativeness = useExperimentStore((state) => state.draft.talkativeness);
  const pMention = useExperimentStore((state) => state.draft.pMention);
  const llmSelected = useExperimentStore((state) => state.draft.llmSelected);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  return (
    <Axis title="Turn managers" count={[roundRobin, randomWeighted, randomWeightedSyndisco, talkativeness, llmSelected].filter(Boolean).length}>
      <Check label="Round robin" checked={roundRobin} onChange={(checked) => draftChanged({ roundRobin: checked })} />
      <Check
        label="Random weighted"
        about="A random participant, never the last speaker; with the chance below the one before answers back."
        checked={randomWeighted}
        onChange={(checked) => draftChanged({ randomWeighted: checked })}
      />
      <Check
        label="Random weighted, as SynDisco 2.0.x ran it"
        about="Its bug makes the answer-back chance do nothing: for replicating studies run with 2.0.x."
        checked={randomWeightedSyndisco}
        onChange={(checked) => draftChanged({ randomWeightedSyndisco: checked })}
      />
      {randomWeighted && (
        <NumberField label="Chance the previous speaker answers back" integer={false} min={0} max={1} step={0.05} value={pRespond} onChange={(value) => draftChanged({ pRespond: value })} className="max-w-xs" />
      )}
      <Check
        label="Talkativeness and mentions"
        about="Someone named in the last comment answers with the chance below; otherwise anyone but the last speaker, everyone equally talkative."
        checked={talkativeness}
        onChange={(checked) => draftChanged({ talkativeness: checked })}
      />
      {talkativeness && (
        <NumberField label="Chance a named participant answers" integer={false} min={0} max={1} step={0.05} value={pMention} onChange={(value) => draftChanged({ pMention: value })} className="max-w-xs" />
      )}
      <Check label="LLM-selected" about="The cell's model reads the last 5 comments and names who speaks next; its choices are in each run record." checked={llmSelected} onChange={(checked) => draftChanged({ llmSelected: checked })} />
    </Axis>
  );
}

/** Populations to draw each cell's users from; none chosen: the persona pool above. */
function PopulationConditions() {
  const choices = useExperimentStore((state) => state.populationChoices);
  const chosen = useExperimentStore((state) => state.draft.populations);
  const users = useExperimentStore((state) => state.draft.usersPerDiscussion);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  const sizeOf = (key: string) => chosen.find((entry) => entry.key === key)?.size;
  return (
    <Axis title="Populations" count={Math.max(1, chosen.length)}>
      <p className="text-xs text-slate-500 dark:text-slate-400">None chosen: users come from the persona pool. Each chosen population draws one pool (from the master seed) that its cells seat users from.</p>
      {choices.map((choice) => {
        const size = sizeOf(choice.key);
        return (
          <div key={choice.key} className="flex flex-col gap-1">
            <Check
              label={choice.label}
              checked={size !== undefined}
              onChange={(checked) => draftChanged({ populations: checked ? [...chosen, { key: choice.key, size: Math.max(20, users) }] : chosen.filter((entry) => entry.key !== choice.key) })}
            />
            {size !== undefined && (
              <NumberField
                label={`Pool size for ${choice.label}`}
                min={1}
                max={10_000}
                value={size}
                onChange={(value) => draftChanged({ populations: chosen.map((entry) => (entry.key === choice.key ? { ...entry, size: value } : entry)) })}
                className="ml-6 max-w-xs"
              />
            )}
          </div>
        );
      })}
    </Axis>
  );
}

function ModelConditions() {
  const choices = useExperimentStore((state) => state.modelChoices);
  const chosen = useExperimentStore((state) => state.draft.models);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  return (
    <Axis title="Models" count={chosen.length}>
      {choices.length === 0 && <p className="text-sm text-slate-500">No models yet: add one on the Models page.</p>}
      {choices.map((choice) => (
        <Check
          key={choice.key}
          label={`${choice.label}${choice.ref.backend === "openai" ? " (server)" : ""}`}
          checked={chosen.includes(choice.key)}
          onChange={(checked) => draftChanged({ models: checked ? [...chosen, choice.key] : chosen.filter((key) => key !== choice.key) })}
        />
      ))}
    </Axis>
  );
}
