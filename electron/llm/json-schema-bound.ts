import type { ReplyJsonSchema } from "./types.js";

/** node-llama-cpp's JSON-schema grammar makes the model write four newlines after the value: the reply ends there. */
export const JSON_GRAMMAR_END = "\n\n\n\n";

/** Longest text one string character can take in JSON: a `\uXXXX` escape. */
const CHARACTER = 6;
/** Whitespace the grammar may put before an element (a newline and indentation), a generous ceiling. */
const WHITESPACE = 1 + 4 * 8;

/**
 * An upper bound on the tokens a reply constrained by `schema` can take, so `maxTokens` can be
 * set where the grammar always finishes first and every reply parses. Every token is at least
 * one byte, so the bound counts bytes. Throws for a schema without such a bound (a string
 * without maxLength, an array without maxItems, numbers): such a reply could be cut off.
 */
export function jsonSchemaTokenBound(schema: ReplyJsonSchema): number {
  return valueBound(schema, 0) + JSON_GRAMMAR_END.length;
}

function valueBound(schema: ReplyJsonSchema, depth: number): number {
  if (depth > 16) throw new RangeError("JSON schema nests too deep to bound");
  const node = schema as Record<string, unknown>;
  if ("const" in node) return jsonBytes(node.const);
  if (Array.isArray(node.enum)) return Math.max(0, ...node.enum.map(jsonBytes));
  if (Array.isArray(node.oneOf)) return Math.max(0, ...node.oneOf.map((option: ReplyJsonSchema) => valueBound(option, depth + 1)));
  switch (node.type) {
    case "string": {
      if (typeof node.maxLength !== "number") throw new RangeError("a string in the reply schema needs maxLength");
      return 2 + CHARACTER * node.maxLength;
    }
    case "boolean":
      return 5;
    case "null":
      return 4;
    case "array": {
      if (typeof node.maxItems !== "number") throw new RangeError("an array in the reply schema needs maxItems");
      const item = valueBound(node.items as ReplyJsonSchema, depth + 1);
      return 2 + WHITESPACE + node.maxItems * (item + 2 + WHITESPACE);
    }
    case "object": {
      const properties = Object.entries((node.properties ?? {}) as Record<string, ReplyJsonSchema>);
      return 2 + WHITESPACE + properties.reduce((sum, [key, value]) => sum + jsonBytes(key) + 3 + WHITESPACE + valueBound(value, depth + 1), 0);
    }
    default:
      throw new RangeError(`cannot bound a reply of JSON schema type ${JSON.stringify(node.type)}`);
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}
