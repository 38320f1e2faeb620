import { z } from "zod";

/** A named list of usernames, e.g. "pilot panel"; the designer can take its participants from one. */
export const personaSetSchema = z.object({ name: z.string().min(1), usernames: z.array(z.string()) });
export type PersonaSet = z.infer<typeof personaSetSchema>;

/**
 * Sets live in the browser's localStorage, not the data folder: they are a convenience for picking
 * people, designs already record who took part, and this keeps the engine's contract unchanged.
 */
const storageKey = "syndisco-studio.persona-sets";

export function loadPersonaSets(): PersonaSet[] {
  try {
    const parsed = z.array(personaSetSchema).safeParse(JSON.parse(localStorage.getItem(storageKey) ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function storePersonaSets(sets: readonly PersonaSet[]): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(sets));
  } catch {
    // Storage full or disabled (private window): the sets last for this session only.
  }
}
