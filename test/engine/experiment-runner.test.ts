import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExperimentRunner } from "../../electron/engine/experiment-runner.js";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testExperimentSpec } from "../support/experiments.js";
import { runCli, startCli } from "../support/cli.js";
import { syndiscoLoads } from "../support/syndisco-loader.js";
import type { ExperimentProgress } from "../../shared/domain/index.js";

async function discussionFiles(out: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(out, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const name of await readdir(path.join(out, entry.name))) files.push(path.join(entry.name, name));
  }
  return files.sort();
}

async function checkCompleteStudy(out: string): Promise<void> {
  const files = await discussionFiles(out);
  const discussions = files.filter((file) => /[0-9a-f-]{36}\.json$/.test(file));
  expect(discussions).toHaveLength(12);
  expect(files.filter((file) => file.endsWith(".run.json"))).toHaveLength(12);
  expect(files.filter((file) => file.endsWith(".journal.jsonl") || file.endsWith(".tmp"))).toEqual([]);
  // The study's discussions/ holds its discussions and nothing else: SynDisco's own loaders read it as it is.
  expect(files.filter((file) => file.startsWith(`discussions${path.sep}`))).toEqual(discussions);
  for (const version of ["2.0.7", "2.0.8"] as const) expect((await syndiscoLoads(version, path.join(out, "discussions"))).files).toBe(12);
  for (const file of discussions) {
    const text = await readFile(path.join(out, file), "utf8");
    const imported = importDiscussionFile(text, file);
    expect(imported.ok, file).toBe(true);
    if (imported.ok) expect(`${imported.value.id}.json`).toBe(path.basename(file));
  }
  const experiment = JSON.parse(await readFile(path.join(out, "experiment.json"), "utf8")) as { discussions: { discussionId: string; seed: number }[] };
  expect(experiment.discussions).toHaveLength(12);
  const manifest = (await readFile(path.join(out, "manifest.csv"), "utf8")).trim().split("\r\n");
  expect(manifest[0]).toBe("cell,discussion_id,repetition,participants,moderator,seed,comments,tokens,seconds,status");
  expect(manifest).toHaveLength(13);
  expect(manifest.slice(1).every((row) => row.endsWith(",completed"))).toBe(true);
  const ids = manifest.slice(1).map((row) => row.split(",")[1]);
  expect(new Set(ids).size).toBe(12);
}

describe("experiment runner on the generated model", () => {
  let model: string;
  beforeAll(async () => {
    model = await ensureTinyModel();
  });

  it("runs a 2 x 2 x 3 study, 4 at a time, writing every file, experiment.json and manifest.csv", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-study-"));
    const progress: ExperimentProgress[] = [];
    const runner = new ExperimentRunner(testExperimentSpec(model), {
      outputDirectory: out,
      parallel: 4,
      registry: { threads: 1, contextSize: 2048 },
      runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 },
      onProgress: (p) => progress.push(p),
    });
    const final = await runner.run();
    expect(final).toMatchObject({ total: 12, done: 12, failed: 0, state: "finished" });
    expect(Math.max(...progress.map((p) => p.running.length))).toBeGreaterThan(1);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(final.cells.every((cell) => cell.done === 3 && cell.total === 3)).toBe(true);
    await checkCompleteStudy(out);

    // A kill after a discussion's final files were written but before its journal was removed leaves the journal:
    // the finished run stands, the journal goes.
    const finished = (await discussionFiles(out)).find((file) => file.endsWith(".run.json"))!;
    const leftover = path.join(out, finished.replace(/\.run\.json$/, ".journal.jsonl"));
    await writeFile(leftover, `${JSON.stringify({ kind: "start" })}\n`);

    // Running it again redoes nothing.
    const again = new ExperimentRunner(testExperimentSpec(model), {
      outputDirectory: out, parallel: 2, registry: { threads: 1, contextSize: 2048 }, runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 },
    });
    const before = await Promise.all((await discussionFiles(out)).filter((file) => !file.endsWith(".journal.jsonl")).map((file) => readFile(path.join(out, file), "utf8")));
    expect((await again.run()).done).toBe(12);
    await checkCompleteStudy(out);
    const after = await Promise.all((await discussionFiles(out)).map((file) => readFile(path.join(out, file), "utf8")));
    expect(after).toEqual(before);
  });

  it("a model that cannot load fails its own discussions; the rest of the study completes", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-study-missing-"));
    const spec = testExperimentSpec(model, { repetitions: 1 });
    spec.conditions.models.push({ label: "gone", model: { backend: "llama", path: path.join(out, "missing.gguf") } });
    const failures: string[] = [];
    const runner = new ExperimentRunner(spec, {
      outputDirectory: out,
      parallel: 2,
      registry: { threads: 1, contextSize: 2048 },
      runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 },
      onDiscussionEvent: (event) => {
        if (event.type === "error") failures.push(event.message);
      },
    });
    const final = await runner.run();
    expect(final).toMatchObject({ total: 8, done: 4, failed: 4, state: "finished" });
    expect(failures.every((message) => /model file not found/.test(message))).toBe(true);
    const manifest = await readFile(path.join(out, "manifest.csv"), "utf8");
    expect(manifest.match(/,failed\r\n/g)).toHaveLength(4);
  });

  it("refuses an output folder that holds a different study", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-study-other-"));
    await writeFile(path.join(out, "experiment.json"), JSON.stringify({ spec: { name: "something else" } }));
    const runner = new ExperimentRunner(testExperimentSpec(model), {
      outputDirectory: out, parallel: 1, runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 },
    });
    await expect(runner.run()).rejects.toThrow(/holds a different experiment/);
  });

  it("killed with SIGKILL mid-study, the CLI resumes to a complete set with no duplicates", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-study-kill-"));
    const specFile = path.join(out, "..", `${path.basename(out)}-spec.json`);
    await writeFile(specFile, JSON.stringify(testExperimentSpec(model, { turns: 6, sampling: { temperature: 0.7, topP: 0.95, maxTokens: 24, stopStrings: [] } })));
    const args = ["experiment", "run", specFile, "--out", out, "--parallel", "2", "--threads", "1", "--context-size", "2048"];
    const child = startCli(args);
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(async () => {
        const files = await discussionFiles(out).catch(() => []);
        if (files.filter((file) => file.endsWith(".run.json")).length >= 3) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
      child.on("close", () => reject(new Error("the study finished before it could be killed")));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const partial = await discussionFiles(out);
    expect(partial.filter((file) => file.endsWith(".run.json")).length).toBeLessThan(12);

    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/12\/12 discussions \(100%\)/);
    await checkCompleteStudy(out);
  });
});
