import { Button } from "../../ui/button.js";
import { inputClass } from "../../ui/field.js";
import { Section } from "../../ui/section.js";
import { instructionPresets, presetLabel, type InstructionDraft, type TopicDraft } from "./experiment-draft.js";
import { useExperimentStore } from "./experiment-store.js";

/** Topics (seed-comment sets) and user-instruction variants: two more axes of the grid. */
export function PromptConditionsSection() {
  const topics = useExperimentStore((state) => state.draft.topics);
  const instructions = useExperimentStore((state) => state.draft.instructions);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  const updateTopic = (index: number, change: Partial<TopicDraft>) => draftChanged({ topics: topics.map((t, i) => (i === index ? { ...t, ...change } : t)) });
  const updateInstruction = (index: number, change: Partial<InstructionDraft>) =>
    draftChanged({ instructions: instructions.map((t, i) => (i === index ? { ...t, ...change } : t)) });
  return (
    <Section title="Topics and user instructions">
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
            Topics <span className="ml-1 rounded bg-slate-200 px-1.5 text-slate-700 dark:bg-slate-800 dark:text-slate-200">×{topics.length}</span>
          </legend>
          {topics.map((topic, index) => (
            <div key={index} data-testid="topic" className="flex flex-col gap-1 rounded-md border border-slate-200 p-2 dark:border-slate-800">
              <div className="flex gap-2">
                <input aria-label="Topic label" className={inputClass} value={topic.label} onChange={(event) => updateTopic(index, { label: event.target.value })} />
                <Button variant="ghost" aria-label={`Remove topic ${topic.label}`} onClick={() => draftChanged({ topics: topics.filter((_, i) => i !== index) })}>
                  ✕
                </Button>
              </div>
              <textarea
                aria-label="Seed comments"
                className={`${inputClass} min-h-14 font-mono text-xs`}
                rows={3}
                placeholder={"One seed comment per line, author: text\nalex: The new bike lane took away all the parking."}
                value={topic.seeds}
                onChange={(event) => updateTopic(index, { seeds: event.target.value })}
              />
            </div>
          ))}
          <div>
            <Button onClick={() => draftChanged({ topics: [...topics, { label: `topic ${topics.length + 1}`, seeds: "" }] })}>Add topic</Button>
          </div>
        </fieldset>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
            User instructions <span className="ml-1 rounded bg-slate-200 px-1.5 text-slate-700 dark:bg-slate-800 dark:text-slate-200">×{instructions.length}</span>
          </legend>
          {instructions.map((instruction, index) => (
            <div key={index} data-testid="instruction" className="flex flex-col gap-1 rounded-md border border-slate-200 p-2 dark:border-slate-800">
              <div className="flex gap-2">
                <input aria-label="Instruction label" className={inputClass} value={instruction.label} onChange={(event) => updateInstruction(index, { label: event.target.value })} />
                <Button variant="ghost" aria-label={`Remove instruction ${instruction.label}`} onClick={() => draftChanged({ instructions: instructions.filter((_, i) => i !== index) })}>
                  ✕
                </Button>
              </div>
              <textarea aria-label="Instruction text" className={`${inputClass} min-h-14 text-xs`} rows={3} value={instruction.text} onChange={(event) => updateInstruction(index, { text: event.target.value })} />
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            {instructionPresets.map((preset) => (
              <Button key={preset.id} onClick={() => draftChanged({ instructions: [...instructions, { label: presetLabel(preset.label), text: preset.text }] })}>
                Add “{preset.label}”
              </Button>
            ))}
          </div>
        </fieldset>
      </div>
    </Section>
  );
}
