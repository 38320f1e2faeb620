import type { Persona } from "../domain/persona.js";
import type { JointTable, PopulationSpec, Traits } from "../domain/population.js";
import { fieldDistribution, scalarFieldNames } from "../domain/population.js";
import { SeededRandom } from "../random.js";
import { drawTraitList } from "./draw.js";

/** Shares that sum to 1, in the order the spec lists the categories. */
export type Shares = Map<string, number>;

function normalise(entries: readonly [string, number][]): Shares {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const shares: Shares = new Map();
  for (const [key, weight] of entries) shares.set(key, (shares.get(key) ?? 0) + (total > 0 ? weight / total : 0));
  return shares;
}

/** The joint table a field is drawn from, if any. */
export function tableOf(spec: PopulationSpec, field: string): { table: JointTable; index: number } | null {
  const index = spec.tables.findIndex((table) => table.fields.includes(field));
  return index < 0 ? null : { table: spec.tables[index] as JointTable, index };
}

/**
 * The share of personas the spec means to give each category of a scalar field (a joint
 * table's marginal where the field is in one; age by band). Null when the spec leaves the
 * field alone or the LLM writes it.
 */
export function fieldTargets(spec: PopulationSpec, field: string): Shares | null {
  const tabled = tableOf(spec, field);
  if (tabled) {
    const at = tabled.table.fields.indexOf(field);
    return normalise(tabled.table.rows.map((row) => [row.values[at] ?? "", row.weight]));
  }
  const distribution = fieldDistribution(spec, field);
  if (distribution?.kind === "categorical") return normalise(distribution.categories.map((category) => [category.value, category.weight]));
  if (distribution?.kind === "age-bands") return normalise(distribution.bands.map((band) => [band.label, band.weight]));
  return null;
}

/** Cell shares of a joint table, keyed by the cell's values joined with " / ". */
export function tableTargets(table: JointTable): Shares {
  return normalise(table.rows.map((row) => [row.values.join(" / "), row.weight]));
}

/** The category a persona falls in for a field: its age band where the spec has bands, else its value as text. */
export function personaCategory(spec: PopulationSpec, persona: Persona, field: string): string {
  const value = persona[field];
  const age = spec.fields.age;
  if (field === "age" && age?.kind === "age-bands" && typeof value === "number") {
    return age.bands.find((band) => value >= band.min && value <= band.max)?.label ?? String(value);
  }
  return value === undefined || value === null ? "" : String(value);
}

/** The scalar fields a profile compares: those with a target. */
export function profiledFields(spec: PopulationSpec): string[] {
  return scalarFieldNames(spec).filter((field) => fieldTargets(spec, field) !== null);
}

/** Trait counts are uniform on [min, max]. */
export function traitCountTargets(traits: Traits): Shares {
  const { min, max } = traits.count;
  return normalise(Array.from({ length: max - min + 1 }, (_, i) => [String(min + i), 1]));
}

/** Personas whose traits the mention shares below are estimated from. */
export const TRAIT_SIMULATION_DRAWS = 20_000;

/**
 * Expected share of trait mentions. Traits are drawn by weight without repeats, so a trait's
 * chance to appear is not proportional to its weight; the expectation is estimated from
 * TRAIT_SIMULATION_DRAWS personas drawn the same way, on a fixed seed of its own.
 */
export function traitMentionTargets(traits: Traits): Shares {
  const random = new SeededRandom(0x7a17);
  const mentions = new Map<string, number>(traits.vocabulary.map((entry) => [entry.trait, 0]));
  for (let i = 0; i < TRAIT_SIMULATION_DRAWS; i++) {
    for (const trait of drawTraitList(traits, random)) mentions.set(trait, (mentions.get(trait) ?? 0) + 1);
  }
  return normalise([...mentions]);
}
