import { z } from "zod";
import { PERSONA_FIELDS } from "./persona.js";

/**
 * A population spec: the distribution a persona pool is drawn from. For each SynDisco field
 * a distribution (categories with weights, age bands, a trait vocabulary, or "the LLM writes
 * it"), optional joint tables (census cross-tabs) and rules that tie fields together.
 */

const weight = z.number().finite().nonnegative("weights cannot be negative");

/** The scalar persona fields a population can describe (personality_characteristics is a list). */
export type PopulationScalarField = Exclude<(typeof PERSONA_FIELDS)[number], "username" | "personality_characteristics">;
export const POPULATION_SCALAR_FIELDS = PERSONA_FIELDS.filter((field): field is PopulationScalarField => field !== "username" && field !== "personality_characteristics");

/** A key a researcher adds to every persona, e.g. "political_leaning". */
const extraFieldName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "extra field names use letters, digits and _")
  .refine((name) => !(POPULATION_SCALAR_FIELDS as readonly string[]).includes(name) && name !== "username" && name !== "personality_characteristics", "an extra field cannot reuse a SynDisco field's name");

export const categoricalSchema = z.object({
  kind: z.literal("categorical"),
  categories: z.array(z.object({ value: z.string(), weight })).min(1, "a categorical distribution needs at least one category"),
});
export type Categorical = z.infer<typeof categoricalSchema>;

export const ageBandSchema = z.object({
  /** Written into the persona when `write` is "label", e.g. "25-34" or "Under 18". */
  label: z.string().min(1),
  min: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  weight,
});
export type AgeBand = z.infer<typeof ageBandSchema>;

/** Age bands: a band is drawn by weight, then an age uniformly within it; one band is a plain range. */
export const ageBandsSchema = z.object({
  kind: z.literal("age-bands"),
  bands: z.array(ageBandSchema).min(1, "age needs at least one band"),
  /** "label" writes the band's label (as the published study does), "number" the drawn age. */
  write: z.enum(["label", "number"]).default("label"),
});
export type AgeBands = z.infer<typeof ageBandsSchema>;

/** Traits drawn from a vocabulary by weight, without repeats; how many is uniform in [min, max]. */
export const traitsSchema = z.object({
  kind: z.literal("traits"),
  vocabulary: z.array(z.object({ trait: z.string().min(1), weight })),
  count: z.object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
});
export type Traits = z.infer<typeof traitsSchema>;

/** The LLM writes the field (under a JSON-schema grammar) from the persona's other fields. */
export const llmWrittenSchema = z.object({ kind: z.literal("llm") });

export const conditionSchema = z
  .object({
    field: z.string().min(1),
    /** Holds when the value is one of these. */
    in: z.array(z.string()).optional(),
    /** Holds when the value is none of these. */
    notIn: z.array(z.string()).optional(),
    /** Numeric bounds, inclusive; for age (the drawn number). */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((condition) => [condition.in, condition.notIn, condition.min ?? condition.max].filter((part) => part !== undefined).length === 1, {
    message: "a condition has exactly one of: in, notIn, or a min/max range",
  });
export type Condition = z.infer<typeof conditionSchema>;

/** "If every condition in `if` holds, `then` must hold", e.g. under 18 => not a doctor. */
export const ruleSchema = z.object({
  if: z.array(conditionSchema).min(1),
  then: conditionSchema,
  /** Why the rule exists, shown in messages. */
  note: z.string().optional(),
});
export type PopulationRule = z.infer<typeof ruleSchema>;

/** A census-style cross-tab: weights of value combinations of several fields, drawn jointly. */
export const jointTableSchema = z.object({
  fields: z.array(z.string().min(1)).min(2, "a joint table covers at least two fields"),
  rows: z.array(z.object({ values: z.array(z.string()), weight })).min(1),
});
export type JointTable = z.infer<typeof jointTableSchema>;

export const usernameStyleSchema = z.discriminatedUnion("style", [
  /** Forum-like handles from our own word lists, e.g. "QuietOtter27". */
  z.object({ style: z.literal("handle") }),
  /** Prefix and zero-padded index, as the published study's P000, P001, ... */
  z.object({ style: z.literal("numbered"), prefix: z.string().regex(/^[A-Za-z0-9_.-]{0,20}$/).default("P"), digits: z.number().int().min(1).max(8).default(3) }),
]);
export type UsernameStyle = z.infer<typeof usernameStyleSchema>;

export const populationSpecSchema = z
  .object({
    kind: z.literal("syndisco-studio.population").default("syndisco-studio.population"),
    version: z.literal(1).default(1),
    name: z.string().min(1).max(120),
    description: z.string().default(""),
    fields: z
      .object({
        age: z.union([ageBandsSchema, categoricalSchema]).optional(),
        sex: categoricalSchema.optional(),
        sexual_orientation: categoricalSchema.optional(),
        demographic_group: categoricalSchema.optional(),
        current_employment: categoricalSchema.optional(),
        education_level: categoricalSchema.optional(),
        special_instructions: z.union([categoricalSchema, llmWrittenSchema]).optional(),
        personality_characteristics: z.union([traitsSchema, llmWrittenSchema]).optional(),
      })
      .strict(),
    /** The researcher's own attributes, each a categorical distribution. */
    extraFields: z.record(extraFieldName, categoricalSchema).default({}),
    tables: z.array(jointTableSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    usernames: usernameStyleSchema.default({ style: "handle" }),
    /** What the LLM is told when it writes `llm` fields. */
    completion: z
      .object({
        instructions: z.string().default(""),
        /** How many personality characteristics the LLM writes. */
        traits: z.object({ min: z.number().int().min(0).max(12), max: z.number().int().min(0).max(12) }).default({ min: 2, max: 4 }),
        /** Longest special instructions, in characters. */
        maxInstructionCharacters: z.number().int().min(1).max(2000).default(240),
      })
      .default({ instructions: "", traits: { min: 2, max: 4 }, maxInstructionCharacters: 240 }),
  })
  .superRefine((spec, ctx) => {
    for (const problem of populationSpecProblems(spec)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });
export type PopulationSpec = z.infer<typeof populationSpecSchema>;
export type PopulationSpecInput = z.input<typeof populationSpecSchema>;

type SpecShape = Omit<PopulationSpec, never>;
interface SpecProblem {
  path: (string | number)[];
  message: string;
}

/** A field's distribution by name, including extra fields. */
export function fieldDistribution(spec: SpecShape, field: string): PopulationSpec["fields"][keyof PopulationSpec["fields"]] | Categorical | undefined {
  if (Object.hasOwn(spec.fields, field)) return spec.fields[field as keyof PopulationSpec["fields"]];
  return Object.hasOwn(spec.extraFields, field) ? spec.extraFields[field] : undefined;
}

/** Fields a joint table or a rule may name: the scalar SynDisco fields and the extra ones. */
export function scalarFieldNames(spec: SpecShape): string[] {
  return [...POPULATION_SCALAR_FIELDS, ...Object.keys(spec.extraFields)];
}

const sum = (weights: readonly number[]) => weights.reduce((total, value) => total + value, 0);

/** Every problem a spec has on its own (weights, bands, tables, rule fields); feasibility is checked elsewhere. */
function populationSpecProblems(spec: SpecShape): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const categorical = (path: (string | number)[], name: string, distribution: Categorical) => {
    if (sum(distribution.categories.map((category) => category.weight)) <= 0) problems.push({ path, message: `the weights of ${name} sum to 0: give at least one category a positive weight` });
    const values = distribution.categories.map((category) => category.value);
    const repeated = values.find((value, index) => values.indexOf(value) !== index);
    if (repeated !== undefined) problems.push({ path, message: `${name} lists "${repeated}" twice` });
  };
  for (const [field, distribution] of Object.entries(spec.fields)) {
    const path = ["fields", field];
    if (!distribution) continue;
    if (distribution.kind === "categorical") categorical(path, field, distribution);
    if (distribution.kind === "age-bands") {
      if (sum(distribution.bands.map((band) => band.weight)) <= 0) problems.push({ path, message: "the weights of age sum to 0: give at least one band a positive weight" });
      distribution.bands.forEach((band, index) => {
        if (band.min > band.max) problems.push({ path: [...path, "bands", index], message: `age band "${band.label}" runs from ${band.min} down to ${band.max}` });
      });
      const labels = distribution.bands.map((band) => band.label);
      const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
      if (repeated !== undefined) problems.push({ path, message: `age lists the band "${repeated}" twice` });
    }
    if (distribution.kind === "traits") {
      const { min, max } = distribution.count;
      const usable = distribution.vocabulary.filter((entry) => entry.weight > 0).length;
      if (min > max) problems.push({ path, message: `personality characteristics: at least ${min} but at most ${max} traits` });
      if (max > usable) problems.push({ path, message: `personality characteristics: up to ${max} traits each, but only ${usable} traits have a positive weight` });
    }
  }
  for (const [field, distribution] of Object.entries(spec.extraFields)) categorical(["extraFields", field], field, distribution);
  if (spec.completion.traits.min > spec.completion.traits.max) problems.push({ path: ["completion", "traits"], message: "the LLM's trait count has min above max" });

  const known = new Set(scalarFieldNames(spec));
  const tabled = new Map<string, number>();
  spec.tables.forEach((table, index) => {
    const path = ["tables", index];
    for (const field of table.fields) {
      if (!known.has(field)) problems.push({ path, message: `joint table ${index + 1} names "${field}", which is not a persona field` });
      else if (fieldDistribution(spec, field)?.kind === "llm") problems.push({ path, message: `joint table ${index + 1} names "${field}", which the LLM writes` });
      const other = tabled.get(field);
      if (other !== undefined) problems.push({ path, message: `"${field}" is in joint tables ${other + 1} and ${index + 1}; a field can be in one table` });
      tabled.set(field, index);
    }
    if (new Set(table.fields).size !== table.fields.length) problems.push({ path, message: `joint table ${index + 1} names a field twice` });
    table.rows.forEach((row, rowIndex) => {
      if (row.values.length !== table.fields.length) problems.push({ path: [...path, "rows", rowIndex], message: `joint table ${index + 1}, row ${rowIndex + 1}: ${row.values.length} values for ${table.fields.length} fields` });
    });
    if (sum(table.rows.map((row) => row.weight)) <= 0) problems.push({ path, message: `the weights of joint table ${index + 1} (${table.fields.join(" x ")}) sum to 0` });
    const age = spec.fields.age;
    const ageAt = table.fields.indexOf("age");
    if (age?.kind === "age-bands" && ageAt >= 0) {
      const labels = new Set(age.bands.map((band) => band.label));
      const unknown = table.rows.map((row) => row.values[ageAt] ?? "").find((label) => !labels.has(label));
      if (unknown !== undefined) problems.push({ path, message: `joint table ${index + 1} has the age "${unknown}", which is not one of the age bands` });
    }
  });

  spec.rules.forEach((rule, index) => {
    for (const condition of [...rule.if, rule.then]) {
      const path = ["rules", index];
      if (!known.has(condition.field)) {
        problems.push({ path, message: `rule ${index + 1} names "${condition.field}", which is not a persona field (personality characteristics cannot be in rules)` });
        continue;
      }
      const distribution = fieldDistribution(spec, condition.field);
      if (distribution?.kind === "llm") problems.push({ path, message: `rule ${index + 1} names "${condition.field}", which the LLM writes after the draw` });
      const numeric = condition.min !== undefined || condition.max !== undefined;
      if (numeric && condition.field !== "age") problems.push({ path, message: `rule ${index + 1}: only age takes a min/max range` });
      if (numeric && condition.field === "age" && distribution?.kind === "categorical" && distribution.categories.some((category) => !/^\d+$/.test(category.value))) {
        problems.push({ path, message: `rule ${index + 1} gives age a range, but age is drawn from labels such as "${distribution.categories.find((category) => !/^\d+$/.test(category.value))?.value}": use age bands, or in/notIn` });
      }
    }
  });
  return problems;
}
