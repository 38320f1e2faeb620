import { z } from "zod";
import presetsJson from "../../../resources/annotation-schemes.json" with { type: "json" };
import { annotationSchemeSchema, type AnnotationScheme } from "../../../shared/domain/annotation.js";

/** Our own preset schemes (resources/annotation-schemes.json): toxicity and argument quality, 1-5. */
export const schemePresets: AnnotationScheme[] = z.array(annotationSchemeSchema).min(1).parse(presetsJson);

/** A preset by a short name ("toxicity", "argument-quality") or its full name, case-insensitive. */
export function findSchemePreset(name: string): AnnotationScheme | null {
  const wanted = name.trim().toLowerCase();
  return schemePresets.find((scheme) => scheme.name.toLowerCase() === wanted || presetKey(scheme) === wanted) ?? null;
}

/** "Argument quality (1-5)" -> "argument-quality". */
export function presetKey(scheme: AnnotationScheme): string {
  return scheme.name.toLowerCase().replace(/\(.*?\)/g, "").trim().replace(/[^a-z0-9]+/g, "-");
}
