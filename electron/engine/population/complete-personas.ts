import { z } from "zod";
import type { Persona } from "../../../shared/domain/persona.js";
import type { PopulationSpec } from "../../../shared/domain/population.js";
import type { PersonaCompletion } from "../../../shared/domain/population-pool.js";
import { deriveSeed } from "../../../shared/random.js";
import { pyJsonDumps } from "../../../shared/pyjson.js";
import type { ChatModel, ReplyJsonSchema } from "../../llm/types.js";
import { jsonSchemaTokenBound } from "../../llm/json-schema-bound.js";

/** Longest trait the LLM may write, in characters. */
const MAX_TRAIT_CHARACTERS = 60;

export interface CompletionOptions {
  model: ChatModel;
  /** The pool's seed; persona i's generation seed derives from it. */
  seed: number;
  temperature?: number;
  signal?: AbortSignal;
  /** After each persona: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** The fields a spec leaves to the LLM, in SynDisco's order. */
export function llmFields(spec: PopulationSpec): ("personality_characteristics" | "special_instructions")[] {
  return (["special_instructions", "personality_characteristics"] as const).filter((field) => spec.fields[field]?.kind === "llm");
}

/** The JSON the LLM must write: only the fields it fills, each bounded so the reply always ends. */
export function completionSchema(spec: PopulationSpec): ReplyJsonSchema {
  const properties: Record<string, ReplyJsonSchema> = {};
  if (spec.fields.personality_characteristics?.kind === "llm") {
    const { min, max } = spec.completion.traits;
    properties.personality_characteristics = { type: "array", items: { type: "string", minLength: 1, maxLength: MAX_TRAIT_CHARACTERS }, minItems: min, maxItems: max };
  }
  if (spec.fields.special_instructions?.kind === "llm") properties.special_instructions = { type: "string", maxLength: spec.completion.maxInstructionCharacters };
  return { type: "object", properties };
}

function replyShape(spec: PopulationSpec) {
  const { min, max } = spec.completion.traits;
  return z.object({
    personality_characteristics: z.array(z.string().min(1).max(MAX_TRAIT_CHARACTERS)).min(min).max(max).optional(),
    special_instructions: z.string().max(spec.completion.maxInstructionCharacters).optional(),
  });
}

export function completionSystemPrompt(spec: PopulationSpec): string {
  const lines = [
    "You write personas for a simulated online discussion used in social-science research.",
    "Given a persona's demographics, fill in the JSON fields asked for:",
  ];
  if (spec.fields.personality_characteristics?.kind === "llm") lines.push(`- personality_characteristics: ${spec.completion.traits.min} to ${spec.completion.traits.max} short traits, interests or views (a few words each).`);
  if (spec.fields.special_instructions?.kind === "llm") lines.push("- special_instructions: one or two sentences on how this person behaves when commenting online.");
  if (spec.completion.instructions.trim() !== "") lines.push(spec.completion.instructions.trim());
  lines.push("Answer with the JSON object only.");
  return lines.join("\n");
}

/** What the LLM is shown of a persona: every drawn field, not the ones it is to write. */
export function completionUserPrompt(spec: PopulationSpec, persona: Persona): string {
  const fields = llmFields(spec);
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(persona)) {
    if (key === "username" || (fields as string[]).includes(key)) continue;
    if (value === "" || value === -1 || (Array.isArray(value) && value.length === 0)) continue;
    shown[key] = value;
  }
  return `Persona:\n${pyJsonDumps(shown, { indent: 2 })}\n\nWrite ${fields.join(" and ")} for this persona.`;
}

/**
 * Fills each persona's LLM-written fields, one generation per persona under a JSON-schema
 * grammar (so every reply parses and fits the schema) with a seed derived from the pool's.
 * Returns new personas and, per persona, the exact prompt, seed and reply for the pool record.
 */
export async function completePersonas(spec: PopulationSpec, personas: readonly Persona[], options: CompletionOptions): Promise<{ personas: Persona[]; log: PersonaCompletion[] }> {
  const fields = llmFields(spec);
  if (fields.length === 0) return { personas: [...personas], log: [] };
  const schema = completionSchema(spec);
  const shape = replyShape(spec);
  const system = completionSystemPrompt(spec);
  const maxTokens = jsonSchemaTokenBound(schema);
  const sequenceKey = `population:${options.seed}`;
  const done: Persona[] = [];
  const log: PersonaCompletion[] = [];
  try {
    for (const [index, persona] of personas.entries()) {
      if (options.signal?.aborted) throw new Error("stopped");
      const user = completionUserPrompt(spec, persona);
      const seed = deriveSeed(options.seed, "completion", index);
      const result = await options.model.generate({
        sequenceKey,
        prompt: { system, user },
        sampling: { temperature: options.temperature ?? 0.8, topP: 0.95, seed, maxTokens, stopStrings: [] },
        seed,
        signal: options.signal,
        replySchema: schema,
      });
      if (options.signal?.aborted) throw new Error("stopped");
      // The grammar makes the reply parse; the schema check still guards servers that ignore it.
      const parsed = shape.safeParse(result.json?.ok ? result.json.value : parseJson(result.text));
      if (!parsed.success) throw new Error(`the model's answer for ${persona.username} does not fit the persona schema (${result.json?.ok === false ? result.json.error : result.stopReason}): ${result.text.slice(0, 200)}`);
      done.push({
        ...persona,
        ...(parsed.data.personality_characteristics ? { personality_characteristics: parsed.data.personality_characteristics.map((trait) => trait.trim()) } : {}),
        ...(parsed.data.special_instructions !== undefined ? { special_instructions: parsed.data.special_instructions.trim() } : {}),
      });
      log.push({ username: persona.username, seed, user, reply: result.text });
      options.onProgress?.(index + 1, personas.length);
    }
  } finally {
    await options.model.releaseSequences([sequenceKey]);
  }
  return { personas: done, log };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
