import type { AnnotationDimension, AnnotationValue } from "../../../shared/domain/annotation.js";

/**
 * The values of an answer someone else's annotator wrote (an imported SynDisco file, whose
 * raw text SynDisco never parsed): a JSON object with every dimension, or failing that, text
 * such as "toxicity: 3" per dimension, or, for a scheme with one rated dimension, the one value
 * of its kind the text mentions. Anything else stays unparsed, with the reason.
 */
export function answerValues(raw: string, dimensions: readonly AnnotationDimension[]): { values: Record<string, AnnotationValue> | null; error: string | null } {
  const json = jsonObject(raw);
  const values: Record<string, AnnotationValue> = {};
  const rated = dimensions.filter((dimension) => dimension.kind !== "text");
  for (const dimension of dimensions) {
    const found = json ? valid(json[dimension.name], dimension) : (named(raw, dimension) ?? (rated.length === 1 && rated[0] === dimension ? only(raw, dimension) : null));
    if (found === null) return { values: null, error: `no valid "${dimension.name}" in the answer` };
    values[dimension.name] = found;
  }
  return { values, error: null };
}

function jsonObject(raw: string): Record<string, unknown> | null {
  const start = raw.indexOf("{");
  const end = raw.lastIndexOf("}");
  if (start === -1 || end < start) return null;
  try {
    const value: unknown = JSON.parse(raw.slice(start, end + 1));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function valid(value: unknown, dimension: AnnotationDimension): AnnotationValue | null {
  switch (dimension.kind) {
    case "scale":
      return Number.isInteger(value) && (value as number) >= dimension.min && (value as number) <= dimension.max ? (value as number) : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    case "category":
      return typeof value === "string" && dimension.categories.includes(value) ? value : null;
    case "text":
      return typeof value === "string" ? value : null;
  }
}

/** "toxicity: 3", "Toxicity = 3", "toxicity - against" */
function named(raw: string, dimension: AnnotationDimension): AnnotationValue | null {
  const label = dimension.name.replace(/_/g, "[ _]");
  const match = new RegExp(`\\b${label}\\b\\W{0,4}(-?\\d+(?:\\.\\d+)?|[A-Za-z][\\w-]*)`, "i").exec(raw);
  if (!match?.[1]) return null;
  const text = match[1];
  if (dimension.kind === "category") return dimension.categories.find((category) => category.toLowerCase() === text.toLowerCase()) ?? null;
  return dimension.kind === "text" ? null : valid(Number(text), dimension);
}

function only(raw: string, dimension: AnnotationDimension): AnnotationValue | null {
  if (dimension.kind === "category") {
    const mentioned = dimension.categories.filter((category) => new RegExp(`\\b${escape(category)}\\b`, "i").test(raw));
    return mentioned.length === 1 ? (mentioned[0] as string) : null;
  }
  const numbers = [...raw.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => valid(Number(match[0]), dimension)).filter((value) => value !== null);
  return new Set(numbers).size === 1 ? (numbers[0] as AnnotationValue) : null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
