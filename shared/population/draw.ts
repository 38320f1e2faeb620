import type { Persona } from "../domain/persona.js";
import type { AgeBands, Categorical, PopulationRule, PopulationSpec, Traits } from "../domain/population.js";
import { POPULATION_SCALAR_FIELDS, fieldDistribution } from "../domain/population.js";
import { SeededRandom, deriveSeed } from "../random.js";
import { describeRule, ruleHolds, type DrawnValues } from "./rules.js";
import { assignUsernames } from "./usernames.js";

/** Draws per persona before the rules are declared (almost) unsatisfiable. */
export const MAX_ATTEMPTS = 10_000;

export interface DrawOptions {
  size: number;
  seed: number;
  /** Usernames the pool must not take (e.g. personas the user already has). */
  taken?: ReadonlySet<string>;
}

export interface DrawnPool {
  personas: Persona[];
  /** Draws the rules rejected, by rule index (a draw can break several). */
  rejectedByRule: number[];
  /** All draws made, accepted or not. */
  draws: number;
}

export class PopulationDrawError extends Error {
  override readonly name = "PopulationDrawError";
}

/**
 * N personas from a population spec, reproducibly: persona i is drawn from its own generator
 * (seeded from `seed` and i), so the i-th persona does not depend on how many draws the
 * others needed. A draw that breaks a rule is drawn again (rejection sampling: the pool is the
 * spec's distribution conditioned on the rules). Fields the LLM writes are left empty here.
 */
export function drawPool(spec: PopulationSpec, options: DrawOptions): DrawnPool {
  if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError("a pool needs at least one persona");
  const rejectedByRule = spec.rules.map(() => 0);
  let draws = 0;
  const drawn: Omit<Persona, "username">[] = [];
  for (let index = 0; index < options.size; index++) {
    const random = new SeededRandom(deriveSeed(options.seed, "persona", index));
    for (let attempt = 0; ; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new PopulationDrawError(unsatisfiableMessage(spec, rejectedByRule));
      draws++;
      const values = drawValues(spec, random);
      const broken = spec.rules.flatMap((rule, ruleIndex) => (ruleHolds(rule, values) ? [] : [ruleIndex]));
      broken.forEach((ruleIndex) => rejectedByRule[ruleIndex]!++);
      if (broken.length > 0) continue;
      drawn.push(personaFields(spec, values, drawTraits(spec.fields.personality_characteristics, random)));
      break;
    }
  }
  const usernames = assignUsernames(spec.usernames, drawn.length, deriveSeed(options.seed, "usernames"), options.taken ?? new Set());
  const personas = drawn.map((fields, index) => ({ username: usernames[index] as string, ...fields }) as Persona);
  return { personas, rejectedByRule, draws };
}

function unsatisfiableMessage(spec: PopulationSpec, rejectedByRule: readonly number[]): string {
  const worst = rejectedByRule.map((count, index) => ({ count, index })).sort((a, b) => b.count - a.count).slice(0, 2);
  const rules = worst.filter((entry) => entry.count > 0).map((entry) => describeRule(spec.rules[entry.index] as PopulationRule, entry.index));
  return `the rules rejected ${MAX_ATTEMPTS} draws in a row for one persona: almost no persona the distributions produce satisfies them (most often broken: ${rules.join("; ")})`;
}

/** The scalar values (as text) and the drawn age of one candidate persona. */
function drawValues(spec: PopulationSpec, random: SeededRandom): DrawnValues & { values: Map<string, string> } {
  const values = new Map<string, string>();
  for (const table of spec.tables) {
    const row = table.rows[weightedIndex(random, table.rows.map((entry) => entry.weight))];
    table.fields.forEach((field, at) => values.set(field, row?.values[at] ?? ""));
  }
  for (const field of [...POPULATION_SCALAR_FIELDS, ...Object.keys(spec.extraFields)]) {
    if (values.has(field)) continue;
    const distribution = fieldDistribution(spec, field);
    if (distribution?.kind === "categorical") values.set(field, pickCategory(distribution, random));
    if (distribution?.kind === "age-bands") values.set(field, distribution.bands[weightedIndex(random, distribution.bands.map((band) => band.weight))]?.label ?? "");
  }
  return { values, ageNumber: drawAgeNumber(spec.fields.age, values.get("age"), random) };
}

/** Age bands draw a whole age uniformly within the chosen band; categorical ages that are whole numbers are numbers. */
function drawAgeNumber(age: AgeBands | Categorical | undefined, label: string | undefined, random: SeededRandom): number | null {
  if (!age || label === undefined) return null;
  if (age.kind === "categorical") return /^\d+$/.test(label) ? Number(label) : null;
  const band = age.bands.find((candidate) => candidate.label === label);
  return band ? band.min + random.nextInt(band.max - band.min + 1) : null;
}

function drawTraits(traits: PopulationSpec["fields"]["personality_characteristics"], random: SeededRandom): string[] {
  if (traits?.kind !== "traits") return [];
  return drawTraitList(traits, random);
}

/** A uniform number of traits in [min, max], drawn by weight without repeats. */
export function drawTraitList(traits: Traits, random: SeededRandom): string[] {
  const { min, max } = traits.count;
  const count = min + random.nextInt(max - min + 1);
  const pool = traits.vocabulary.filter((entry) => entry.weight > 0);
  const chosen: string[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) {
    const at = weightedIndex(random, pool.map((entry) => entry.weight));
    chosen.push((pool[at] as Traits["vocabulary"][number]).trait);
    pool.splice(at, 1);
  }
  return chosen;
}

function personaFields(spec: PopulationSpec, drawn: DrawnValues, traits: string[]): Omit<Persona, "username"> {
  const text = (field: string) => drawn.values.get(field) ?? "";
  const age = spec.fields.age;
  const label = drawn.values.get("age");
  const writtenAge =
    label === undefined ? -1 : age?.kind === "age-bands" && age.write === "number" ? (drawn.ageNumber ?? -1) : /^\d+$/.test(label) && age?.kind === "categorical" ? Number(label) : label;
  const persona: Omit<Persona, "username"> = {
    age: writtenAge,
    sex: text("sex"),
    sexual_orientation: text("sexual_orientation"),
    demographic_group: text("demographic_group"),
    current_employment: text("current_employment"),
    education_level: text("education_level"),
    special_instructions: text("special_instructions"),
    personality_characteristics: traits,
  };
  for (const field of Object.keys(spec.extraFields)) persona[field] = text(field);
  return persona;
}

function pickCategory(distribution: Categorical, random: SeededRandom): string {
  return distribution.categories[weightedIndex(random, distribution.categories.map((category) => category.weight))]?.value ?? "";
}

/** An index drawn with probability proportional to its weight; zero weights are never drawn. */
export function weightedIndex(random: SeededRandom, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError("weights sum to 0");
  const target = random.next() * total;
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i] as number;
    if (target < cumulative) return i;
  }
  // Rounding can leave target at the very top: the last positive weight takes it.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
  return weights.length - 1;
}
