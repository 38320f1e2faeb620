import { previewSpeakers } from "../../../shared/turn-managers.js";
import { deriveSeed } from "../../../shared/random.js";
import { Section } from "../../ui/section.js";
import { useDesignStore } from "./design-store.js";
import { turnOrderNames } from "./design-form.js";
import { turnManagerSpec } from "./turn-manager-form.js";
import { LlmSelectorOptions, ManualOptions, RandomWeightedOptions, TalkativenessOptions } from "./TurnManagerOptions.js";
import { LlmSpeakerPreview } from "./LlmSpeakerPreview.js";

/** The preview shows the design's turns, up to this many. */
const previewCap = 20;

const kinds = [
  { kind: "round-robin", label: "Round robin", about: "Everyone speaks in turn, in the order chosen." },
  { kind: "random-weighted", label: "Random weighted", about: "A random participant, never the last speaker; with p_respond the one before answers back." },
  { kind: "talkativeness", label: "Talkativeness and mentions", about: "Someone named in the last comment answers; otherwise the talkative speak more often." },
  { kind: "llm-selected", label: "LLM-selected", about: "A model reads the recent comments and names who speaks next." },
  { kind: "manual", label: "Manual", about: "You pick each speaker in the transcript; after a timeout another manager does." },
] as const;

/** Who speaks next, previewed exactly as the engine will draw it for this seed. */
function SpeakerPreview() {
  const form = useDesignStore((state) => state.form);
  const seed = /^\d+$/.test(form.seed.trim()) ? Number.parseInt(form.seed, 10) : null;
  const turns = /^\d+$/.test(form.turns.trim()) ? Number.parseInt(form.turns, 10) : 0;
  const previewLength = Math.min(turns, previewCap);
  // The engine lets the moderator answer after every turn in which someone spoke.
  const answerer = form.moderatorEnabled && form.moderator ? form.moderator : null;
  const names = turnOrderNames(form);
  const spec = turnManagerSpec(form);
  const automatic = spec.kind === "manual" ? spec.fallback : spec.kind === "llm-selected" ? null : spec;
  const lastSeed = form.seedComments.at(-1);
  const firstComment = lastSeed && lastSeed.author.trim() ? { name: lastSeed.author.trim(), text: lastSeed.text } : null;
  // At most previewCap draws: cheap enough to redo on every render.
  // The engine seeds its turn manager from the design seed this way (Discussion.turnManagerSeed).
  const speakers = !automatic || names.length === 0 || seed === null ? [] : previewSpeakers(automatic, names, deriveSeed(seed, "turn-manager"), previewLength, firstComment);

  if (spec.kind === "llm-selected") return <LlmSpeakerPreview />;
  const shown = turns > previewLength ? `The first ${previewLength} of ${turns} turns` : `All ${turns} turn${turns === 1 ? "" : "s"}`;
  if (speakers.length === 0)
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {seed === null ? "Give a whole-number seed to preview the speakers." : turns === 0 ? "Give a number of turns to preview the speakers." : "Choose participants to preview who speaks."}
      </p>
    );
  return (
    <div>
      <div className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        {spec.kind === "manual" ? `If you pick no one, ${shown.toLowerCase()}` : shown} with seed {seed}
        {answerer && `, each followed by ${answerer}'s reply (the moderator may stay silent)`}
        {automatic?.kind === "talkativeness" && " (mentions count on the first turn only: later comments are not written yet)"}
      </div>
      <ol aria-label="Speaker preview" className="flex flex-wrap gap-1">
        {speakers.map((name, index) => (
          <li key={index} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
            <span className="text-slate-400">{index + 1}.</span> {name}
            {answerer && <span className="text-amber-700 dark:text-amber-400"> → {answerer}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function TurnManagerSection() {
  const kind = useDesignStore((state) => state.form.turnManagerKind);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <Section title="Turn manager">
      <div className="flex flex-col gap-3">
        <div role="radiogroup" aria-label="Turn manager" className="grid grid-cols-2 gap-2">
          {kinds.map((option) => (
            <label
              key={option.kind}
              className={`flex cursor-pointer flex-col gap-0.5 rounded-md border p-2 text-sm ${kind === option.kind ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-200 dark:border-slate-700"}`}
            >
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="turn-manager" value={option.kind} checked={kind === option.kind} onChange={() => formChanged({ turnManagerKind: option.kind })} />
                {option.label}
              </span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{option.about}</span>
            </label>
          ))}
        </div>
        {kind === "random-weighted" && <RandomWeightedOptions />}
        {kind === "talkativeness" && <TalkativenessOptions />}
        {kind === "llm-selected" && <LlmSelectorOptions />}
        {kind === "manual" && <ManualOptions />}
        <SpeakerPreview />
      </div>
    </Section>
  );
}
