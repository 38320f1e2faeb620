import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pearson, profilePool } from "../../electron/engine/population/profile.js";
import { populationSpecSchema } from "../../shared/domain/population.js";
import { drawPool } from "../../shared/population/draw.js";
import { personaSchema } from "../../shared/domain/persona.js";

/** Computed once with scipy.stats.chisquare by test/fixtures/python/make_chisquare.py. */
const scipyCases = z
  .object({
    scipy: z.string(),
    cases: z.array(z.object({ observed: z.array(z.number()), shares: z.array(z.number()), statistic: z.number(), degreesOfFreedom: z.number(), pValue: z.number(), totalVariation: z.number() })),
  })
  .parse(JSON.parse(readFileSync(new URL("../fixtures/python/chisquare.json", import.meta.url), "utf8")));

const cat = (pairs: [string, number][]) => ({ kind: "categorical" as const, categories: pairs.map(([value, weight]) => ({ value, weight })) });

describe("chi-square goodness of fit", () => {
  it.each(scipyCases.cases.map((c, i) => [i, c] as const))("case %i matches scipy's statistic and p-value", (_, c) => {
    const total = c.observed.reduce((a, b) => a + b, 0);
    const result = pearson(c.observed.map((drawnCount, i) => ({ drawnCount, targetShare: c.shares[i] as number })), total);
    expect(result?.statistic).toBeCloseTo(c.statistic, 9);
    expect(result?.degreesOfFreedom).toBe(c.degreesOfFreedom);
    expect(Math.abs((result?.pValue ?? NaN) - c.pValue)).toBeLessThan(1e-9);
  });

  it("has nothing to test with one category", () => {
    expect(pearson([{ drawnCount: 4, targetShare: 1 }], 4)).toBeNull();
  });
});

describe("a pool's profile against its population", () => {
  const spec = populationSpecSchema.parse({
    name: "Profiled",
    fields: {
      age: { kind: "age-bands", write: "number", bands: [{ label: "young", min: 18, max: 39, weight: 1 }, { label: "old", min: 40, max: 90, weight: 1 }] },
      sex: cat([["F", 1], ["M", 1], ["X", 0]]),
      education_level: cat([["school", 3], ["degree", 1]]),
      personality_characteristics: { kind: "traits", count: { min: 1, max: 3 }, vocabulary: [{ trait: "a", weight: 4 }, { trait: "b", weight: 2 }, { trait: "c", weight: 1 }] },
      special_instructions: { kind: "llm" },
    },
    tables: [{ fields: ["sex", "education_level"], rows: [{ values: ["F", "school"], weight: 2 }, { values: ["M", "school"], weight: 1 }, { values: ["M", "degree"], weight: 1 }] }],
  });

  it("per field: target and drawn shares, the same chi-square and total variation as scipy would give, and figures for traits and joint cells", () => {
    const pool = drawPool(spec, { size: 400, seed: 11 });
    const profile = profilePool(spec, pool.personas);
    expect(profile.size).toBe(400);
    expect(profile.fields.map((field) => field.field)).toEqual(["age", "sex", "education_level", "table:0", "personality_characteristics:count", "personality_characteristics"]);
    const age = profile.fields[0]!;
    // Numeric ages are counted in their bands.
    expect(age.rows.map((row) => row.category)).toEqual(["young", "old"]);
    expect(age.rows.reduce((sum, row) => sum + row.drawnCount, 0)).toBe(400);
    const sex = profile.fields[1]!;
    // Joint-table fields are compared with the table's marginal (F 1/2, M 1/2), not the field's own weights.
    expect(sex.rows.map((row) => [row.category, row.targetShare])).toEqual([["F", 0.5], ["M", 0.5]]);
    const drawnF = sex.rows[0]!.drawnCount;
    const expectedStatistic = ((drawnF - 200) ** 2 + (400 - drawnF - 200) ** 2) / 200;
    expect(sex.chiSquare?.statistic).toBeCloseTo(expectedStatistic, 10);
    expect(sex.totalVariation).toBeCloseTo(Math.abs(drawnF / 400 - 0.5), 10);
    // A fair draw of 400 fits: no field is rejected at the 1 % level.
    for (const field of profile.fields) if (field.chiSquare) expect(field.chiSquare.pValue).toBeGreaterThan(0.01);
    expect(profile.fields[3]!.rows.map((row) => row.category)).toEqual(["F / school", "M / school", "M / degree"]);
    expect(profile.fields[5]!.chiSquare).toBeNull();
    expect(profile.fields[5]!.totalVariation).toBeLessThan(0.05);
    expect(profile.llmFields).toEqual([{ field: "special_instructions", filled: 0 }]);
  });

  it("a pool from elsewhere that misses the target shows it: a tiny p-value, a large distance, and values outside the target listed", () => {
    const personas = Array.from({ length: 60 }, (_, i) =>
      personaSchema.parse({ username: `u${i}`, age: 30, sex: i < 50 ? "F" : "Q", education_level: "school", personality_characteristics: ["a"] }),
    );
    const profile = profilePool(spec, personas);
    const sex = profile.fields.find((field) => field.field === "sex")!;
    expect(sex.rows.at(-1)).toEqual({ category: "Q", targetShare: 0, drawnCount: 10, drawnShare: 10 / 60 });
    expect(sex.chiSquare).toBeNull();
    expect(sex.notes.join(" ")).toMatch(/10 have values the target gives no share: "Q"/);
    const age = profile.fields.find((field) => field.field === "age")!;
    expect(age.chiSquare?.pValue).toBeLessThan(1e-12);
    expect(age.totalVariation).toBeCloseTo(0.5, 10);
  });

  it("notes small expected counts and the rules' effect", () => {
    const ruled = populationSpecSchema.parse({ ...spec, tables: [], rules: [{ if: [{ field: "sex", in: ["F"] }], then: { field: "education_level", in: ["degree"] } }] });
    const pool = drawPool(ruled, { size: 12, seed: 1 });
    const profile = profilePool(ruled, pool.personas, { rejectedDraws: pool.draws - 12, draws: pool.draws });
    const education = profile.fields.find((field) => field.field === "education_level")!;
    expect(education.notes.join(" ")).toMatch(/conditioned on the rules/);
    expect(education.notes.join(" ")).toMatch(/expect fewer than 5 personas/);
    expect(profile.notes[0]).toMatch(/^The rules rejected \d+ of \d+ draws/);
  });
});
