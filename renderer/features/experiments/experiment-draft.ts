/**
 * The Experiments page's form, and its translation to and from the experiment spec (the same
 * JSON `cli experiment run` takes). Pure functions: the store holds a draft, the engine gets a spec.
 */
import presets from "../../../resources/prompt-presets.json";
import { experimentSpecSchema, turnManagerSpecSchema, type ExperimentSpec, type ExperimentSpecInput, type ModelRef, type Persona, type PromptStyle } from "../../../shared/domain/index.js";
import { modelDisplayName, modelRefKey } from "../../../shared/domain/model-ref.js";
import type { PopulationSpec } from "../../../shared/domain/population.js";

export interface ModeratorDraft {
  label: string;
  /** A persona of the personas list. */
  username: string;
  instructions: string;
  /** Key of a ModelChoice the moderator speaks with; null: the cell's model, like the users. */
  model?: string | null;
}
export interface TopicDraft {
  label: string;
  /** One seed comment per line, "author: text". */
  seeds: string;
}
export interface InstructionDraft {
  label: string;
  text: string;
}
/** A model the study can use: a local file or a server profile. */
export interface ModelChoice {
  key: string;
  label: string;
  ref: ModelRef;
}

/** A population the study can draw its users from: a preset, a saved spec, or one a loaded study had. */
export interface PopulationChoice {
  key: string;
  label: string;
  spec: PopulationSpec;
}

export interface ExperimentDraft {
  name: string;
  pool: string[];
  usersPerDiscussion: number;
  context: string;
  includeNoModerator: boolean;
  moderators: ModeratorDraft[];
  roundRobin: boolean;
  randomWeighted: boolean;
  /** RandomWeighted as SynDisco 2.0.x really drew turns (p_respond has no effect), for replications. */
  randomWeightedSyndisco: boolean;
  pRespond: number;
  /** Talkativeness and mentions, every participant weighing 1 (pools are sampled per discussion). */
  talkativeness: boolean;
  pMention: number;
  /** The cell's model names each speaker. */
  llmSelected: boolean;
  /** Chosen PopulationChoices with their pool sizes; none: users come from `pool`. */
  populations: { key: string; size: number }[];
  /** Keys of chosen ModelChoices. */
  models: string[];
  topics: TopicDraft[];
  instructions: InstructionDraft[];
  repetitions: number;
  turns: number;
  historyWindow: number;
  promptStyle: PromptStyle;
  masterSeed: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Discussions at once; null lets the engine choose from free memory. */
  parallel: number | null;
}

export function emptyDraft(): ExperimentDraft {
  return {
    name: "My study",
    pool: [],
    usersPerDiscussion: 3,
    context: presets.contexts[0]?.text ?? "",
    includeNoModerator: true,
    moderators: [],
    roundRobin: true,
    randomWeighted: false,
    randomWeightedSyndisco: false,
    pRespond: 0.5,
    talkativeness: false,
    pMention: 0.8,
    llmSelected: false,
    populations: [],
    models: [],
    topics: [{ label: "topic 1", seeds: "" }],
    instructions: [{ label: presetLabel(presets.userInstructions[0]?.label ?? "default"), text: presets.userInstructions[0]?.text ?? "" }],
    repetitions: 3,
    turns: 10,
    historyWindow: 5,
    promptStyle: "syndisco-2.0",
    masterSeed: 42,
    temperature: 0.7,
    topP: 0.95,
    maxTokens: 300,
    parallel: null,
  };
}

export const moderatorPresets = presets.moderatorInstructions;
export const instructionPresets = presets.userInstructions;

/** A condition label as the spec allows it: letters, digits, spaces and . + - _, at most 40. */
export function presetLabel(text: string): string {
  return text.replace(/[^\w .+-]+/g, "-").trim().slice(0, 40) || "condition";
}

export const modelKey = modelRefKey;

export function modelChoice(ref: ModelRef, label?: string): ModelChoice {
  return { key: modelKey(ref), label: label ?? modelDisplayName(ref), ref };
}

function parseSeeds(text: string): { author: string; text: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      return colon > 0 ? { author: line.slice(0, colon).trim(), text: line.slice(colon + 1).trim() } : { author: "user", text: line };
    });
}

/** Labels must be unique within a list: later duplicates get " 2", " 3". */
function uniqueLabels<T extends { label: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = presetLabel(item.label);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { ...item, label: count === 1 ? base : presetLabel(`${base.slice(0, 36)} ${count}`) };
  });
}

export type BuiltSpec = { ok: true; spec: ExperimentSpec } | { ok: false; problems: string[] };

/** The spec the draft describes, or what is missing (in words a researcher can act on). */
export function buildSpec(draft: ExperimentDraft, personas: readonly Persona[], choices: readonly ModelChoice[], populationChoices: readonly PopulationChoice[] = []): BuiltSpec {
  const byName = new Map(personas.map((persona) => [persona.username, persona]));
  const problems: string[] = [];
  const moderatorVariants = uniqueLabels(draft.moderators).flatMap((moderator) => {
    const persona = byName.get(moderator.username);
    if (!persona) {
      problems.push(`moderator "${moderator.label}" needs a persona`);
      return [];
    }
    const model = moderator.model ? choices.find((choice) => choice.key === moderator.model)?.ref : undefined;
    if (moderator.model && !model) problems.push(`moderator "${moderator.label}" names a model that is no longer listed`);
    return [{ kind: "moderator" as const, label: moderator.label, persona, instructions: moderator.instructions, ...(model ? { model } : {}) }];
  });
  const moderators = [...(draft.includeNoModerator ? [{ kind: "none" as const, label: "none" }] : []), ...moderatorVariants];
  const moderatorNames = new Set(moderatorVariants.map((variant) => variant.persona.username));
  const pool = draft.pool.filter((name) => !moderatorNames.has(name)).flatMap((name) => byName.get(name) ?? []);
  const turnManagers = [
    ...(draft.roundRobin ? [{ label: "round-robin", spec: { kind: "round-robin" as const } }] : []),
    ...(draft.randomWeighted ? [{ label: "random-weighted", spec: { kind: "random-weighted" as const, pRespond: draft.pRespond, variant: "intended" as const } }] : []),
    ...(draft.randomWeightedSyndisco
      ? [{ label: "random-weighted-syndisco-2.0", spec: { kind: "random-weighted" as const, pRespond: draft.pRespond, variant: "syndisco-2.0" as const } }]
      : []),
    ...(draft.talkativeness ? [{ label: "talkativeness", spec: { kind: "talkativeness" as const, weights: {}, pMention: draft.pMention } }] : []),
    ...(draft.llmSelected ? [{ label: "llm-selected", spec: turnManagerSpecSchema.parse({ kind: "llm-selected" }) }] : []),
  ];
  const models = uniqueLabels(
    draft.models.flatMap((key) => {
      const choice = choices.find((entry) => entry.key === key);
      return choice ? [{ label: choice.label, model: choice.ref }] : [];
    }),
  );
  const populations = uniqueLabels(
    draft.populations.flatMap(({ key, size }) => {
      const choice = populationChoices.find((entry) => entry.key === key);
      return choice ? [{ label: choice.label, spec: choice.spec, size }] : [];
    }),
  );
  if (pool.length === 0 && populations.length === 0) problems.push("choose personas for the pool");
  if (moderators.length === 0) problems.push('add a moderator or keep "no moderator"');
  if (turnManagers.length === 0) problems.push("choose at least one turn manager");
  if (models.length === 0) problems.push("choose at least one model");
  if (draft.topics.length === 0) problems.push("add at least one topic");
  if (draft.instructions.length === 0) problems.push("add at least one user instruction");
  if (problems.length > 0) return { ok: false, problems };
  const input: ExperimentSpecInput = {
    name: draft.name.trim() || "Untitled experiment",
    personaPool: pool,
    usersPerDiscussion: draft.usersPerDiscussion,
    context: draft.context,
    conditions: {
      moderators,
      turnManagers,
      models,
      topics: uniqueLabels(draft.topics).map((topic) => ({ label: topic.label, seedComments: parseSeeds(topic.seeds) })),
      userInstructions: uniqueLabels(draft.instructions).map((instruction) => ({ label: instruction.label, text: instruction.text })),
      ...(populations.length > 0 ? { populations } : {}),
    },
    repetitions: draft.repetitions,
    turns: draft.turns,
    historyWindow: draft.historyWindow,
    promptStyle: draft.promptStyle,
    sampling: { temperature: draft.temperature, topP: draft.topP, maxTokens: draft.maxTokens, stopStrings: [] },
    masterSeed: draft.masterSeed,
  };
  const parsed = experimentSpecSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "spec"}: ${issue.message}`) };
  return { ok: true, spec: parsed.data };
}

/** A saved spec back in the form; its models join the choices so they stay selected. */
export function draftFromSpec(spec: ExperimentSpec): { draft: ExperimentDraft; personas: Persona[]; choices: ModelChoice[]; populationChoices: PopulationChoice[] } {
  const populationChoices = (spec.conditions.populations ?? []).map((population) => ({ key: `study:${population.label}`, label: population.label, spec: population.spec }));
  const moderatorVariants = spec.conditions.moderators.flatMap((variant) => (variant.kind === "moderator" ? [variant] : []));
  const randomWeighted = spec.conditions.turnManagers.find((manager) => manager.spec.kind === "random-weighted" && manager.spec.variant === "intended");
  const randomWeightedSyndisco = spec.conditions.turnManagers.find((manager) => manager.spec.kind === "random-weighted" && manager.spec.variant === "syndisco-2.0");
  const talkativeness = spec.conditions.turnManagers.find((manager) => manager.spec.kind === "talkativeness");
  const moderatorModels = moderatorVariants.flatMap((variant) => (variant.model ? [modelChoice(variant.model)] : []));
  const choices = [...spec.conditions.models.map((condition) => modelChoice(condition.model, condition.label)), ...moderatorModels];
  const draft: ExperimentDraft = {
    name: spec.name,
    pool: spec.personaPool.map((persona) => persona.username),
    usersPerDiscussion: spec.usersPerDiscussion,
    context: spec.context,
    includeNoModerator: spec.conditions.moderators.some((variant) => variant.kind === "none"),
    moderators: moderatorVariants.map((variant) => ({ label: variant.label, username: variant.persona.username, instructions: variant.instructions, model: variant.model ? modelKey(variant.model) : null })),
    roundRobin: spec.conditions.turnManagers.some((manager) => manager.spec.kind === "round-robin"),
    randomWeighted: Boolean(randomWeighted),
    randomWeightedSyndisco: Boolean(randomWeightedSyndisco),
    pRespond: randomWeighted?.spec.kind === "random-weighted" ? randomWeighted.spec.pRespond : 0.5,
    talkativeness: Boolean(talkativeness),
    pMention: talkativeness?.spec.kind === "talkativeness" ? talkativeness.spec.pMention : 0.8,
    llmSelected: spec.conditions.turnManagers.some((manager) => manager.spec.kind === "llm-selected"),
    populations: (spec.conditions.populations ?? []).map((population, index) => ({ key: populationChoices[index]!.key, size: population.size })),
    models: spec.conditions.models.map((condition) => modelKey(condition.model)),
    topics: spec.conditions.topics.map((topic) => ({ label: topic.label, seeds: topic.seedComments.map((seed) => `${seed.author}: ${seed.text}`).join("\n") })),
    instructions: spec.conditions.userInstructions.map((instruction) => ({ ...instruction })),
    repetitions: spec.repetitions,
    turns: spec.turns,
    historyWindow: spec.historyWindow,
    promptStyle: spec.promptStyle,
    masterSeed: spec.masterSeed,
    temperature: spec.sampling.temperature,
    topP: spec.sampling.topP,
    maxTokens: spec.sampling.maxTokens,
    parallel: null,
  };
  return { draft, personas: [...spec.personaPool, ...moderatorVariants.map((variant) => variant.persona)], choices, populationChoices };
}
