import { describe, expect, it } from "vitest";
import { chooseParallelism } from "../../electron/engine/experiment-parallelism.js";
import { fixedProfiles } from "../../electron/llm/server-resolver.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testExperimentSpec } from "../support/experiments.js";

describe("choosing how many discussions run at once", () => {
  it("a tiny local model fits the ceiling", async () => {
    const choice = await chooseParallelism(testExperimentSpec(await ensureTinyModel()), 2048, 6);
    expect(choice.parallel).toBe(6);
    expect(choice.reason).toMatch(/fit in free memory/);
  });

  it("a study on servers only runs up to their concurrency", async () => {
    const spec = testExperimentSpec("unused.gguf");
    spec.conditions.models = [{ label: "srv", model: { backend: "openai", profile: "srv" } }];
    const servers = fixedProfiles([{ id: "srv", name: "srv", baseUrl: "http://127.0.0.1:9/v1", modelName: "m", maxConcurrent: 3 }]);
    await expect(chooseParallelism(spec, 2048, 8, undefined, undefined, servers)).resolves.toEqual({ parallel: 3, reason: "servers only: up to their concurrency limit (3)" });
  });
});
