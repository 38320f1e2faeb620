import { describe, expect, it } from "vitest";
import { populationSpecSchema, type PopulationSpecInput } from "../../shared/domain/population.js";
import { personaSchema } from "../../shared/domain/persona.js";
import { drawPool, PopulationDrawError } from "../../shared/population/draw.js";
import { checkFeasibility, ruleHolds } from "../../shared/population/rules.js";
import { populationPresets } from "../../shared/population/presets.js";

const cat = (pairs: [string, number][]) => ({ kind: "categorical" as const, categories: pairs.map(([value, weight]) => ({ value, weight })) });

function spec(input: Partial<PopulationSpecInput> = {}) {
  return populationSpecSchema.parse({
    name: "Test population",
    fields: {
      age: { kind: "age-bands", write: "label", bands: [{ label: "Under 18", min: 13, max: 17, weight: 1 }, { label: "18-64", min: 18, max: 64, weight: 3 }] },
      sex: cat([["Female", 1], ["Male", 1]]),
      current_employment: cat([["Student", 2], ["Doctor", 1], ["Nurse", 1]]),
      personality_characteristics: { kind: "traits", count: { min: 1, max: 2 }, vocabulary: [{ trait: "calm", weight: 3 }, { trait: "loud", weight: 1 }, { trait: "shy", weight: 0 }] },
    },
    ...input,
  });
}

function shares(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].map(([key, count]) => [key, count / values.length]));
}

describe("population specs", () => {
  it("refuse weights that sum to 0, repeated categories, backwards bands and rules on unknown fields, each with a message naming it", () => {
    const problems = (input: Partial<PopulationSpecInput>) => {
      const result = populationSpecSchema.safeParse({ name: "x", ...input });
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(problems({ fields: { sex: cat([["Female", 0], ["Male", 0]]) } })).toEqual(["the weights of sex sum to 0: give at least one category a positive weight"]);
    expect(problems({ fields: { sex: cat([["Female", 1], ["Female", 2]]) } })).toEqual(['sex lists "Female" twice']);
    expect(problems({ fields: { age: { kind: "age-bands", bands: [{ label: "old", min: 80, max: 60, weight: 1 }] } } })).toEqual(['age band "old" runs from 80 down to 60']);
    expect(problems({ fields: {}, rules: [{ if: [{ field: "height", min: 1 }], then: { field: "sex", in: ["Male"] } }] })[0]).toMatch(/rule 1 names "height", which is not a persona field/);
    expect(problems({ fields: { sex: cat([["F", -1]]) } })[0]).toMatch(/negative/);
    expect(problems({ fields: { age: cat([["Under 18", 1]]) }, rules: [{ if: [{ field: "age", max: 17 }], then: { field: "sex", in: ["F"] } }] })[0]).toMatch(/use age bands/);
    expect(problems({ fields: {}, tables: [{ fields: ["sex", "age"], rows: [{ values: ["F", "1"], weight: 0 }] }] })).toEqual(["the weights of joint table 1 (sex x age) sum to 0"]);
  });

  it("our presets validate, can be satisfied, and draw 300 personas that parse as SynDisco personas", () => {
    expect(populationPresets.map((preset) => preset.id)).toEqual(["forum-users", "us-adults", "balanced-pilot"]);
    for (const { spec: preset } of populationPresets) {
      expect(checkFeasibility(preset)).toEqual({ feasible: true });
      const pool = drawPool(preset, { size: 300, seed: 1 });
      expect(pool.personas).toHaveLength(300);
      for (const persona of pool.personas) expect(personaSchema.parse(persona)).toEqual(persona);
    }
  });
});

describe("drawing a pool", () => {
  it("is reproducible from its seed, changes with it, and persona i does not depend on the pool's size", () => {
    const population = spec();
    const first = drawPool(population, { size: 20, seed: 7 });
    expect(drawPool(population, { size: 20, seed: 7 })).toEqual(first);
    expect(drawPool(population, { size: 20, seed: 8 }).personas).not.toEqual(first.personas);
    expect(drawPool(population, { size: 10, seed: 7 }).personas).toEqual(first.personas.slice(0, 10));
  });

  it("10,000 draws match every field's target shares (total variation under 0.015), with traits never repeated in a persona and zero weights never drawn", () => {
    const population = spec();
    const { personas } = drawPool(population, { size: 10_000, seed: 3 });
    const tv = (drawn: Map<string, number>, target: Record<string, number>) =>
      [...new Set([...drawn.keys(), ...Object.keys(target)])].reduce((sum, key) => sum + Math.abs((drawn.get(key) ?? 0) - (target[key] ?? 0)), 0) / 2;
    expect(tv(shares(personas.map((p) => String(p.age))), { "Under 18": 0.25, "18-64": 0.75 })).toBeLessThan(0.015);
    expect(tv(shares(personas.map((p) => p.sex)), { Female: 0.5, Male: 0.5 })).toBeLessThan(0.015);
    expect(tv(shares(personas.map((p) => p.current_employment)), { Student: 0.5, Doctor: 0.25, Nurse: 0.25 })).toBeLessThan(0.015);
    expect(tv(shares(personas.map((p) => String(p.personality_characteristics.length))), { "1": 0.5, "2": 0.5 })).toBeLessThan(0.015);
    // One trait: "calm" with probability 3/4. Two traits: always both usable ones.
    const single = personas.filter((p) => p.personality_characteristics.length === 1);
    expect(tv(shares(single.map((p) => p.personality_characteristics[0] as string)), { calm: 0.75, loud: 0.25 })).toBeLessThan(0.02);
    expect(personas.every((p) => new Set(p.personality_characteristics).size === p.personality_characteristics.length)).toBe(true);
    expect(personas.some((p) => p.personality_characteristics.includes("shy"))).toBe(false);
    expect(new Set(personas.map((p) => p.username)).size).toBe(10_000);
  });

  it("ages: a band's label or a whole age drawn uniformly inside it; whole-number categories are numbers", () => {
    const numbers = drawPool(spec({ fields: { age: { kind: "age-bands", write: "number", bands: [{ label: "teen", min: 13, max: 17, weight: 1 }] } } }), { size: 5000, seed: 1 }).personas.map((p) => p.age as number);
    expect(Math.min(...numbers)).toBe(13);
    expect(Math.max(...numbers)).toBe(17);
    expect(shares(numbers.map(String)).get("15")).toBeCloseTo(0.2, 1);
    const categorical = drawPool(spec({ fields: { age: cat([["34", 1], ["65+", 1]]) } }), { size: 200, seed: 1 }).personas.map((p) => p.age);
    expect(new Set(categorical)).toEqual(new Set([34, "65+"]));
    expect(drawPool(spec({ fields: {} }), { size: 1, seed: 1 }).personas[0]).toMatchObject({ age: -1, sex: "", personality_characteristics: [] });
  });

  it("rules: every persona satisfies them, and rejected draws are counted per rule", () => {
    const rules = [{ note: "minors do not work", if: [{ field: "age", max: 17 }], then: { field: "current_employment", in: ["Student"] } }];
    const population = spec({ rules });
    const pool = drawPool(population, { size: 4000, seed: 5 });
    const minors = pool.personas.filter((p) => p.age === "Under 18");
    expect(minors.length).toBeGreaterThan(500);
    expect(minors.every((p) => p.current_employment === "Student")).toBe(true);
    // Half of the minors drawn are not students: about 4000 * 0.25 / ... rejections, all by rule 1.
    expect(pool.rejectedByRule[0]).toBeGreaterThan(300);
    expect(pool.draws).toBe(4000 + (pool.rejectedByRule[0] ?? 0));
  });

  it("joint tables draw their cells together at the table's shares, and other fields independently", () => {
    const population = spec({
      tables: [{ fields: ["age", "sex"], rows: [{ values: ["Under 18", "Female"], weight: 1 }, { values: ["18-64", "Male"], weight: 3 }] }],
    });
    const { personas } = drawPool(population, { size: 4000, seed: 2 });
    const cells = shares(personas.map((p) => `${String(p.age)}/${p.sex}`));
    expect([...cells.keys()].sort()).toEqual(["18-64/Male", "Under 18/Female"]);
    expect(cells.get("Under 18/Female")).toBeCloseTo(0.25, 1);
  });

  it("extra fields are drawn and written as the researcher's own keys", () => {
    const population = spec({ extraFields: { political_leaning: cat([["left", 1], ["right", 1]]) } });
    const persona = drawPool(population, { size: 1, seed: 1 }).personas[0];
    expect(["left", "right"]).toContain(persona?.political_leaning);
  });

  it("usernames: generated handles are unique and skip names already taken; numbered ones count past taken ones", () => {
    const handles = drawPool(spec(), { size: 300, seed: 1 }).personas.map((p) => p.username);
    expect(new Set(handles).size).toBe(300);
    expect(handles[0]).toMatch(/^[A-Z][a-z]+[A-Z][a-z]+\d\d$/);
    const taken = new Set(handles.slice(0, 5));
    const again = drawPool(spec(), { size: 300, seed: 1, taken }).personas.map((p) => p.username);
    expect(again.some((name) => taken.has(name))).toBe(false);
    const numbered = drawPool(spec({ usernames: { style: "numbered", prefix: "P", digits: 3 } }), { size: 3, seed: 1, taken: new Set(["P001"]) });
    expect(numbered.personas.map((p) => p.username)).toEqual(["P000", "P002", "P003"]);
  });
});

describe("rules no persona can satisfy", () => {
  it("are found before drawing, with the smallest set of rules that conflict named in the message", () => {
    const population = spec({
      rules: [
        { note: "harmless", if: [{ field: "sex", in: ["Female"] }], then: { field: "current_employment", notIn: ["Doctor"] } },
        { if: [{ field: "age", min: 0 }], then: { field: "current_employment", in: ["Doctor"] } },
        { if: [{ field: "current_employment", in: ["Doctor"] }], then: { field: "age", max: 12 } },
      ],
    });
    const result = checkFeasibility(population);
    expect(result).toMatchObject({ feasible: false, rules: [1, 2] });
    expect(result.feasible === false && result.message).toBe(
      "no persona can satisfy these rules together: rule 2 (if age is at least 0 then current employment is \"Doctor\"); rule 3 (if current employment is \"Doctor\" then age is at most 12); check the rules against the distributions",
    );
    expect(() => drawPool(population, { size: 1, seed: 1 })).toThrow(PopulationDrawError);
  });

  it("sees categories with zero weight as impossible, and age thresholds inside a band", () => {
    const zero = spec({ fields: { sex: cat([["Female", 1], ["Male", 0]]) }, rules: [{ if: [{ field: "age", min: 0 }], then: { field: "sex", in: ["Male"] } }] });
    expect(checkFeasibility(zero).feasible).toBe(false);
    // Only ages 40-64 of the 18-64 band satisfy "at least 40"; that is enough.
    const inside = spec({ rules: [{ if: [{ field: "sex", in: ["Female", "Male"] }], then: { field: "age", min: 40 } }] });
    expect(checkFeasibility(inside)).toEqual({ feasible: true });
    const pool = drawPool(inside, { size: 50, seed: 1 });
    expect(pool.personas.every((p) => p.age === "18-64")).toBe(true);
    expect(ruleHolds(inside.rules[0]!, { values: new Map([["sex", "Male"]]), ageNumber: 39 })).toBe(false);
  });
});
