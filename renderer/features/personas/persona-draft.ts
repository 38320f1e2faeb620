import { PERSONA_FIELDS, personaSchema, type Persona } from "../../../shared/domain/persona.js";

/** One researcher-defined attribute; `json` marks a value that was not a string and is edited as JSON. */
export interface ExtraAttribute {
  key: string;
  value: string;
  json: boolean;
}

/** A persona as the form edits it: every control holds text. */
export interface PersonaDraft {
  username: string;
  age: string;
  sex: string;
  sexual_orientation: string;
  demographic_group: string;
  current_employment: string;
  education_level: string;
  special_instructions: string;
  personality_characteristics: string[];
  extras: ExtraAttribute[];
}

export type DraftErrors = Partial<Record<keyof PersonaDraft, string>> & { extraKeys?: Record<number, string> };

const knownFields = new Set<string>(PERSONA_FIELDS);

export function emptyDraft(): PersonaDraft {
  return {
    username: "",
    age: "",
    sex: "",
    sexual_orientation: "",
    demographic_group: "",
    current_employment: "",
    education_level: "",
    special_instructions: "",
    personality_characteristics: [],
    extras: [],
  };
}

export function draftFromPersona(persona: Persona): PersonaDraft {
  const extras = Object.entries(persona)
    .filter(([key]) => !knownFields.has(key))
    .map(([key, value]) => (typeof value === "string" ? { key, value, json: false } : { key, value: JSON.stringify(value), json: true }));
  return {
    username: persona.username,
    age: persona.age === -1 ? "" : String(persona.age),
    sex: persona.sex,
    sexual_orientation: persona.sexual_orientation,
    demographic_group: persona.demographic_group,
    current_employment: persona.current_employment,
    education_level: persona.education_level,
    special_instructions: persona.special_instructions,
    personality_characteristics: [...persona.personality_characteristics],
    extras,
  };
}

/** An integer stays a number (SynDisco writes ages as numbers); anything else, such as "25-34", stays text. */
function parseAge(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === "") return -1;
  return /^-?\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : trimmed;
}

function parseExtra(attribute: ExtraAttribute): unknown {
  if (!attribute.json) return attribute.value;
  try {
    return JSON.parse(attribute.value) as unknown;
  } catch {
    return attribute.value;
  }
}

export function personaFromDraft(draft: PersonaDraft): Persona {
  const persona: Record<string, unknown> = {
    username: draft.username.trim(),
    age: parseAge(draft.age),
    sex: draft.sex.trim(),
    sexual_orientation: draft.sexual_orientation.trim(),
    demographic_group: draft.demographic_group.trim(),
    current_employment: draft.current_employment.trim(),
    education_level: draft.education_level.trim(),
    special_instructions: draft.special_instructions,
    personality_characteristics: draft.personality_characteristics,
  };
  for (const attribute of draft.extras) {
    const key = attribute.key.trim();
    if (key) persona[key] = parseExtra(attribute);
  }
  return personaSchema.parse(persona);
}

/**
 * What must be fixed before a draft can be saved. Username, age and sex are required: SynDisco
 * prompts put every field in front of the model, and a persona without these reads as broken.
 */
export function validateDraft(draft: PersonaDraft, takenUsernames: ReadonlySet<string>): DraftErrors {
  const errors: DraftErrors = {};
  const username = draft.username.trim();
  if (!username) errors.username = "A username is required.";
  else if (takenUsernames.has(username)) errors.username = `"${username}" is already in the pool; usernames must be unique.`;
  else if (/[\r\n]/.test(username)) errors.username = "A username is one line.";
  if (!draft.age.trim()) errors.age = "Give an age (such as 34) or a band (such as 25-34).";
  if (!draft.sex.trim()) errors.sex = "Required.";
  const extraKeys: Record<number, string> = {};
  const seen = new Set<string>();
  draft.extras.forEach((attribute, index) => {
    const key = attribute.key.trim();
    if (!key) extraKeys[index] = "Name the attribute (or remove it).";
    else if (knownFields.has(key)) extraKeys[index] = `"${key}" is a SynDisco field; edit it above.`;
    else if (seen.has(key)) extraKeys[index] = `"${key}" appears twice.`;
    seen.add(key);
  });
  if (Object.keys(extraKeys).length > 0) errors.extraKeys = extraKeys;
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** A username not yet in the pool: "name (copy)", "name (copy 2)", ... */
export { copyName } from "../../../shared/domain/persona.js";

/** Matches the search box against every field, traits and extras included. */
export function personaMatches(persona: Persona, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return Object.values(persona).some((value) => (typeof value === "string" ? value : JSON.stringify(value)).toLowerCase().includes(needle));
}
