import { describe, expect, it } from "vitest";
import { planExperiment, sampleParticipants } from "../../electron/engine/experiment-plan.js";
import { testExperimentSpec } from "../support/experiments.js";
import { experimentSpecSchema } from "../../shared/domain/experiment.js";
import { populationSpecSchema, type PopulationSpecInput } from "../../shared/domain/population.js";

describe("experiment plan", () => {
  it("crosses every condition list into cells, each with its repetitions", () => {
    const spec = testExperimentSpec("m.gguf", {});
    const plan = planExperiment(spec);
    expect(plan.cells.map((cell) => cell.id)).toEqual([
      "001_none_rr_tiny_bikes_short",
      "002_none_rw_tiny_bikes_short",
      "003_facilitator_rr_tiny_bikes_short",
      "004_facilitator_rw_tiny_bikes_short",
    ]);
    expect(plan.discussions).toHaveLength(12);
    expect(new Set(plan.discussions.map((d) => d.discussionId)).size).toBe(12);
    for (const id of plan.discussions.map((d) => d.discussionId)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const moderated = plan.discussions.filter((d) => d.cell.conditions.moderator === "facilitator");
    expect(moderated.every((d) => d.design.moderator?.persona.username === "moddy")).toBe(true);
    expect(plan.discussions.filter((d) => d.cell.conditions.moderator === "none").every((d) => d.design.moderator === null)).toBe(true);
  });

  it("the same master seed gives the same study; another seed samples differently", () => {
    const a = planExperiment(testExperimentSpec("m.gguf"));
    const b = planExperiment(testExperimentSpec("m.gguf"));
    expect(b).toEqual(a);
    const other = planExperiment(testExperimentSpec("m.gguf", { masterSeed: 100 }));
    expect(other.discussions.map((d) => d.participants)).not.toEqual(a.discussions.map((d) => d.participants));
    expect(other.discussions.map((d) => d.seed)).not.toEqual(a.discussions.map((d) => d.seed));
  });

  it("a repetition has the same participants in every cell, and every discussion its own generation seed", () => {
    const spec = testExperimentSpec("m.gguf");
    const plan = planExperiment(spec);
    for (let repetition = 0; repetition < 3; repetition++) {
      const sets = plan.discussions.filter((d) => d.repetition === repetition).map((d) => d.participants.join());
      expect(new Set(sets).size).toBe(1);
      expect(sets[0]).toBe(sampleParticipants(spec, repetition).personas.map((p) => p.username).join());
    }
    expect(new Set(plan.discussions.map((d) => d.seed)).size).toBe(12);
    expect(plan.discussions.every((d) => !d.participants.includes("moddy"))).toBe(true);
  });

  it("rejects two variants with one label, which would otherwise run the first twice", () => {
    const conditions = testExperimentSpec("m.gguf").conditions;
    const twice = { ...conditions, turnManagers: [conditions.turnManagers[0]!, { ...conditions.turnManagers[1]!, label: "rr" }] };
    expect(() => testExperimentSpec("m.gguf", { conditions: twice })).toThrow(/label .*rr.* is used twice in turnManagers/);
  });

  it("rejects a study that asks for more users than the pool has", () => {
    expect(() => testExperimentSpec("m.gguf", { usersPerDiscussion: 9 })).toThrow(/pool has 8 non-moderator personas/);
  });
});

function town(employment: string, extra: Partial<PopulationSpecInput> = {}) {
  return populationSpecSchema.parse({
    name: `${employment}s`,
    fields: {
      sex: { kind: "categorical", categories: [{ value: "Female", weight: 1 }, { value: "Male", weight: 1 }] },
      current_employment: { kind: "categorical", categories: [{ value: employment, weight: 1 }] },
    },
    ...extra,
  });
}

function withPopulations(populations: unknown[]) {
  const base = testExperimentSpec("m.gguf");
  return { ...base, personaPool: [], conditions: { ...base.conditions, populations } };
}

describe("populations as a grid factor", () => {
  it("each population is a level: its cells seat users drawn from its own pool, the same pool in every cell and every run", () => {
    const spec = experimentSpecSchema.parse(withPopulations([{ label: "bakers", spec: town("Baker"), size: 6 }, { label: "nurses", spec: town("Nurse"), size: 6 }]));
    const plan = planExperiment(spec);
    expect(plan.cells).toHaveLength(8);
    expect(plan.cells.slice(0, 2).map((cell) => cell.id)).toEqual(["001_none_rr_tiny_bikes_short_bakers", "002_none_rr_tiny_bikes_short_nurses"]);
    for (const discussion of plan.discussions) {
      const jobs = new Set(discussion.design.participants.map((actor) => actor.persona.current_employment));
      expect([...jobs]).toEqual([discussion.cell.conditions.population === "bakers" ? "Baker" : "Nurse"]);
      expect(discussion.participants).toHaveLength(3);
    }
    // Within a population, a repetition seats the same users in every cell.
    for (const population of ["bakers", "nurses"]) {
      const firstRepetition = plan.discussions.filter((d) => d.cell.conditions.population === population && d.repetition === 0).map((d) => d.participants.join());
      expect(new Set(firstRepetition).size).toBe(1);
    }
    expect(planExperiment(spec)).toEqual(plan);
  });

  it("a study without populations keeps its cell ids and participants (no population factor)", () => {
    const plan = planExperiment(testExperimentSpec("m.gguf"));
    expect(plan.cells.every((cell) => !("population" in cell.conditions))).toBe(true);
    expect(plan.cells[0]?.id).toBe("001_none_rr_tiny_bikes_short");
  });

  it("refuses, before anything runs: a pool smaller than a discussion, rules nobody satisfies, free text left to an LLM, an empty pool without populations", () => {
    const problems = (input: unknown) => {
      const parsed = experimentSpecSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(problems(withPopulations([{ label: "tiny", spec: town("Baker"), size: 2 }]))).toEqual(['population "tiny": a pool of 2 cannot seat 3 users per discussion']);
    const impossible = town("Baker", { rules: [{ if: [{ field: "sex", in: ["Female", "Male"] }], then: { field: "current_employment", in: ["Nurse"] } }] });
    expect(problems(withPopulations([{ label: "odd", spec: impossible, size: 5 }]))[0]).toMatch(/^population "odd": .*rule/);
    const written = town("Baker", { fields: { current_employment: { kind: "categorical", categories: [{ value: "Baker", weight: 1 }] }, personality_characteristics: { kind: "llm" } } });
    expect(problems(withPopulations([{ label: "llm", spec: written, size: 5 }]))).toEqual([expect.stringMatching(/population "llm" leaves free text to an LLM/)]);
    expect(problems({ ...testExperimentSpec("m.gguf"), personaPool: [] })).toEqual(["3 users per discussion, but the pool has 0 non-moderator personas"]);
  });
});
