import { z } from "zod";
import { personaSetSchema, type PersonaSet } from "../../../shared/contract-personas.js";

/**
 * Persona sets used to live in the browser's localStorage, and so were lost between web-mode
 * starts and never shared between windows. They live in the data folder now; what a browser
 * still holds is handed over once (personas.migrateSets) and then removed here.
 */
const storageKey = "syndisco-studio.persona-sets";

export function legacyPersonaSets(): PersonaSet[] {
  try {
    const parsed = z.array(personaSetSchema).safeParse(JSON.parse(localStorage.getItem(storageKey) ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function forgetLegacyPersonaSets(): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Storage disabled: there was nothing to hand over either.
  }
}
