import { useMemo, useState } from "react";
import { Button } from "../../ui/button.js";
import { ChipsInput } from "../../ui/chips-input.js";
import { TextAreaField, TextField } from "../../ui/field.js";
import { ExtraAttributesEditor } from "./ExtraAttributesEditor.js";
import { hasErrors, validateDraft, type PersonaDraft } from "./persona-draft.js";
import { takenUsernames, usePersonaStore } from "./persona-store.js";

type TextKey = Exclude<keyof PersonaDraft, "personality_characteristics" | "extras">;

const textFields: { key: TextKey; label: string; hint?: string; placeholder?: string }[] = [
  { key: "username", label: "Username" },
  { key: "age", label: "Age", hint: "A number, or a band such as 25-34.", placeholder: "34 or 25-34" },
  { key: "sex", label: "Sex" },
  { key: "sexual_orientation", label: "Sexual orientation" },
  { key: "demographic_group", label: "Demographic group" },
  { key: "current_employment", label: "Current employment" },
  { key: "education_level", label: "Education level" },
];

export function PersonaEditor() {
  const editing = usePersonaStore((state) => state.editing);
  const personas = usePersonaStore((state) => state.personas);
  const draftChanged = usePersonaStore((state) => state.draftChanged);
  const personaSaved = usePersonaStore((state) => state.personaSaved);
  const personaDuplicated = usePersonaStore((state) => state.personaDuplicated);
  const personaDeleted = usePersonaStore((state) => state.personaDeleted);
  const editorClosed = usePersonaStore((state) => state.editorClosed);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const original = editing?.original ?? null;
  const errors = useMemo(() => (editing ? validateDraft(editing.draft, takenUsernames(personas, original)) : {}), [editing, personas, original]);
  if (!editing) return null;
  const { draft } = editing;
  const shown = (key: keyof PersonaDraft) => (submitted || touched.has(key) ? errors[key] : undefined);
  const touch = (key: string) => setTouched((current) => new Set(current).add(key));

  return (
    <form
      aria-label="Persona editor"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={async (event) => {
        event.preventDefault();
        setSubmitted(true);
        if (!hasErrors(errors) && (await personaSaved())) {
          setSubmitted(false);
          setTouched(new Set());
        }
      }}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{original === null ? "New persona" : `Edit ${original}`}</h3>
        <Button variant="ghost" onClick={editorClosed} aria-label="Close editor">
          Close
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {textFields.map(({ key, label, hint, placeholder }) => (
          <TextField
            key={key}
            label={label}
            value={draft[key]}
            error={shown(key)}
            hint={hint}
            placeholder={placeholder}
            onChange={(event) => draftChanged({ [key]: event.target.value })}
            onBlur={() => touch(key)}
          />
        ))}
      </div>
      <TextAreaField
        label="Special instructions"
        value={draft.special_instructions}
        placeholder="e.g. You are a troll who provokes others."
        onChange={(event) => draftChanged({ special_instructions: event.target.value })}
      />
      <ChipsInput
        label="Personality characteristics"
        values={draft.personality_characteristics}
        placeholder="Type a trait and press Enter"
        onChange={(personality_characteristics) => draftChanged({ personality_characteristics })}
      />
      <ExtraAttributesEditor extras={draft.extras} errors={errors.extraKeys} onChange={(extras) => draftChanged({ extras })} />
      {submitted && hasErrors(errors) && <p className="text-xs text-rose-600 dark:text-rose-400">Fix the marked fields to save.</p>}
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
        <Button type="submit" variant="primary">
          {original === null ? "Add persona" : "Save changes"}
        </Button>
        {original !== null && (
          <>
            <Button onClick={() => void personaDuplicated(original)}>Duplicate</Button>
            <Button variant="danger" className="ml-auto" onClick={() => void personaDeleted(original)}>
              Delete
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
