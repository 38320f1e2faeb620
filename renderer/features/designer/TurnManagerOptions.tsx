import { controlClass } from "../../ui/field.js";
import { useDesignStore } from "./design-store.js";
import { turnOrderNames } from "./design-form.js";
import { modelKey, modelOptions } from "./model-options.js";
import type { TurnManagerForm } from "./turn-manager-form.js";

const randomWeightedVariants = [
  { variant: "intended", label: "As intended", about: "With p_respond the speaker before the last answers back (A, B, A)." },
  {
    variant: "syndisco-2.0",
    label: "As SynDisco 2.0.x ran it",
    about: "Its bug makes p_respond do nothing: always someone other than the last speaker. For replicating studies run with 2.0.x.",
  },
] as const;

function Slider({ label, value, onChange, disabled = false }: { label: string; value: number; onChange: (value: number) => void; disabled?: boolean }) {
  return (
    <label className="flex items-center gap-3 text-sm">
      <span className="w-40 shrink-0 text-xs font-medium text-slate-600 dark:text-slate-300">{label}</span>
      <input type="range" aria-label={label} min={0} max={1} step={0.05} value={value} disabled={disabled} className="flex-1 accent-indigo-600 disabled:opacity-40" onChange={(event) => onChange(Number(event.target.value))} />
      <output className="w-10 text-right tabular-nums">{value.toFixed(2)}</output>
    </label>
  );
}

export function RandomWeightedOptions() {
  const pRespond = useDesignStore((state) => state.form.pRespond);
  const variant = useDesignStore((state) => state.form.randomWeightedVariant);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <>
      <div role="radiogroup" aria-label="Random weighted behaviour" className="flex flex-col gap-1">
        {randomWeightedVariants.map((option) => (
          <label key={option.variant} className="flex cursor-pointer items-start gap-2 text-sm">
            <input type="radio" name="random-weighted-variant" value={option.variant} className="mt-1" checked={variant === option.variant} onChange={() => formChanged({ randomWeightedVariant: option.variant })} />
            <span>
              <span className="font-medium">{option.label}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{option.about}</span>
            </span>
          </label>
        ))}
      </div>
      {/* Kept and saved (SynDisco logged it too) but it has no effect in the 2.0.x variant. */}
      <Slider label="p_respond" value={pRespond} disabled={variant === "syndisco-2.0"} onChange={(value) => formChanged({ pRespond: value })} />
    </>
  );
}

/** Per participant a talkativeness weight (1 by default), and the chance a named participant answers. */
export function TalkativenessOptions() {
  const form = useDesignStore((state) => state.form);
  const formChanged = useDesignStore((state) => state.formChanged);
  const names = turnOrderNames(form);
  const weightOf = (name: string) => form.talkativeness[name] ?? 1;
  const total = names.reduce((sum, name) => sum + weightOf(name), 0);
  return (
    <div className="flex flex-col gap-2">
      <Slider label="Named participant answers" value={form.pMention} onChange={(value) => formChanged({ pMention: value })} />
      {names.length === 0 ? (
        <p className="text-xs text-slate-500">Choose participants to set how talkative each is.</p>
      ) : (
        <table aria-label="Talkativeness" className="text-sm">
          <tbody>
            {names.map((name) => (
              <tr key={name}>
                <td className="pr-3 text-xs">{name}</td>
                <td className="w-full">
                  <input
                    type="range"
                    aria-label={`Talkativeness of ${name}`}
                    min={0}
                    max={5}
                    step={0.5}
                    value={weightOf(name)}
                    className="w-full accent-indigo-600"
                    onChange={(event) => formChanged({ talkativeness: { ...form.talkativeness, [name]: Number(event.target.value) } })}
                  />
                </td>
                <td className="whitespace-nowrap pl-2 text-right text-xs tabular-nums">
                  {weightOf(name).toFixed(1)} · {total > 0 ? `${Math.round((100 * weightOf(name)) / total)} %` : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {names.length > 0 && total === 0 && <p className="text-xs text-rose-600">Every participant's talkativeness is 0: give at least one a positive weight.</p>}
    </div>
  );
}

export function LlmSelectorOptions() {
  const selector = useDesignStore((state) => state.form.llmSelector);
  const models = useDesignStore((state) => state.models);
  const serverModels = useDesignStore((state) => state.serverModels);
  const designModel = useDesignStore((state) => state.form.model);
  const formChanged = useDesignStore((state) => state.formChanged);
  const change = (patch: Partial<TurnManagerForm["llmSelector"]>) => formChanged({ llmSelector: { ...selector, ...patch } });
  const options = modelOptions(models, [...serverModels, designModel, selector.model]);
  return (
    <div className="grid grid-cols-2 gap-3 text-sm">
      <label className="col-span-2 flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Model that chooses
        <select aria-label="Model that chooses" className={controlClass} value={selector.model ? modelKey(selector.model) : ""} onChange={(event) => change({ model: options.find((option) => option.key === event.target.value)?.ref ?? null })}>
          <option value="">The design's model</option>
          {options.map((option) => (
            <option key={option.key} value={option.key}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Comments it reads
        <input aria-label="Comments it reads" type="number" min={1} max={200} className={controlClass} value={selector.window} onChange={(event) => change({ window: Math.max(1, Math.trunc(Number(event.target.value) || 1)) })} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Temperature of its choice
        <input aria-label="Selector temperature" type="number" min={0} max={2} step={0.1} className={controlClass} value={selector.temperature} onChange={(event) => change({ temperature: Math.min(2, Math.max(0, Number(event.target.value) || 0)) })} />
      </label>
      <label className="col-span-2 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={selector.allowRepeat} onChange={(event) => change({ allowRepeat: event.target.checked })} />
        The last speaker may speak again
      </label>
      <input aria-label="Selector instructions" placeholder="extra instructions, e.g. prefer those who have said least" className={`${controlClass} col-span-2`} value={selector.instructions} onChange={(event) => change({ instructions: event.target.value })} />
    </div>
  );
}

const fallbackLabels = { "round-robin": "Round robin", "random-weighted": "Random weighted", talkativeness: "Talkativeness and mentions" } as const;

export function ManualOptions() {
  const manual = useDesignStore((state) => state.form.manual);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="text-xs text-slate-500 dark:text-slate-400">At each turn the transcript shows a button per participant (keys 1-9). Runs without anyone watching (the command line, experiments) use the fallback.</p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={manual.timeoutSeconds !== null} onChange={(event) => formChanged({ manual: { ...manual, timeoutSeconds: event.target.checked ? 30 : null } })} />
          After
        </label>
        <input
          aria-label="Seconds to wait"
          type="number"
          min={1}
          disabled={manual.timeoutSeconds === null}
          className={`${controlClass} w-20 py-1`}
          value={manual.timeoutSeconds ?? ""}
          onChange={(event) => formChanged({ manual: { ...manual, timeoutSeconds: Math.max(1, Number(event.target.value) || 1) } })}
        />
        <span>seconds,</span>
        <select aria-label="Fallback manager" className={`${controlClass} py-1`} value={manual.fallback} onChange={(event) => formChanged({ manual: { ...manual, fallback: event.target.value as TurnManagerForm["manual"]["fallback"] } })}>
          {Object.entries(fallbackLabels).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        <span>picks instead.</span>
      </div>
      {manual.fallback === "random-weighted" && <RandomWeightedOptions />}
      {manual.fallback === "talkativeness" && <TalkativenessOptions />}
    </div>
  );
}
