import chiSquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import type { Persona } from "../../../shared/domain/persona.js";
import type { PopulationSpec } from "../../../shared/domain/population.js";
import type { ChiSquare, FieldProfile, PoolProfile, ProfileRow } from "../../../shared/domain/population-profile.js";
import { fieldTargets, personaCategory, profiledFields, tableTargets, traitCountTargets, traitMentionTargets, TRAIT_SIMULATION_DRAWS, type Shares } from "../../../shared/population/targets.js";

/** Below this many expected personas in a category, Pearson's chi-square is only approximate (Cochran's rule of thumb). */
const SMALL_EXPECTED = 5;

/**
 * A pool beside the population it was meant to come from: per field the drawn shares, the
 * target shares, Pearson's chi-square goodness of fit and the total variation distance.
 * Works for any personas, e.g. a hand-written pool checked against a spec.
 */
export function profilePool(spec: PopulationSpec, personas: readonly Persona[], options: { rejectedDraws?: number; draws?: number } = {}): PoolProfile {
  const fields: FieldProfile[] = [];
  const ruled = new Set(spec.rules.flatMap((rule) => [...rule.if, rule.then].map((condition) => condition.field)));
  for (const field of profiledFields(spec)) {
    const counts = tally(personas.map((persona) => personaCategory(spec, persona, field)));
    const notes = ruled.has(field) ? ["The rules name this field: the pool follows the spec conditioned on the rules, so it can differ from the stated shares by design."] : [];
    fields.push(compare(field, field.replaceAll("_", " "), fieldTargets(spec, field) as Shares, counts, notes));
  }
  spec.tables.forEach((table, index) => {
    const counts = tally(personas.map((persona) => table.fields.map((field) => personaCategory(spec, persona, field)).join(" / ")));
    fields.push(compare(`table:${index}`, table.fields.map((field) => field.replaceAll("_", " ")).join(" x "), tableTargets(table), counts, []));
  });
  const traits = spec.fields.personality_characteristics;
  if (traits?.kind === "traits") {
    const lengths = tally(personas.map((persona) => String(persona.personality_characteristics.length)));
    fields.push(compare("personality_characteristics:count", "number of personality characteristics", traitCountTargets(traits), lengths, []));
    const mentions = tally(personas.flatMap((persona) => persona.personality_characteristics));
    const profile = compare("personality_characteristics", "personality characteristics (share of mentions)", traitMentionTargets(traits), mentions, [
      `Traits are drawn by weight without repeats, so the target shares are estimated from ${TRAIT_SIMULATION_DRAWS.toLocaleString("en")} personas drawn the same way; a persona names several traits, so there is no chi-square test here.`,
    ]);
    fields.push({ ...profile, chiSquare: null });
  }
  const llmFields = (["personality_characteristics", "special_instructions"] as const)
    .filter((field) => spec.fields[field]?.kind === "llm")
    .map((field) => ({ field, filled: personas.filter((persona) => (field === "special_instructions" ? persona.special_instructions.trim() !== "" : persona.personality_characteristics.length > 0)).length }));
  const notes: string[] = [];
  if (options.rejectedDraws && options.draws) {
    notes.push(`The rules rejected ${options.rejectedDraws} of ${options.draws} draws (${((100 * options.rejectedDraws) / options.draws).toFixed(1)} %).`);
  }
  return { size: personas.length, fields, llmFields, notes };
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function compare(field: string, label: string, targets: Shares, counts: Map<string, number>, notes: string[]): FieldProfile {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const categories = [...targets.keys(), ...[...counts.keys()].filter((category) => !targets.has(category))];
  const rows: ProfileRow[] = categories.map((category) => {
    const drawnCount = counts.get(category) ?? 0;
    return { category, targetShare: targets.get(category) ?? 0, drawnCount, drawnShare: total > 0 ? drawnCount / total : 0 };
  });
  const totalVariation = Math.min(1, rows.reduce((sum, row) => sum + Math.abs(row.drawnShare - row.targetShare), 0) / 2);
  const outside = rows.filter((row) => row.targetShare === 0 && row.drawnCount > 0);
  const allNotes = [...notes];
  if (outside.length > 0) allNotes.push(`${outside.reduce((sum, row) => sum + row.drawnCount, 0)} have values the target gives no share: ${outside.map((row) => `"${row.category}"`).join(", ")}.`);
  const chiSquare = total > 0 ? pearson(rows, total) : null;
  const small = rows.filter((row) => row.targetShare > 0 && row.targetShare * total < SMALL_EXPECTED).length;
  if (chiSquare && small > 0) allNotes.push(`${small} of ${rows.filter((row) => row.targetShare > 0).length} categories expect fewer than ${SMALL_EXPECTED} personas at this size: the chi-square p-value is approximate; total variation is the better guide.`);
  return { field, label, rows, chiSquare, totalVariation, notes: allNotes };
}

/**
 * Pearson's statistic over the categories the target gives a share, with k - 1 degrees of
 * freedom; null with a single category (nothing to test), and where personas hold values the
 * target gives no share (no finite statistic: the note says so and total variation counts them).
 */
export function pearson(rows: readonly Pick<ProfileRow, "targetShare" | "drawnCount">[], total: number): ChiSquare | null {
  const expected = rows.filter((row) => row.targetShare > 0);
  const degreesOfFreedom = expected.length - 1;
  if (degreesOfFreedom < 1) return null;
  if (rows.some((row) => row.targetShare === 0 && row.drawnCount > 0)) return null;
  const statistic = expected.reduce((sum, row) => {
    const mean = row.targetShare * total;
    return sum + (row.drawnCount - mean) ** 2 / mean;
  }, 0);
  return { statistic, degreesOfFreedom, pValue: Math.min(1, Math.max(0, 1 - chiSquareCdf(statistic, degreesOfFreedom))) };
}
