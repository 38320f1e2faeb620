import type { ModelRef } from "../../../shared/domain/model-ref.js";
import type { AutomaticTurnManagerSpec, RandomWeightedVariant, TurnManagerSpec } from "../../../shared/domain/turn-manager.js";

/** The Designer's turn-manager settings: every kind's, so switching kinds loses nothing. */
export interface TurnManagerForm {
  turnManagerKind: TurnManagerSpec["kind"];
  pRespond: number;
  randomWeightedVariant: RandomWeightedVariant;
  /** Talkativeness by username; a participant not listed weighs 1. */
  talkativeness: Record<string, number>;
  pMention: number;
  llmSelector: { model: ModelRef | null; window: number; allowRepeat: boolean; instructions: string; temperature: number };
  manual: { timeoutSeconds: number | null; fallback: AutomaticTurnManagerSpec["kind"] };
}

export function emptyTurnManagerForm(): TurnManagerForm {
  return {
    turnManagerKind: "round-robin",
    pRespond: 0.5,
    randomWeightedVariant: "intended",
    talkativeness: {},
    pMention: 0.8,
    llmSelector: { model: null, window: 5, allowRepeat: false, instructions: "", temperature: 0 },
    manual: { timeoutSeconds: 30, fallback: "round-robin" },
  };
}

function automaticSpec(form: TurnManagerForm, kind: AutomaticTurnManagerSpec["kind"]): AutomaticTurnManagerSpec {
  switch (kind) {
    case "random-weighted":
      return { kind, pRespond: form.pRespond, variant: form.randomWeightedVariant };
    case "talkativeness":
      return { kind, weights: { ...form.talkativeness }, pMention: form.pMention };
    default:
      return { kind: "round-robin" };
  }
}

export function turnManagerSpec(form: TurnManagerForm): TurnManagerSpec {
  switch (form.turnManagerKind) {
    case "llm-selected": {
      const { model, ...rest } = form.llmSelector;
      return { kind: "llm-selected", ...rest, ...(model ? { model } : {}) };
    }
    case "manual":
      return { kind: "manual", timeoutSeconds: form.manual.timeoutSeconds, fallback: automaticSpec(form, form.manual.fallback) };
    default:
      return automaticSpec(form, form.turnManagerKind);
  }
}

/** The form's settings for a saved design's turn manager (a manual one's fallback included). */
export function turnManagerFormFields(spec: TurnManagerSpec): TurnManagerForm {
  const form: TurnManagerForm = { ...emptyTurnManagerForm(), turnManagerKind: spec.kind };
  const automatic = spec.kind === "manual" ? spec.fallback : spec.kind === "llm-selected" ? null : spec;
  if (automatic?.kind === "random-weighted") Object.assign(form, { pRespond: automatic.pRespond, randomWeightedVariant: automatic.variant });
  if (automatic?.kind === "talkativeness") Object.assign(form, { talkativeness: { ...automatic.weights }, pMention: automatic.pMention });
  if (spec.kind === "manual") form.manual = { timeoutSeconds: spec.timeoutSeconds, fallback: spec.fallback.kind };
  if (spec.kind === "llm-selected") form.llmSelector = { model: spec.model ?? null, window: spec.window, allowRepeat: spec.allowRepeat, instructions: spec.instructions, temperature: spec.temperature };
  return form;
}
