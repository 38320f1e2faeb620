import { describe, expect, it } from "vitest";
import { buildSpec, draftFromSpec, emptyDraft, modelChoice } from "../../renderer/features/experiments/experiment-draft.js";
import { planExperiment } from "../../electron/engine/experiment-plan.js";
import { testPersona } from "../support/designs.js";
import { testPopulationSpec } from "../support/populations.js";

const personas = ["ash", "birch", "cedar", "dogwood", "elm"].map((name) => testPersona(name));
const tiny = modelChoice({ backend: "llama", path: "/m/tiny.gguf" }, "tiny");
const server = modelChoice({ backend: "openai", profile: "Lab" }, "Lab");

describe("experiment draft", () => {
  it("says what is missing instead of building a spec", () => {
    const built = buildSpec({ ...emptyDraft(), includeNoModerator: false, roundRobin: false }, personas, []);
    expect(built).toEqual({ ok: false, problems: ["choose personas for the pool", 'add a moderator or keep "no moderator"', "choose at least one turn manager", "choose at least one model"] });
  });

  it("builds a 2 x 2 x 2 spec: moderators none/one, two turn managers, a local and a server model", () => {
    const draft = {
      ...emptyDraft(),
      name: "grid",
      pool: personas.map((p) => p.username),
      moderators: [{ label: "facilitator", username: "ash", instructions: "Be kind.", model: server.key }],
      randomWeighted: true,
      models: [tiny.key, server.key],
      topics: [{ label: "bikes", seeds: "ash: Bike lanes!\nno colon here" }],
      repetitions: 2,
    };
    const built = buildSpec(draft, personas, [tiny, server]);
    if (!built.ok) throw new Error(built.problems.join("; "));
    const spec = built.spec;
    // The moderator persona leaves the user pool.
    expect(spec.personaPool.map((p) => p.username)).toEqual(["birch", "cedar", "dogwood", "elm"]);
    expect(spec.conditions.topics[0]?.seedComments).toEqual([{ author: "ash", text: "Bike lanes!" }, { author: "user", text: "no colon here" }]);
    expect(spec.conditions.models.map((m) => m.model.backend)).toEqual(["llama", "openai"]);
    // The moderator speaks through the server while users use each cell's model.
    expect(spec.conditions.moderators[1]).toMatchObject({ kind: "moderator", model: { backend: "openai", profile: "Lab" } });
    const plan = planExperiment(spec);
    expect(plan.cells).toHaveLength(8);
    expect(plan.discussions).toHaveLength(16);
    // Back to the form and again to the same spec (what Open saved study does).
    const restored = draftFromSpec(spec);
    const again = buildSpec(restored.draft, restored.personas, restored.choices);
    expect(again.ok && again.spec).toEqual(spec);
  });

  it("offers RandomWeighted both as intended and as SynDisco 2.0.x ran it, as two cells that reopen as chosen", () => {
    const draft = { ...emptyDraft(), pool: ["ash", "birch", "cedar"], models: [tiny.key], roundRobin: false, randomWeighted: true, randomWeightedSyndisco: true };
    const built = buildSpec(draft, personas, [tiny]);
    if (!built.ok) throw new Error(built.problems.join("; "));
    expect(built.spec.conditions.turnManagers.map((manager) => [manager.label, manager.spec])).toEqual([
      ["random-weighted", { kind: "random-weighted", pRespond: 0.5, variant: "intended" }],
      ["random-weighted-syndisco-2.0", { kind: "random-weighted", pRespond: 0.5, variant: "syndisco-2.0" }],
    ]);
    expect(draftFromSpec(built.spec).draft).toMatchObject({ roundRobin: false, randomWeighted: true, randomWeightedSyndisco: true });
  });

  it("offers talkativeness and LLM-selected as turn-manager cells; the plan crosses them and they reopen as chosen", () => {
    const draft = { ...emptyDraft(), pool: ["ash", "birch", "cedar"], models: [tiny.key], talkativeness: true, pMention: 0.6, llmSelected: true };
    const built = buildSpec(draft, personas, [tiny]);
    if (!built.ok) throw new Error(built.problems.join("; "));
    expect(built.spec.conditions.turnManagers.map((manager) => [manager.label, manager.spec])).toEqual([
      ["round-robin", { kind: "round-robin" }],
      ["talkativeness", { kind: "talkativeness", weights: {}, pMention: 0.6 }],
      ["llm-selected", { kind: "llm-selected", window: 5, allowRepeat: false, instructions: "", temperature: 0 }],
    ]);
    const plan = planExperiment(built.spec);
    expect(plan.discussions.map((discussion) => discussion.design.turnManager.kind)).toEqual(expect.arrayContaining(["round-robin", "talkativeness", "llm-selected"]));
    expect(draftFromSpec(built.spec).draft).toMatchObject({ roundRobin: true, talkativeness: true, pMention: 0.6, llmSelected: true });
  });

  it("draws users from chosen populations instead of the pool: each is a factor level with its pool size, and reopens as chosen", () => {
    const towns = [
      { key: "preset:a", label: "Town (A)", spec: testPopulationSpec("Town A") },
      { key: "saved:b", label: "Town B", spec: testPopulationSpec("Town B") },
    ];
    const draft = { ...emptyDraft(), pool: [], models: [tiny.key], populations: [{ key: "preset:a", size: 12 }, { key: "saved:b", size: 30 }] };
    const built = buildSpec(draft, personas, [tiny], towns);
    if (!built.ok) throw new Error(built.problems.join("; "));
    expect(built.spec.personaPool).toEqual([]);
    expect(built.spec.conditions.populations?.map((population) => [population.label, population.size, population.spec.name])).toEqual([
      ["Town -A-", 12, "Town A"],
      ["Town B", 30, "Town B"],
    ]);
    expect(planExperiment(built.spec).cells.map((cell) => cell.conditions.population)).toEqual(["Town -A-", "Town B"]);
    const reopened = draftFromSpec(built.spec);
    const again = buildSpec(reopened.draft, reopened.personas, [tiny], reopened.populationChoices);
    expect(again.ok && again.spec).toEqual(built.spec);
    // Without a population or a pool there is nobody to seat.
    expect(buildSpec({ ...draft, populations: [] }, personas, [tiny], towns)).toMatchObject({ ok: false, problems: ["choose personas for the pool"] });
  });

  it("a native chat study keeps its prompt style through the spec, its discussions and a reopen", () => {
    const draft = { ...emptyDraft(), pool: ["ash", "birch", "cedar"], models: [tiny.key], promptStyle: "native-chat" as const };
    const built = buildSpec(draft, personas, [tiny]);
    if (!built.ok) throw new Error(built.problems.join("; "));
    expect(built.spec.promptStyle).toBe("native-chat");
    expect(planExperiment(built.spec).discussions.every((discussion) => discussion.design.promptStyle === "native-chat")).toBe(true);
    expect(draftFromSpec(built.spec).draft.promptStyle).toBe("native-chat");
  });

  it("makes labels the spec accepts and unique", () => {
    const draft = { ...emptyDraft(), pool: ["ash", "birch", "cedar"], models: [tiny.key], instructions: [{ label: "Stay/in:character", text: "a" }, { label: "Stay/in:character", text: "b" }] };
    const built = buildSpec(draft, personas, [tiny]);
    expect(built.ok && built.spec.conditions.userInstructions.map((i) => i.label)).toEqual(["Stay-in-character", "Stay-in-character 2"]);
  });
});
