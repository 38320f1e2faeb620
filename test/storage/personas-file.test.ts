import { describe, expect, it } from "vitest";
import { parsePersonasFile, serializePersonasFile } from "../../electron/storage/personas-file.js";
import { personaSchema } from "../../shared/domain/persona.js";
import { syndiscoFixture } from "./fixture.js";

describe("parsePersonasFile", () => {
  const { personas, problems } = parsePersonasFile(syndiscoFixture("personas-mixed.json"));

  it("loads the good entries, with defaults and unknown keys kept", () => {
    expect(personas.map((p) => p.username)).toEqual(["zoë-k", "minimal", "mark_99", "reordered"]);
    expect(personas[0]?.hobby).toBe("chess");
    expect(personas[0]?.["vote 2024"]).toBe("undecided");
    expect(personas[1]).toMatchObject({ age: -1, sex: "", personality_characteristics: [] });
    expect(personas[2]?.age).toBe(41);
    expect(personas[3]?.age).toBe("65+");
  });

  it("reports each unusable entry with its index", () => {
    expect(problems).toEqual([
      { index: 2, reason: "not an object (string)" },
      { index: 3, reason: "empty username" },
      { index: 4, reason: "no username" },
      { index: 6, reason: 'duplicate username "mark_99" (first at entry 5)' },
      { index: 7, reason: '"age" must be an integer or a string' },
      { index: 8, reason: '"personality_characteristics" must be an array of strings' },
      { index: 9, reason: '"sex" must be a string' },
      { index: 11, reason: "not an object (null)" },
    ]);
  });

  it("throws for a file that is not a JSON array", () => {
    expect(() => parsePersonasFile('{"username": "a"}')).toThrow(/expected a JSON array/);
    expect(() => parsePersonasFile('[{"username": "a"}')).toThrow(/truncated/);
  });

  it("reports a username that is not a string", () => {
    expect(parsePersonasFile('[{"username": 5}]').problems).toEqual([{ index: 0, reason: '"username" must be a non-empty string' }]);
  });
});

describe("serializePersonasFile", () => {
  it("writes the nine fields in SynDisco's order, extra keys after, as Python's json.dump(indent=4)", () => {
    const { personas } = parsePersonasFile(syndiscoFixture("personas-mixed.json"));
    expect(serializePersonasFile(personas)).toBe(syndiscoFixture("personas-mixed.expected.json"));
  });

  it("round-trips its own output", () => {
    const personas = [personaSchema.parse({ username: "a", zeta: 1, age: "18-24" })];
    const text = serializePersonasFile(personas);
    expect(serializePersonasFile(parsePersonasFile(text).personas)).toBe(text);
    expect(serializePersonasFile([])).toBe("[]");
  });
});
