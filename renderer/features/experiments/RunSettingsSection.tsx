import { Section } from "../../ui/section.js";
import { SelectField, TextField } from "../../ui/field.js";
import { NumberField } from "./NumberField.js";
import { useExperimentStore } from "./experiment-store.js";
import { promptStyleSchema } from "../../../shared/domain/design.js";
import { promptStyleInfo } from "../../../shared/prompt-style-info.js";

/** Repetitions, length, window, seed and sampling: the same for every cell. */
export function RunSettingsSection() {
  const draft = useExperimentStore((state) => state.draft);
  const draftChanged = useExperimentStore((state) => state.draftChanged);
  return (
    <Section title="Every discussion">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <TextField label="Study name (its folder)" className="col-span-2" value={draft.name} onChange={(event) => draftChanged({ name: event.target.value })} />
        <NumberField label="Repetitions per cell" min={1} value={draft.repetitions} onChange={(value) => draftChanged({ repetitions: value })} />
        <NumberField label="Master seed" min={0} value={draft.masterSeed} onChange={(value) => draftChanged({ masterSeed: value })} />
        <NumberField label="Turns" min={0} value={draft.turns} onChange={(value) => draftChanged({ turns: value })} />
        <NumberField label="History window" min={1} value={draft.historyWindow} onChange={(value) => draftChanged({ historyWindow: value })} />
        <SelectField label="Prompt style" value={draft.promptStyle} hint={promptStyleInfo[draft.promptStyle].about} onChange={(event) => draftChanged({ promptStyle: promptStyleSchema.parse(event.target.value) })}>
          {promptStyleSchema.options.map((style) => (
            <option key={style} value={style}>
              {promptStyleInfo[style].label}
            </option>
          ))}
        </SelectField>
        <NumberField label="Max tokens per reply" min={1} value={draft.maxTokens} onChange={(value) => draftChanged({ maxTokens: value })} />
        <SelectField
          label="Discussions at once"
          value={draft.parallel === null ? "auto" : String(draft.parallel)}
          onChange={(event) => draftChanged({ parallel: event.target.value === "auto" ? null : Number(event.target.value) })}
        >
          <option value="auto">auto (from free memory)</option>
          {[1, 2, 4, 8, 16, 32].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
        <NumberField label="Temperature" integer={false} min={0} max={5} step={0.1} value={draft.temperature} onChange={(value) => draftChanged({ temperature: value })} />
        <NumberField label="Top-p" integer={false} min={0.01} max={1} step={0.05} value={draft.topP} onChange={(value) => draftChanged({ topP: value })} />
      </div>
    </Section>
  );
}
