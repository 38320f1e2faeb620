/**
 * The population panel's commands through the router: save and list specs, draw a pool with the
 * LLM writing free text (progress events, cancel), refuse bad input before anything runs,
 * profile personas against a spec, and save a pool with its record.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { populationCommands } from "../../shared/contract-populations.js";
import { populationSpecSchema, type PopulationSpec } from "../../shared/domain/population.js";
import { poolRecordSchema } from "../../shared/domain/population-pool.js";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { parsePersonasFile } from "../../electron/storage/personas-file.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testPopulationSpec } from "../support/populations.js";
import { collectUntil, failure, startHarness, type Harness } from "./studio-harness.js";


describe("population commands", () => {
  let harness: Harness;
  let client: StudioClient;
  let modelPath: string;
  const llmSpec = (): PopulationSpec =>
    populationSpecSchema.parse({ ...testPopulationSpec("Written by the model"), fields: { ...testPopulationSpec().fields, special_instructions: { kind: "llm" } }, completion: { maxInstructionCharacters: 30 } });

  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
  });
  afterAll(async () => {
    expect(Object.keys(populationCommands).filter((name) => !harness.handlerCalls.has(name))).toEqual([]);
    await harness.close();
  });

  it("saves, lists, loads and deletes population specs in the data folder", async () => {
    const saved = await client.call("populations.save", { spec: testPopulationSpec("Test town (2024)") });
    expect(saved).toMatchObject({ id: "Test-town-2024", name: "Test town (2024)", file: path.join(harness.dataDirectory, "populations", "Test-town-2024.json") });
    expect((await client.call("populations.list", {})).populations.map((entry) => entry.id)).toEqual(["Test-town-2024"]);
    expect((await client.call("populations.load", { id: "Test-town-2024" })).spec.name).toBe("Test town (2024)");
    await client.call("populations.delete", { id: "Test-town-2024" });
    expect((await client.call("populations.list", {})).populations).toEqual([]);
  });

  it("draws a pool whose free text the model writes, with progress; the same seed draws it again; the pool saves as a personas file with its record", async () => {
    const operationId = "draw-a";
    const progress = collectUntil(client, (event) => event.name === "progress" && event.payload.operationId === operationId && event.payload.label === "Drawn");
    const request = { spec: llmSpec(), size: 4, seed: 9, model: { backend: "llama" as const, path: modelPath }, temperature: 0.8, taken: ["Ann"], operationId };
    const pool = await client.call("populations.draw", request);
    expect(pool.personas).toHaveLength(4);
    for (const persona of pool.personas) expect(persona.special_instructions.length).toBeLessThanOrEqual(30);
    expect(pool.record.completion?.personas).toHaveLength(4);
    expect(pool.profile.llmFields).toEqual([{ field: "special_instructions", filled: pool.personas.filter((p) => p.special_instructions !== "").length }]);
    const labels = (await progress.done).flatMap((event) => (event.name === "progress" ? [`${event.payload.label} ${event.payload.done}/${event.payload.total}`] : []));
    expect(labels).toEqual(["Drawing personas 0/4", "The LLM is writing personas 1/4", "The LLM is writing personas 2/4", "The LLM is writing personas 3/4", "The LLM is writing personas 4/4", "Drawn 4/4"]);
    const again = await client.call("populations.draw", { ...request, operationId: "draw-b" });
    expect(again.personas).toEqual(pool.personas);

    const files = await client.call("populations.savePool", { name: "written pool", personas: pool.personas, record: pool.record });
    expect(files.personasFile).toBe(path.join(harness.dataDirectory, "pools", "written-pool.json"));
    expect(parsePersonasFile(await readFile(files.personasFile, "utf8")).personas).toEqual(pool.personas);
    expect(poolRecordSchema.parse(JSON.parse(await readFile(files.recordFile, "utf8")))).toMatchObject({ personasFile: "written-pool.json", seed: 9 });
  });

  it("refuses before anything runs: weights that sum to 0, rules nobody satisfies, and a model that is missing", async () => {
    const zero = { ...testPopulationSpec(), fields: { sex: { kind: "categorical", categories: [{ value: "F", weight: 0 }] } } };
    const bad = await failure(client.call("populations.draw", { spec: zero as unknown as PopulationSpec, size: 2, seed: 1, model: null, operationId: "z" }));
    expect(bad.code).toBe("bad-request");
    expect(bad.issues?.[0]?.message).toBe("the weights of sex sum to 0: give at least one category a positive weight");

    const impossible = populationSpecSchema.parse({ ...testPopulationSpec(), rules: [{ if: [{ field: "sex", in: ["Female", "Male"] }], then: { field: "current_employment", in: ["Pilot"] } }] });
    const refused = await failure(client.call("populations.draw", { spec: impossible, size: 2, seed: 1, model: null, operationId: "i" }));
    expect(refused.message).toMatch(/^no persona can satisfy rule 1/);

    const missing = await failure(client.call("populations.draw", { spec: llmSpec(), size: 2, seed: 1, model: { backend: "llama", path: path.join(harness.dataDirectory, "nope.gguf") }, operationId: "m" }));
    expect(missing.message).toMatch(/the model for the LLM-written fields cannot be loaded: .*not found/);
  });

  it("cancels a draw while the model writes", async () => {
    const operationId = "draw-cancel";
    const started = collectUntil(client, (event) => event.name === "progress" && event.payload.operationId === operationId && event.payload.done >= 1 && event.payload.label.startsWith("The LLM"));
    const draw = client.call("populations.draw", { spec: llmSpec(), size: 200, seed: 2, model: { backend: "llama", path: modelPath }, operationId });
    await started.done;
    expect(await client.call("populations.cancelDraw", { operationId })).toEqual({ cancelled: true });
    expect((await failure(draw)).message).toBe("the draw was cancelled");
    expect(await client.call("populations.cancelDraw", { operationId })).toEqual({ cancelled: false });
  });

  it("profiles any personas against a spec", async () => {
    const profile = await client.call("populations.profile", {
      spec: testPopulationSpec(),
      personas: [{ username: "a", age: 1, sex: "Female", sexual_orientation: "", demographic_group: "", current_employment: "Baker", education_level: "", special_instructions: "", personality_characteristics: ["calm"] }],
    });
    expect(profile.fields.map((field) => field.field)).toEqual(["sex", "current_employment", "personality_characteristics:count", "personality_characteristics"]);
  });
});
