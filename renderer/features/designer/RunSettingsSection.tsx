import { Section } from "../../ui/section.js";
import { SelectField, TextField } from "../../ui/field.js";
import { useDesignStore } from "./design-store.js";
import { modelKey, modelOptions, type ModelOption } from "./model-options.js";
import { useFieldProblem } from "./use-built-design.js";
import type { DesignForm } from "./design-form.js";
import { modelDisplayName } from "../../../shared/domain/model-ref.js";

type NumberKey = "turns" | "historyWindow" | "temperature" | "seed" | "maxTokens";

const numberFields: { key: NumberKey; label: string; hint: string; step?: string }[] = [
  { key: "turns", label: "Turns", hint: "Comments after the seed comments." },
  { key: "historyWindow", label: "History window", hint: "Recent comments each speaker sees." },
  { key: "temperature", label: "Temperature", hint: "0 is greedy.", step: "0.05" },
  { key: "seed", label: "Seed", hint: "Same seed, same run." },
  { key: "maxTokens", label: "Max tokens", hint: "Cap on each reply." },
];

function NumberField({ field }: { field: (typeof numberFields)[number] }) {
  const value = useDesignStore((state) => state.form[field.key]);
  const formChanged = useDesignStore((state) => state.formChanged);
  const problem = useFieldProblem(field.key);
  return (
    <TextField
      label={field.label}
      type="number"
      inputMode="decimal"
      step={field.step ?? "1"}
      min={0}
      value={value}
      error={problem}
      hint={field.hint}
      onChange={(event) => formChanged({ [field.key]: event.target.value } as Partial<DesignForm>)}
    />
  );
}

function ModelSelect({ label, value, options, onChange, noneLabel }: { label: string; value: string; options: ModelOption[]; onChange: (option: ModelOption | null) => void; noneLabel: string }) {
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(options.find((option) => option.key === event.target.value) ?? null)}>
      <option value="">{noneLabel}</option>
      {options.map((option) => (
        <option key={option.key} value={option.key}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

/** Per-actor overrides: by default every actor speaks with the design's model. */
function ActorModels({ options }: { options: ModelOption[] }) {
  const participants = useDesignStore((state) => state.form.participants);
  const moderator = useDesignStore((state) => (state.form.moderatorEnabled ? state.form.moderator : ""));
  const actorModels = useDesignStore((state) => state.form.actorModels);
  const formChanged = useDesignStore((state) => state.formChanged);
  const actors = [...participants, ...(moderator ? [moderator] : [])];
  const overrides = actors.filter((name) => actorModels[name]).length;
  if (actors.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-xs font-medium text-slate-600 dark:text-slate-300">Model per actor ({overrides === 0 ? "all use the model above" : `${overrides} override${overrides === 1 ? "" : "s"}`})</summary>
      <div className="mt-2 grid grid-cols-2 gap-2">
        {actors.map((name) => (
          <ModelSelect
            key={name}
            label={name === moderator ? `${name} (moderator)` : name}
            value={actorModels[name] ? modelKey(actorModels[name]) : ""}
            options={options}
            noneLabel="Same as the design"
            onChange={(option) => {
              const next = { ...actorModels };
              if (option) next[name] = option.ref;
              else delete next[name];
              formChanged({ actorModels: next });
            }}
          />
        ))}
      </div>
    </details>
  );
}

export function RunSettingsSection() {
  const models = useDesignStore((state) => state.models);
  const serverModels = useDesignStore((state) => state.serverModels);
  const modelsStatus = useDesignStore((state) => state.modelsStatus);
  const model = useDesignStore((state) => state.form.model);
  const actorModels = useDesignStore((state) => state.form.actorModels);
  const modelName = useDesignStore((state) => state.form.modelName);
  const formChanged = useDesignStore((state) => state.formChanged);
  const problem = useFieldProblem("model");
  const options = modelOptions(models, [...serverModels, model, ...Object.values(actorModels)]);
  return (
    <Section title="Run settings">
      <div className="flex flex-col gap-3">
        <div>
          <ModelSelect
            label="Model"
            value={model ? modelKey(model) : ""}
            options={options}
            noneLabel={modelsStatus === "loading" ? "Loading models…" : options.length === 0 ? "No models: add a GGUF on the Models page" : "Choose a model…"}
            onChange={(option) => formChanged({ model: option?.ref ?? null })}
          />
          {problem && <p className="mt-1 text-xs text-rose-600 dark:text-rose-400">{problem}</p>}
        </div>
        <TextField
          label="Model name in the log"
          value={modelName}
          placeholder={model ? modelDisplayName(model) : "the model's file name"}
          hint='What the files say wrote each comment, e.g. "llama8b" as in a published study; empty: the name above.'
          onChange={(event) => formChanged({ modelName: event.target.value })}
        />
        <ActorModels options={options} />
        <div className="grid grid-cols-3 gap-3">
          {numberFields.map((field) => (
            <NumberField key={field.key} field={field} />
          ))}
        </div>
      </div>
    </Section>
  );
}
