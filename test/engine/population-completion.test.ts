import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { JSON_GRAMMAR_END, jsonSchemaTokenBound } from "../../electron/llm/json-schema-bound.js";
import { completePersonas, completionSchema } from "../../electron/engine/population/complete-personas.js";
import { populationSpecSchema } from "../../shared/domain/population.js";
import { personaSchema } from "../../shared/domain/persona.js";
import { drawPool } from "../../shared/population/draw.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

const spec = populationSpecSchema.parse({
  name: "LLM-written",
  fields: {
    sex: { kind: "categorical", categories: [{ value: "Female", weight: 1 }, { value: "Male", weight: 1 }] },
    personality_characteristics: { kind: "llm" },
    special_instructions: { kind: "llm" },
  },
  completion: { traits: { min: 2, max: 3 }, maxInstructionCharacters: 50 },
});

describe("the LLM writes personas' free text under a JSON-schema grammar (tiny model, random weights)", () => {
  let model: LlamaChatModel;
  beforeAll(async () => {
    model = await LlamaChatModel.load(await ensureTinyModel(), { contextSize: 2048, sequences: 1, threads: 1 });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it("every persona validates even sampled hot from random weights, within the token bound, and the same seed writes the same text", async () => {
    const drawn = drawPool(spec, { size: 6, seed: 4 }).personas;
    const done = await completePersonas(spec, drawn, { model, seed: 4, temperature: 1.5 });
    const bound = jsonSchemaTokenBound(completionSchema(spec));
    for (const persona of done.personas) {
      expect(personaSchema.parse(persona)).toEqual(persona);
      expect(persona.personality_characteristics.length).toBeGreaterThanOrEqual(2);
      expect(persona.personality_characteristics.length).toBeLessThanOrEqual(3);
      expect(persona.special_instructions.length).toBeLessThanOrEqual(50);
    }
    expect(done.personas.map((persona) => persona.sex)).toEqual(drawn.map((persona) => persona.sex));
    expect(done.log.map((entry) => entry.seed)).toHaveLength(6);
    expect(new Set(done.log.map((entry) => entry.seed)).size).toBe(6);
    for (const entry of done.log) expect(entry.reply.length).toBeLessThanOrEqual(bound);
    expect(done.log[0]?.user).toContain('"sex": "');
    const again = await completePersonas(spec, drawn, { model, seed: 4, temperature: 1.5 });
    expect(again.personas).toEqual(done.personas);
  });
});

describe("jsonSchemaTokenBound", () => {
  it("bounds every byte the grammar allows, and refuses schemas whose replies have no bound", () => {
    // {"a": "<= 2 characters, each up to 6 bytes">} plus the grammar's closing newlines.
    const bound = jsonSchemaTokenBound({ type: "object", properties: { a: { type: "string", maxLength: 2 } } });
    expect(bound).toBeGreaterThanOrEqual(`{"a": "${"\\u00e9".repeat(2)}"}`.length + JSON_GRAMMAR_END.length);
    expect(jsonSchemaTokenBound({ enum: ["Ann", "Bobby"] })).toBe('"Bobby"'.length + JSON_GRAMMAR_END.length);
    expect(() => jsonSchemaTokenBound({ type: "string" })).toThrow(/maxLength/);
    expect(() => jsonSchemaTokenBound({ type: "array", items: { type: "boolean" } })).toThrow(/maxItems/);
    expect(() => jsonSchemaTokenBound({ type: "number" })).toThrow(/cannot bound/);
  });
});
