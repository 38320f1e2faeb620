import { describe, expect, it } from "vitest";
import { copyName, draftFromPersona, emptyDraft, personaFromDraft, validateDraft } from "../../renderer/features/personas/persona-draft.js";
import { personaSchema } from "../../shared/domain/persona.js";

describe("persona drafts", () => {
  it("round-trips a persona with extra attributes, non-string ones as JSON", () => {
    const persona = personaSchema.parse({ username: "P000", age: "Under 18", sex: "Female", personality_characteristics: ["Active"], score: 3, notes: "x" });
    expect(personaFromDraft(draftFromPersona(persona))).toEqual(persona);
  });

  it("marks missing required fields, a taken username and bad extra keys", () => {
    const draft = { ...emptyDraft(), username: "Bob", extras: [{ key: "sex", value: "", json: false }, { key: "", value: "1", json: false }] };
    const errors = validateDraft(draft, new Set(["Bob"]));
    expect(errors.username).toMatch(/already in the pool/);
    expect(errors.age).toBeDefined();
    expect(errors.sex).toBeDefined();
    expect(errors.extraKeys).toEqual({ 0: expect.stringMatching(/SynDisco field/), 1: expect.stringMatching(/Name the attribute/) });
    expect(validateDraft({ ...emptyDraft(), username: "Ann", age: "25-34", sex: "F" }, new Set(["Bob"]))).toEqual({});
  });

  it("names copies that are not taken", () => {
    expect(copyName("Ann", new Set(["Ann", "Ann (copy)"]))).toBe("Ann (copy 2)");
  });
});
