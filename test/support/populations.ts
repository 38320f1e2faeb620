import { populationSpecSchema, type PopulationSpec } from "../../shared/domain/population.js";
import type { DrawnPoolInfo } from "../../shared/contract-populations.js";

/** A small valid population: two categorical fields and a trait vocabulary. */
export function testPopulationSpec(name = "Test town"): PopulationSpec {
  return populationSpecSchema.parse({
    name,
    fields: {
      sex: { kind: "categorical", categories: [{ value: "Female", weight: 1 }, { value: "Male", weight: 1 }] },
      current_employment: { kind: "categorical", categories: [{ value: "Baker", weight: 1 }, { value: "Nurse", weight: 2 }] },
      personality_characteristics: { kind: "traits", count: { min: 1, max: 2 }, vocabulary: [{ trait: "calm", weight: 1 }, { trait: "curious", weight: 1 }] },
    },
  });
}

export function testPoolRecord(spec = testPopulationSpec()): DrawnPoolInfo["record"] {
  return { kind: "syndisco-studio.pool", version: 1, createdAt: "2024-01-01T00:00:00.000Z", app: "test", spec, seed: 1, size: 1, draws: 1, rejectedByRule: [], takenUsernames: [], completion: null };
}
