import { describe, expect, it } from "vitest";
import { planExperiment, sampleParticipants } from "../../electron/engine/experiment-plan.js";
import { testExperimentSpec } from "../support/experiments.js";

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
