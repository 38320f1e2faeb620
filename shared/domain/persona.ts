import { z } from "zod";
import { isPyBlank } from "../textwrap.js";

/** The nine SynDisco persona fields, in the order SynDisco writes them. */
export const PERSONA_FIELDS = [
  "username",
  "age",
  "sex",
  "sexual_orientation",
  "demographic_group",
  "current_employment",
  "education_level",
  "special_instructions",
  "personality_characteristics",
] as const;

/**
 * A persona as SynDisco knows it. `age` is an integer or a band such as "25-34"
 * (real files hold both). Unknown keys are kept: researchers add their own attributes.
 */
export const personaSchema = z
  .object({
    // A name of only spaces would read as nobody in every prompt and file.
    username: z.string().refine((name) => !isPyBlank(name), "username is empty or only spaces"),
    age: z.union([z.number().int(), z.string()]).default(-1),
    sex: z.string().default(""),
    sexual_orientation: z.string().default(""),
    demographic_group: z.string().default(""),
    current_employment: z.string().default(""),
    education_level: z.string().default(""),
    special_instructions: z.string().default(""),
    personality_characteristics: z.array(z.string()).default([]),
  })
  .catchall(z.unknown());

export type Persona = z.infer<typeof personaSchema>;

/** The persona object SynDisco puts in a prompt: the nine fields only, in order. */
export function syndiscoPersonaObject(persona: Persona): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of PERSONA_FIELDS) result[field] = persona[field];
  return result;
}

/** A username not yet taken for a copy of `username`: "Ann (copy)", "Ann (copy 2)", ... */
export function copyName(username: string, taken: ReadonlySet<string>): string {
  let candidate = `${username} (copy)`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${username} (copy ${n})`;
  return candidate;
}
