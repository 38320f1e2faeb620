import type { Persona } from "../../../shared/domain/persona.js";
import type { PopulationSpec } from "../../../shared/domain/population.js";
import type { PoolRecord } from "../../../shared/domain/population-pool.js";
import type { PoolProfile } from "../../../shared/domain/population-profile.js";
import { drawPool } from "../../../shared/population/draw.js";
import { checkFeasibility } from "../../../shared/population/rules.js";
import type { ChatModel } from "../../llm/types.js";
import { completePersonas, completionSystemPrompt, llmFields } from "./complete-personas.js";
import { profilePool } from "./profile.js";

export class PopulationError extends Error {
  override readonly name = "PopulationError";
}

export interface SamplePoolOptions {
  size: number;
  seed: number;
  /** Usernames the pool must not take. */
  taken?: readonly string[];
  /** Writes the fields the spec leaves to the LLM; without one those fields stay empty, and only if `leaveLlmFieldsEmpty`. */
  model?: ChatModel;
  leaveLlmFieldsEmpty?: boolean;
  temperature?: number;
  signal?: AbortSignal;
  /** Personas the LLM has completed so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SampledPool {
  personas: Persona[];
  record: Omit<PoolRecord, "personasFile" | "createdAt" | "app">;
  profile: PoolProfile;
}

/**
 * A pool drawn from a population, checked before anything runs (rules that exclude everyone,
 * LLM fields without a model), completed by the LLM where the spec says so, and profiled
 * against its population.
 */
export async function samplePool(spec: PopulationSpec, options: SamplePoolOptions): Promise<SampledPool> {
  const feasibility = checkFeasibility(spec);
  if (feasibility.feasible === false) throw new PopulationError(feasibility.message);
  const toWrite = llmFields(spec);
  if (toWrite.length > 0 && !options.model && !options.leaveLlmFieldsEmpty) {
    throw new PopulationError(`this population leaves ${toWrite.map((field) => field.replaceAll("_", " ")).join(" and ")} to an LLM: choose a model (or leave those fields empty)`);
  }
  let drawn: ReturnType<typeof drawPool>;
  try {
    drawn = drawPool(spec, { size: options.size, seed: options.seed, taken: new Set(options.taken ?? []) });
  } catch (error) {
    throw new PopulationError(error instanceof Error ? error.message : String(error));
  }
  let personas = drawn.personas;
  let completion: SampledPool["record"]["completion"] = null;
  if (toWrite.length > 0 && options.model) {
    const temperature = options.temperature ?? 0.8;
    const completed = await completePersonas(spec, personas, { model: options.model, seed: options.seed, temperature, signal: options.signal, onProgress: options.onProgress });
    personas = completed.personas;
    completion = { model: options.model.identity, temperature, system: completionSystemPrompt(spec), personas: completed.log };
  }
  const rejected = drawn.rejectedByRule.length > 0 ? drawn.draws - options.size : 0;
  return {
    personas,
    record: { kind: "syndisco-studio.pool", version: 1, spec, seed: options.seed, size: options.size, draws: drawn.draws, rejectedByRule: drawn.rejectedByRule, takenUsernames: [...(options.taken ?? [])], completion },
    profile: profilePool(spec, personas, { rejectedDraws: rejected, draws: drawn.draws }),
  };
}
