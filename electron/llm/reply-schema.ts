/**
 * A JSON schema a reply must follow: the subset that both llama.cpp grammars (node-llama-cpp's
 * JSON-schema grammar) and OpenAI-compatible structured outputs understand. Every property of
 * an object is required and no others are allowed (what the grammar enforces anyway).
 */
export type ReplyJsonSchema =
  | { readonly type: "object"; readonly properties: { readonly [key: string]: ReplyJsonSchema }; readonly description?: string }
  | { readonly type: "array"; readonly items: ReplyJsonSchema; readonly minItems?: number; readonly maxItems?: number; readonly description?: string }
  | { readonly type: "string"; readonly minLength?: number; readonly maxLength?: number; readonly description?: string }
  | { readonly type: "integer" | "number" | "boolean" | "null"; readonly description?: string }
  | { readonly enum: readonly (string | number | boolean | null)[]; readonly description?: string }
  | { readonly const: string | number | boolean | null; readonly description?: string }
  | { readonly oneOf: readonly ReplyJsonSchema[]; readonly description?: string };

/** Whether a constrained reply parsed, and how many tries it took (servers without structured output retry). */
export type JsonReply =
  | { ok: true; value: unknown; attempts: number }
  | { ok: false; error: string; attempts: number };

/** The schema with what strict structured-output servers demand spelled out: `required` and `additionalProperties: false`. */
export function strictJsonSchema(schema: ReplyJsonSchema): Record<string, unknown> {
  if ("type" in schema && schema.type === "object") {
    const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, strictJsonSchema(value)]));
    return { ...schema, properties, required: Object.keys(schema.properties), additionalProperties: false };
  }
  if ("type" in schema && schema.type === "array") return { ...schema, items: strictJsonSchema(schema.items) };
  if ("oneOf" in schema) return { ...schema, oneOf: schema.oneOf.map(strictJsonSchema) };
  return { ...schema };
}

/** A stable key for caching per schema (same schema, same key, whatever object holds it). */
export function replySchemaKey(schema: ReplyJsonSchema): string {
  return JSON.stringify(schema, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/** Parses a reply and checks it against the schema; the error names where it breaks. */
export function parseJsonReply(text: string, schema: ReplyJsonSchema, attempts = 1): JsonReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return { ok: false, attempts, error: trimmed === "" ? "the reply is empty" : `the reply is not JSON: ${clip(trimmed)}` };
  }
  const problem = check(value, schema, "reply");
  return problem === null ? { ok: true, value, attempts } : { ok: false, attempts, error: problem };
}

function check(value: unknown, schema: ReplyJsonSchema, at: string): string | null {
  if ("const" in schema) return value === schema.const ? null : `${at} is ${show(value)}, expected ${show(schema.const)}`;
  if ("enum" in schema) return (schema.enum as readonly unknown[]).includes(value) ? null : `${at} is ${show(value)}, expected one of ${schema.enum.map(show).join(", ")}`;
  if ("oneOf" in schema) return schema.oneOf.some((option) => check(value, option, at) === null) ? null : `${at} (${show(value)}) matches none of the allowed shapes`;
  switch (schema.type) {
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return `${at} is ${show(value)}, expected an object`;
      const record = value as Record<string, unknown>;
      for (const [key, inner] of Object.entries(schema.properties)) {
        if (!Object.hasOwn(record, key)) return `${at} lacks "${key}"`;
        const problem = check(record[key], inner, `${at}.${key}`);
        if (problem) return problem;
      }
      const extra = Object.keys(record).find((key) => !Object.hasOwn(schema.properties, key));
      return extra === undefined ? null : `${at} has an unexpected key "${extra}"`;
    }
    case "array": {
      if (!Array.isArray(value)) return `${at} is ${show(value)}, expected an array`;
      if (schema.minItems !== undefined && value.length < schema.minItems) return `${at} has ${value.length} items, at least ${schema.minItems} expected`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at} has ${value.length} items, at most ${schema.maxItems} expected`;
      for (const [index, item] of value.entries()) {
        const problem = check(item, schema.items, `${at}[${index}]`);
        if (problem) return problem;
      }
      return null;
    }
    case "string":
      if (typeof value !== "string") return `${at} is ${show(value)}, expected a string`;
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${at} is shorter than ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${at} is longer than ${schema.maxLength} characters`;
      return null;
    case "integer":
      return Number.isInteger(value) ? null : `${at} is ${show(value)}, expected an integer`;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : `${at} is ${show(value)}, expected a number`;
    case "boolean":
      return typeof value === "boolean" ? null : `${at} is ${show(value)}, expected true or false`;
    case "null":
      return value === null ? null : `${at} is ${show(value)}, expected null`;
  }
}

function show(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value));
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
