import path from "node:path";
import type { ModelRef } from "../../shared/domain/model-ref.js";
import type { PopulationSpec } from "../../shared/domain/population.js";
import type { DrawnPoolInfo } from "../../shared/contract-populations.js";
import type { StudioEvent } from "../../shared/contract.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { PopulationError, samplePool } from "../engine/population/sample-pool.js";
import { fileStem, writePool } from "../storage/population-files.js";
import type { PoolRecord } from "../../shared/domain/population-pool.js";
import { StudioError } from "./studio-error.js";

export interface DrawRequest {
  spec: PopulationSpec;
  size: number;
  seed: number;
  model: ModelRef | null;
  temperature: number;
  taken: string[];
  operationId: string;
}

/** Pool draws the app runs: progress on the event hub, cancel by operation id, pools saved under `<data>/pools`. */
export class PopulationDraws {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly options: { registry: ModelRegistry; poolsDirectory: string; app: string; emit: (event: StudioEvent) => void },
  ) {}

  async draw(request: DrawRequest): Promise<DrawnPoolInfo> {
    if (this.running.has(request.operationId)) throw new StudioError("conflict", `a draw named ${request.operationId} is already running`);
    const abort = new AbortController();
    this.running.set(request.operationId, abort);
    const progress = (label: string, done: number, total: number | null) =>
      this.options.emit({ name: "progress", payload: { operationId: request.operationId, label, done, total } });
    try {
      // A model that is missing or not GGUF fails here, before anything is drawn.
      const model = request.model ? await this.options.registry.load(request.model, 1).catch((error: unknown) => {
        throw new StudioError("bad-request", `the model for the LLM-written fields cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
      }) : undefined;
      progress("Drawing personas", 0, request.size);
      const pool = await samplePool(request.spec, {
        size: request.size,
        seed: request.seed,
        taken: request.taken,
        model,
        leaveLlmFieldsEmpty: request.model === null,
        temperature: request.temperature,
        signal: abort.signal,
        onProgress: (done, total) => progress("The LLM is writing personas", done, total),
      });
      progress("Drawn", request.size, request.size);
      return { personas: pool.personas, record: { ...pool.record, createdAt: new Date().toISOString(), app: this.options.app }, profile: pool.profile };
    } catch (error) {
      if (abort.signal.aborted) throw new StudioError("conflict", "the draw was cancelled");
      if (error instanceof PopulationError) throw new StudioError("bad-request", error.message);
      throw error;
    } finally {
      this.running.delete(request.operationId);
    }
  }

  cancel(operationId: string): boolean {
    const abort = this.running.get(operationId);
    abort?.abort();
    return abort !== undefined;
  }

  savePool(name: string, personas: DrawnPoolInfo["personas"], record: Omit<PoolRecord, "personasFile">): Promise<{ personasFile: string; recordFile: string }> {
    return writePool(this.options.poolsDirectory, fileStem(name, "pool"), personas, record);
  }

  get directory(): string {
    return path.resolve(this.options.poolsDirectory);
  }
}
