import type { Condition, PopulationRule, PopulationSpec } from "../domain/population.js";
import { fieldDistribution, scalarFieldNames } from "../domain/population.js";

/** What a rule sees of a drawn persona: scalar values by field, and the drawn age as a number. */
export interface DrawnValues {
  values: ReadonlyMap<string, string>;
  ageNumber: number | null;
}

export function conditionHolds(condition: Condition, drawn: DrawnValues): boolean {
  if (condition.min !== undefined || condition.max !== undefined) {
    const age = drawn.ageNumber;
    return age !== null && age >= (condition.min ?? -Infinity) && age <= (condition.max ?? Infinity);
  }
  const value = drawn.values.get(condition.field) ?? "";
  if (condition.in) return condition.in.includes(value);
  return !(condition.notIn ?? []).includes(value);
}

export function ruleHolds(rule: PopulationRule, drawn: DrawnValues): boolean {
  return !rule.if.every((condition) => conditionHolds(condition, drawn)) || conditionHolds(rule.then, drawn);
}

export function describeCondition(condition: Condition): string {
  const field = condition.field.replaceAll("_", " ");
  if (condition.in) return `${field} is ${condition.in.map((value) => `"${value}"`).join(" or ")}`;
  if (condition.notIn) return `${field} is not ${condition.notIn.map((value) => `"${value}"`).join(" or ")}`;
  if (condition.min !== undefined && condition.max !== undefined) return `${field} is ${condition.min} to ${condition.max}`;
  return condition.min !== undefined ? `${field} is at least ${condition.min}` : `${field} is at most ${condition.max}`;
}

export function describeRule(rule: PopulationRule, index: number): string {
  const text = `if ${rule.if.map(describeCondition).join(" and ")} then ${describeCondition(rule.then)}`;
  return `rule ${index + 1} (${rule.note ? `${rule.note}: ` : ""}${text})`;
}

// ---------------------------------------------------------------- feasibility

/** One choice the sampler makes: a joint-table row, a field's category or band, or the age number. */
interface Variable {
  fields: string[];
  options: { assign: [string, string][]; ageNumber?: number }[];
}

export type Feasibility = { feasible: true } | { feasible: false; rules: number[]; message: string } | { feasible: "unknown"; message: string };

/** Search steps before giving up on proving a spec feasible (a warning, not an error). */
const SEARCH_BUDGET = 2_000_000;

/**
 * Whether some persona the spec can draw (every choice with positive weight) satisfies every
 * rule; if none can, the smallest set of rules found that together exclude everyone.
 */
export function checkFeasibility(spec: PopulationSpec): Feasibility {
  if (spec.rules.length === 0) return { feasible: true };
  const all = spec.rules.map((_, index) => index);
  const first = search(spec, all);
  if (first === "unknown") return { feasible: "unknown", message: "the rules are too many to verify before drawing; the draw will report if they reject nearly every persona" };
  if (first) return { feasible: true };
  // Deletion filter: drop each rule the conflict survives without, leaving a minimal set.
  let conflict = all;
  for (const index of all) {
    const without = conflict.filter((candidate) => candidate !== index);
    if (search(spec, without) === false) conflict = without;
  }
  const described = conflict.map((index) => describeRule(spec.rules[index] as PopulationRule, index));
  return {
    feasible: false,
    rules: conflict,
    message: `no persona can satisfy ${conflict.length === 1 ? "" : "these rules together: "}${described.join("; ")}; check the rules against the distributions`,
  };
}

function search(spec: PopulationSpec, ruleIndices: readonly number[]): boolean | "unknown" {
  const rules = ruleIndices.map((index) => spec.rules[index] as PopulationRule);
  const variables = searchVariables(spec, rules);
  const values = new Map<string, string>();
  let ageNumber: number | null = null;
  const assigned = new Set<string>();
  let steps = 0;
  const ruleFields = rules.map((rule) => new Set([...rule.if, rule.then].map((condition) => (condition.min ?? condition.max) !== undefined ? "#age" : condition.field)));
  const consistent = () => rules.every((rule, index) => ![...(ruleFields[index] as Set<string>)].every((field) => assigned.has(field)) || ruleHolds(rule, { values, ageNumber }));
  const visit = (at: number): boolean | "unknown" => {
    if (++steps > SEARCH_BUDGET) return "unknown";
    const variable = variables[at];
    if (!variable) return true;
    for (const option of variable.options) {
      // The age number's options name their band: only those of the band already chosen apply.
      if (option.assign.some(([field, value]) => assigned.has(field) && values.get(field) !== value)) continue;
      for (const [field, value] of option.assign) values.set(field, value);
      if (option.ageNumber !== undefined) ageNumber = option.ageNumber;
      variable.fields.forEach((field) => assigned.add(field));
      const outcome = consistent() ? visit(at + 1) : false;
      variable.fields.forEach((field) => assigned.delete(field));
      if (outcome !== false) return outcome;
    }
    return false;
  };
  return visit(0);
}

/** The sampler's choices that any of `rules` can see, each with its positive-weight options. */
function searchVariables(spec: PopulationSpec, rules: readonly PopulationRule[]): Variable[] {
  const conditions = rules.flatMap((rule) => [...rule.if, rule.then]);
  const named = new Set(conditions.map((condition) => condition.field));
  const numericAge = conditions.some((condition) => condition.field === "age" && (condition.min ?? condition.max) !== undefined);
  if (numericAge) named.add("age");
  const variables: Variable[] = [];
  const tabled = new Set<string>();
  for (const table of spec.tables) {
    table.fields.forEach((field) => tabled.add(field));
    if (!table.fields.some((field) => named.has(field))) continue;
    const rows = table.rows.filter((row) => row.weight > 0);
    variables.push({ fields: [...table.fields], options: rows.map((row) => ({ assign: table.fields.map((field, index) => [field, row.values[index] ?? ""] as [string, string]) })) });
  }
  for (const field of scalarFieldNames(spec)) {
    if (!named.has(field) || tabled.has(field)) continue;
    const distribution = fieldDistribution(spec, field);
    if (distribution?.kind === "categorical") {
      variables.push({ fields: [field], options: distribution.categories.filter((c) => c.weight > 0).map((c) => ({ assign: [[field, c.value]] })) });
    } else if (distribution?.kind === "age-bands") {
      variables.push({ fields: [field], options: distribution.bands.filter((b) => b.weight > 0).map((b) => ({ assign: [[field, b.label]] })) });
    } else {
      variables.push({ fields: [field], options: [{ assign: [[field, ""]] }] });
    }
  }
  if (numericAge) variables.push({ fields: ["#age"], options: ageNumberOptions(spec, conditions) });
  return variables;
}

/**
 * Age numbers worth trying: per band, its lower end and every rule threshold inside it (the
 * rules cannot tell apart two ages between consecutive thresholds). The band is not known
 * yet here, so options carry their label and are filtered by the label already chosen.
 */
function ageNumberOptions(spec: PopulationSpec, conditions: readonly Condition[]): Variable["options"] {
  const age = spec.fields.age;
  const thresholds = conditions.flatMap((condition) => (condition.field === "age" ? [condition.min, condition.max === undefined ? undefined : condition.max + 1] : [])).filter((value): value is number => value !== undefined);
  if (age?.kind === "age-bands") {
    return age.bands.flatMap((band) => {
      const candidates = [band.min, ...thresholds.map((value) => Math.ceil(value)).filter((value) => value > band.min && value <= band.max)];
      return [...new Set(candidates)].map((ageNumber) => ({ assign: [["age", band.label]] as [string, string][], ageNumber }));
    });
  }
  if (age?.kind === "categorical") return age.categories.filter((c) => c.weight > 0).map((c) => ({ assign: [["age", c.value]] as [string, string][], ageNumber: Number(c.value) }));
  return [];
}
