import type { Persona } from "../../../shared/domain/persona.js";
import { SeededRandom, deriveSeed } from "../../../shared/random.js";

/**
 * N personas drawn from the pool with the design's seed (its own stream, "participants"), so the
 * same seed and pool give the same people; the moderator is never drawn. Answers them in pool order.
 */
export function pickParticipants(pool: readonly Persona[], count: number, seed: number, moderator: string): string[] {
  const candidates = pool.map((persona) => persona.username).filter((name) => name !== moderator);
  const drawn = new Set(new SeededRandom(deriveSeed(seed, "participants")).sample(candidates, Math.min(count, candidates.length)));
  return candidates.filter((name) => drawn.has(name));
}
