import { useMemo } from "react";
import { previewSpeakers } from "../../../shared/turn-managers.js";
import { deriveSeed } from "../../../shared/random.js";
import { Section } from "../../ui/section.js";
import { useDesignStore } from "./design-store.js";
import { turnManagerSpec, turnOrderNames } from "./design-form.js";

const previewLength = 10;

const kinds = [
  { kind: "round-robin", label: "Round robin", about: "Everyone speaks in turn, in the order chosen." },
  { kind: "random-weighted", label: "Random weighted", about: "A random participant, never the last speaker; with p_respond the one before answers back." },
] as const;

const randomWeightedVariants = [
  { variant: "intended", label: "As intended", about: "With p_respond the speaker before the last answers back (A, B, A)." },
  {
    variant: "syndisco-2.0",
    label: "As SynDisco 2.0.x ran it",
    about: "Its bug makes p_respond do nothing: always someone other than the last speaker. For replicating studies run with 2.0.x.",
  },
] as const;

/** Who speaks next, previewed exactly as the engine will draw it for this seed. */
function SpeakerPreview() {
  const kind = useDesignStore((state) => state.form.turnManagerKind);
  const pRespond = useDesignStore((state) => state.form.pRespond);
  const variant = useDesignStore((state) => state.form.randomWeightedVariant);
  const seedText = useDesignStore((state) => state.form.seed);
  const participants = useDesignStore((state) => state.form.participants);
  const moderatorEnabled = useDesignStore((state) => state.form.moderatorEnabled);
  const moderator = useDesignStore((state) => state.form.moderator);
  const moderatorInTurnOrder = useDesignStore((state) => state.form.moderatorInTurnOrder);
  const seed = /^\d+$/.test(seedText.trim()) ? Number.parseInt(seedText, 10) : null;
  const speakers = useMemo(() => {
    const names = turnOrderNames({ participants, moderatorEnabled, moderator, moderatorInTurnOrder });
    if (names.length === 0 || seed === null) return [];
    // The engine seeds its turn manager from the design seed this way (Discussion.turnManagerSeed).
    return previewSpeakers(turnManagerSpec({ turnManagerKind: kind, pRespond, randomWeightedVariant: variant }), names, deriveSeed(seed, "turn-manager"), previewLength);
  }, [kind, pRespond, variant, seed, participants, moderatorEnabled, moderator, moderatorInTurnOrder]);

  if (speakers.length === 0)
    return <p className="text-xs text-slate-500 dark:text-slate-400">{seed === null ? "Give a whole-number seed to preview the speakers." : "Choose participants to preview who speaks."}</p>;
  return (
    <div>
      <div className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Next {previewLength} speakers with seed {seed}</div>
      <ol aria-label="Speaker preview" className="flex flex-wrap gap-1">
        {speakers.map((name, index) => (
          <li key={index} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
            <span className="text-slate-400">{index + 1}.</span> {name}
          </li>
        ))}
      </ol>
    </div>
  );
}

function RandomWeightedOptions() {
  const pRespond = useDesignStore((state) => state.form.pRespond);
  const variant = useDesignStore((state) => state.form.randomWeightedVariant);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <>
      <div role="radiogroup" aria-label="Random weighted behaviour" className="flex flex-col gap-1">
        {randomWeightedVariants.map((option) => (
          <label key={option.variant} className="flex cursor-pointer items-start gap-2 text-sm">
            <input
              type="radio"
              name="random-weighted-variant"
              value={option.variant}
              className="mt-1"
              checked={variant === option.variant}
              onChange={() => formChanged({ randomWeightedVariant: option.variant })}
            />
            <span>
              <span className="font-medium">{option.label}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{option.about}</span>
            </span>
          </label>
        ))}
      </div>
      <label className="flex items-center gap-3 text-sm">
        <span className="w-20 shrink-0 text-xs font-medium text-slate-600 dark:text-slate-300">p_respond</span>
        <input
          type="range"
          aria-label="p_respond"
          min={0}
          max={1}
          step={0.05}
          value={pRespond}
          // Kept and saved (SynDisco logged it too) but it has no effect in the 2.0.x variant.
          disabled={variant === "syndisco-2.0"}
          className="flex-1 accent-indigo-600 disabled:opacity-40"
          onChange={(event) => formChanged({ pRespond: Number(event.target.value) })}
        />
        <output className="w-10 text-right tabular-nums">{pRespond.toFixed(2)}</output>
      </label>
    </>
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
        <SpeakerPreview />
      </div>
    </Section>
  );
}
