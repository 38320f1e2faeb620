import presets from "../../../resources/prompt-presets.json";
import { Section } from "../../ui/section.js";
import { SelectField } from "../../ui/field.js";
import { usePersonaStore } from "../personas/persona-store.js";
import { useDesignStore } from "./design-store.js";
import { PresetTextArea } from "./PresetTextArea.js";
import { useFieldProblem } from "./use-built-design.js";

export function ModeratorSection() {
  const pool = usePersonaStore((state) => state.personas);
  const enabled = useDesignStore((state) => state.form.moderatorEnabled);
  const moderator = useDesignStore((state) => state.form.moderator);
  const instructions = useDesignStore((state) => state.form.moderatorInstructions);
  const inTurnOrder = useDesignStore((state) => state.form.moderatorInTurnOrder);
  const participants = useDesignStore((state) => state.form.participants);
  const formChanged = useDesignStore((state) => state.formChanged);
  const problem = useFieldProblem("moderator");
  const candidates = pool.filter((persona) => !participants.includes(persona.username));
  return (
    <Section
      title="Moderator"
      actions={
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enabled} onChange={(event) => formChanged({ moderatorEnabled: event.target.checked })} />
          Moderated
        </label>
      }
    >
      {!enabled ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No moderator: participants talk among themselves. Tick “Moderated” to add one with its own persona and instructions.</p>
      ) : (
        <div className="flex flex-col gap-3">
          <SelectField label="Moderator persona" value={moderator} error={problem} onChange={(event) => formChanged({ moderator: event.target.value })}>
            <option value="">Choose a persona…</option>
            {moderator && !candidates.some((persona) => persona.username === moderator) && <option value={moderator}>{moderator}</option>}
            {candidates.map((persona) => (
              <option key={persona.username} value={persona.username}>
                {persona.username}
              </option>
            ))}
          </SelectField>
          <PresetTextArea label="Moderator instructions" presets={presets.moderatorInstructions} value={instructions} onChange={(text) => formChanged({ moderatorInstructions: text })} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={inTurnOrder} onChange={(event) => formChanged({ moderatorInTurnOrder: event.target.checked })} />
            The moderator also takes turns like a participant
          </label>
        </div>
      )}
    </Section>
  );
}
