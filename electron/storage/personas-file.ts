import type { Persona } from "../../shared/domain/persona.js";
import { PERSONA_FIELDS, personaSchema } from "../../shared/domain/persona.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { isPyBlank } from "../../shared/textwrap.js";
import { parseJsonText } from "./import-result.js";

export interface PersonaProblem {
  /** Position of the entry in the file's array, from 0. */
  index: number;
  reason: string;
}

export interface PersonasFile {
  personas: Persona[];
  problems: PersonaProblem[];
}

/** What each known field must hold, for messages a researcher editing the file can act on. */
const EXPECTED: Record<(typeof PERSONA_FIELDS)[number], string> = {
  username: "a non-empty string",
  age: "an integer or a string",
  sex: "a string",
  sexual_orientation: "a string",
  demographic_group: "a string",
  current_employment: "a string",
  education_level: "a string",
  special_instructions: "a string",
  personality_characteristics: "an array of strings",
};

/**
 * A SynDisco personas file (SYNDISCO-FORMAT.md section 1). Usable entries load, with
 * missing fields defaulted and unknown keys kept; each unusable one is reported with its
 * index instead of failing the whole file. A file that is not a JSON array throws.
 */
export function parsePersonasFile(text: string): PersonasFile {
  const json = parseJsonText(text);
  if (!json.ok) throw new Error(json.message);
  if (!Array.isArray(json.value)) throw new Error("not a personas file: expected a JSON array of persona objects");
  const personas: Persona[] = [];
  const problems: PersonaProblem[] = [];
  const seen = new Map<string, number>();
  json.value.forEach((entry: unknown, index) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push({ index, reason: `not an object (${entry === null ? "null" : Array.isArray(entry) ? "an array" : typeof entry})` });
      return;
    }
    const username = (entry as Record<string, unknown>).username;
    if (username === undefined || (typeof username === "string" && isPyBlank(username))) {
      problems.push({ index, reason: username === undefined ? "no username" : username === "" ? "empty username" : "a username of only spaces" });
      return;
    }
    const parsed = personaSchema.safeParse(entry);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")))];
      const reasons = fields.map((field) => {
        const expected = (EXPECTED as Record<string, string>)[field];
        return expected ? `"${field}" must be ${expected}` : `"${field}" is invalid`;
      });
      problems.push({ index, reason: reasons.join("; ") });
      return;
    }
    const first = seen.get(parsed.data.username);
    if (first !== undefined) {
      problems.push({ index, reason: `duplicate username "${parsed.data.username}" (first at entry ${first})` });
      return;
    }
    seen.set(parsed.data.username, index);
    personas.push(parsed.data);
  });
  return { personas, problems };
}

/** One persona as written: the nine fields in SynDisco's order, then the researcher's own keys. */
export function personaFileEntry(persona: Persona): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const field of PERSONA_FIELDS) entry[field] = persona[field];
  for (const [key, value] of Object.entries(persona)) {
    if (!(PERSONA_FIELDS as readonly string[]).includes(key) && value !== undefined) entry[key] = value;
  }
  return entry;
}

/** A personas file as Python's json.dump(personas, f, indent=4) writes it. */
export function serializePersonasFile(personas: readonly Persona[]): string {
  return pyJsonDumps(personas.map(personaFileEntry), { indent: 4 });
}
