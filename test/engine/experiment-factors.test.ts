import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExperimentRunner } from "../../electron/engine/experiment-runner.js";
import { readStudyFolder } from "../../electron/storage/study-folder.js";
import { experimentSpecSchema } from "../../shared/domain/experiment.js";
import { populationSpecSchema } from "../../shared/domain/population.js";
import { runRecordSchema } from "../../shared/domain/run-record.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testExperimentSpec } from "../support/experiments.js";

function town(employment: string) {
  return populationSpecSchema.parse({ name: `${employment}s`, fields: { current_employment: { kind: "categorical", categories: [{ value: employment, weight: 1 }] } } });
}

describe("a study that varies the population and the new turn managers, on the generated model", () => {
  it("runs every cell; the folder's factors include population and turn manager; LLM-selected runs record their choices", async () => {
    const model = await ensureTinyModel();
    const base = testExperimentSpec(model);
    const spec = experimentSpecSchema.parse({
      ...base,
      personaPool: [],
      repetitions: 1,
      turns: 2,
      sampling: { temperature: 0.7, topP: 0.95, maxTokens: 6, stopStrings: [] },
      conditions: {
        ...base.conditions,
        moderators: [{ kind: "none", label: "none" }],
        turnManagers: [
          { label: "talk", spec: { kind: "talkativeness" } },
          { label: "llm", spec: { kind: "llm-selected" } },
        ],
        populations: [
          { label: "bakers", spec: town("Baker"), size: 4 },
          { label: "nurses", spec: town("Nurse"), size: 4 },
        ],
      },
    });
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-study-factors-"));
    const runner = new ExperimentRunner(spec, { outputDirectory: out, parallel: 2, registry: { threads: 1, contextSize: 2048 }, runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 } });
    expect(await runner.run()).toMatchObject({ total: 4, done: 4, failed: 0 });

    const study = await readStudyFolder(out);
    expect(study.factorNames).toEqual(["moderator", "turnManager", "model", "topic", "userInstructions", "population"]);
    for (const discussion of study.discussions) {
      const record = runRecordSchema.parse(JSON.parse(await readFile(discussion.recordFile, "utf8")));
      const jobs = new Set(record.design.participants.map((actor) => actor.persona.current_employment));
      expect([...jobs]).toEqual([discussion.factors.population === "bakers" ? "Baker" : "Nurse"]);
      if (discussion.factors.turnManager === "llm") {
        expect(record.speakerChoices?.map((choice) => choice.by)).toEqual(["llm", "llm"]);
        expect(record.speakerChoices?.map((choice) => choice.speaker)).toEqual(record.speakers);
      } else {
        expect(record.speakerChoices).toBeUndefined();
      }
    }
  });
});
