import { createHash } from "node:crypto";
import {
  discussionDesignSchema,
  type Actor,
  type ExperimentSpec,
  type Persona,
} from "../../shared/domain/index.js";
import { SeededRandom, deriveSeed } from "../../shared/random.js";
import { drawPool } from "../../shared/population/draw.js";
import type { ExperimentCell, ExperimentPlan, PlannedDiscussion } from "../../shared/domain/experiment-plan.js";

export type { ExperimentCell, ExperimentPlan, PlannedDiscussion } from "../../shared/domain/experiment-plan.js";

/** The cross product of every condition list, in a fixed order. */
export function experimentCells(spec: ExperimentSpec): ExperimentCell[] {
  const c = spec.conditions;
  const cells: ExperimentCell[] = [];
  for (const moderator of c.moderators)
    for (const turnManager of c.turnManagers)
      for (const model of c.models)
        for (const topic of c.topics)
          for (const instructions of c.userInstructions)
            for (const population of c.populations ?? [null]) {
              const conditions = {
                moderator: moderator.label,
                turnManager: turnManager.label,
                model: model.label,
                topic: topic.label,
                userInstructions: instructions.label,
                ...(population ? { population: population.label } : {}),
              };
              const index = cells.length;
              const labels = Object.values(conditions).map((value) => value.replace(/[^\w.+-]+/g, "-"));
              cells.push({ id: `${String(index + 1).padStart(3, "0")}_${labels.join("_")}`, index, conditions });
            }
  return cells;
}

export function planExperiment(spec: ExperimentSpec): ExperimentPlan {
  const cells = experimentCells(spec);
  const pools = new Map((spec.conditions.populations ?? []).map((population) => [population.label, populationPool(spec, population.label)]));
  const discussions: PlannedDiscussion[] = [];
  for (const cell of cells) {
    const pool = cell.conditions.population === undefined ? spec.personaPool : (pools.get(cell.conditions.population) as Persona[]);
    for (let repetition = 0; repetition < spec.repetitions; repetition++) {
      discussions.push(planDiscussion(spec, cell, repetition, pool));
    }
  }
  return { cells, discussions };
}

/**
 * The users' pool of a population condition: drawn from its spec with a seed of the study and
 * the label, so every cell (and a resumed run) of that population sees the same pool.
 */
export function populationPool(spec: ExperimentSpec, label: string): Persona[] {
  const population = spec.conditions.populations?.find((entry) => entry.label === label);
  if (!population) throw new Error(`the study has no population "${label}"`);
  const moderatorNames = spec.conditions.moderators.flatMap((m) => (m.kind === "moderator" ? [m.persona.username] : []));
  return drawPool(population.spec, { size: population.size, seed: deriveSeed(spec.masterSeed, "population", label), taken: new Set(moderatorNames) }).personas;
}

/** A repetition's users: the same seed in every cell, so cells compare the same people (the same draws, for populations). */
export function sampleParticipants(spec: ExperimentSpec, repetition: number, pool: readonly Persona[] = spec.personaPool): { seed: number; personas: Persona[] } {
  const moderatorNames = new Set(spec.conditions.moderators.flatMap((m) => (m.kind === "moderator" ? [m.persona.username] : [])));
  const eligible = pool.filter((persona) => !moderatorNames.has(persona.username));
  const seed = deriveSeed(spec.masterSeed, "participants", repetition);
  return { seed, personas: new SeededRandom(seed).sample(eligible, spec.usersPerDiscussion) };
}

function planDiscussion(spec: ExperimentSpec, cell: ExperimentCell, repetition: number, pool: readonly Persona[]): PlannedDiscussion {
  const c = spec.conditions;
  const pick = <T extends { label: string }>(items: T[], label: string) => items.find((item) => item.label === label) as T;
  const moderatorVariant = pick(c.moderators, cell.conditions.moderator);
  const turnManager = pick(c.turnManagers, cell.conditions.turnManager);
  const model = pick(c.models, cell.conditions.model);
  const topic = pick(c.topics, cell.conditions.topic);
  const instructions = pick(c.userInstructions, cell.conditions.userInstructions);
  const { seed: participantSeed, personas } = sampleParticipants(spec, repetition, pool);
  const seed = deriveSeed(spec.masterSeed, "discussion", cell.id, repetition);
  const participants: Actor[] = personas.map((persona) => ({ persona, role: "user", context: spec.context, instructions: instructions.text }));
  const moderator: Actor | null =
    moderatorVariant.kind === "none"
      ? null
      : { persona: moderatorVariant.persona, role: "moderator", context: spec.context, instructions: moderatorVariant.instructions, model: moderatorVariant.model };
  const design = discussionDesignSchema.parse({
    name: `${spec.name} / ${cell.id} / ${repetition + 1}`,
    participants,
    moderator,
    seedComments: topic.seedComments,
    turns: spec.turns,
    historyWindow: spec.historyWindow,
    promptStyle: spec.promptStyle,
    turnManager: turnManager.spec,
    model: model.model,
    sampling: { ...spec.sampling, seed },
  });
  return {
    discussionId: discussionUuid(spec, cell.id, repetition),
    cell,
    repetition,
    participantSeed,
    seed,
    participants: personas.map((persona) => persona.username),
    design,
  };
}

/**
 * A UUID v4-shaped id derived from the study and the discussion's place in it, so a resumed
 * study finds its finished files by name and never runs a discussion twice.
 */
export function discussionUuid(spec: ExperimentSpec, cellId: string, repetition: number): string {
  const hash = createHash("sha256").update(JSON.stringify([spec.name, spec.masterSeed, cellId, repetition])).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x40;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
