import type { AgeBand, Categorical, PopulationSpec } from "../domain/population.js";
import { POPULATION_SCALAR_FIELDS, populationSpecSchema } from "../domain/population.js";
import { CountsCsvError, type CountsTable } from "./counts-csv.js";

/**
 * A counts table put into a spec: one category column sets that field's weights (age labels
 * such as "18-24", "65+" or "Under 18" become age bands); several columns become a joint
 * table, replacing any table over the same fields, with each field's weights set to the
 * table's marginals so the editor shows them. Columns map to fields by `fields` (default: the
 * header). Returns a new, validated spec; the one given is not changed.
 */
export function applyCountsTable(spec: PopulationSpec, table: CountsTable, fields: readonly string[]): PopulationSpec {
  if (fields.length !== table.columns.length) throw new CountsCsvError(`${table.columns.length} category columns but ${fields.length} fields given`);
  if (new Set(fields).size !== fields.length) throw new CountsCsvError("two columns are mapped to the same field");
  for (const field of fields) {
    if (field === "username" || field === "personality_characteristics") throw new CountsCsvError(`a counts table cannot set ${field}`);
  }
  let next: PopulationSpec = structuredClone(spec);
  fields.forEach((field, column) => {
    const marginal = new Map<string, number>();
    for (const row of table.rows) marginal.set(row.values[column] ?? "", (marginal.get(row.values[column] ?? "") ?? 0) + row.count);
    next = withFieldWeights(next, field, marginal);
  });
  if (fields.length > 1) {
    const covered = new Set(fields);
    next.tables = next.tables.filter((existing) => !existing.fields.some((field) => covered.has(field)));
    next.tables.push({ fields: [...fields], rows: table.rows.map((row) => ({ values: [...row.values], weight: row.count })) });
  } else {
    // A field given its own weights is no longer drawn from a joint table.
    next.tables = next.tables.filter((existing) => !existing.fields.includes(fields[0] as string));
  }
  const parsed = populationSpecSchema.safeParse(next);
  if (!parsed.success) throw new CountsCsvError(parsed.error.issues[0]?.message ?? "the table does not fit the spec");
  return parsed.data;
}

function withFieldWeights(spec: PopulationSpec, field: string, weights: Map<string, number>): PopulationSpec {
  const categorical: Categorical = { kind: "categorical", categories: [...weights].map(([value, weight]) => ({ value, weight })) };
  if (field === "age") {
    const existing = spec.fields.age;
    const bands = ageBandsFromLabels([...weights.keys()], existing?.kind === "age-bands" ? existing.bands : []);
    spec.fields.age = bands ? { kind: "age-bands", write: existing?.kind === "age-bands" ? existing.write : "label", bands: bands.map((band) => ({ ...band, weight: weights.get(band.label) ?? 0 })) } : categorical;
    return spec;
  }
  if ((POPULATION_SCALAR_FIELDS as readonly string[]).includes(field)) {
    (spec.fields as Record<string, unknown>)[field] = categorical;
    return spec;
  }
  spec.extraFields = { ...spec.extraFields, [field]: categorical };
  return spec;
}

/** Bands for labels: known bands keep their ranges, others are read from the label; null if one cannot be read. */
export function ageBandsFromLabels(labels: readonly string[], known: readonly AgeBand[]): Omit<AgeBand, "weight">[] | null {
  const bands: Omit<AgeBand, "weight">[] = [];
  for (const label of labels) {
    const existing = known.find((band) => band.label === label);
    const range = existing ?? parseAgeLabel(label);
    if (!range) return null;
    bands.push({ label, min: range.min, max: range.max });
  }
  return bands;
}

/** The oldest age an open band ("65+", "85 and over") reaches. */
const OLDEST = 100;

/** "18-24", "25 to 34", "65+", "85 and over", "Under 18", "40" as an age range. */
export function parseAgeLabel(label: string): { min: number; max: number } | null {
  const text = label.trim().toLowerCase();
  let match = /^(\d+)\s*(?:-|–|to)\s*(\d+)(?:\s*years?)?$/.exec(text);
  if (match) return { min: Number(match[1]), max: Number(match[2]) };
  match = /^(\d+)\s*(?:\+|years? and over|and over|and older|or older|or over)$/.exec(text);
  if (match) return { min: Number(match[1]), max: Math.max(OLDEST, Number(match[1])) };
  match = /^(?:under|below|less than)\s*(\d+)(?:\s*years?)?$/.exec(text);
  if (match && Number(match[1]) > 0) return { min: 0, max: Number(match[1]) - 1 };
  match = /^(\d+)$/.exec(text);
  if (match) return { min: Number(match[1]), max: Number(match[1]) };
  return null;
}
