/**
 * Issue 11 item 10: misleading messages. A corrupt experiment.json was "a different study", a
 * corrupt models.json showed as zero models, corrupt specs were hidden, EISDIR/ENOTDIR and a
 * deeply nested persona came back as `internal`. Each is now a typed error or a listed problem
 * naming the file, and the file is left as it was.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { folderName } from "../../electron/api/experiments-service.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testExperimentSpec } from "../support/experiments.js";
import { testPersona } from "../support/designs.js";
import { startHarness, type Harness } from "./studio-harness.js";
import { outcome } from "../support/outcome.js";

describe("files the studio cannot read are named, never hidden or misread", () => {
  let harness: Harness;
  let client: StudioClient;
  let model: string;
  beforeAll(async () => {
    model = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
  });
  afterAll(() => harness.close());

  it("a corrupt experiment.json is a corrupt file, not a different study, and stays as it was", async () => {
    const spec = testExperimentSpec(model, { name: "Broken study" });
    const file = path.join(harness.dataDirectory, "experiments", folderName(spec.name), "experiment.json");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"kind": "syndisco-studio.experiment", "spec": {');
    for (const command of ["experiments.plan", "experiments.start"] as const) {
      const answer = await outcome(client.call(command, { spec }));
      expect(answer.code, command).toBe("corrupt-file");
      expect(answer.message).toContain(file);
      expect(answer.message).not.toContain("different study");
    }
    expect(await readFile(file, "utf8")).toBe('{"kind": "syndisco-studio.experiment", "spec": {');
  });

  it("a corrupt models.json is a listed problem, and adding a model says the file is corrupt", async () => {
    const list = path.join(harness.dataDirectory, "models.json");
    await writeFile(list, "{ not json");
    const listed = await client.call("models.list", {});
    expect(listed.problems).toEqual([{ file: list, message: expect.stringContaining("is not valid JSON") }]);
    expect(await outcome(client.call("models.add", { path: model }))).toMatchObject({ code: "corrupt-file", message: expect.stringContaining(list) });
    expect(await readFile(list, "utf8")).toBe("{ not json");
    // A folder where the list goes: a file-system error naming it, not `internal`.
    await writeFile(list, "");
    const { rm } = await import("node:fs/promises");
    await rm(list);
    await mkdir(list);
    expect(await outcome(client.call("models.add", { path: model }))).toMatchObject({ code: "file-system", message: expect.stringMatching(/models\.json: a folder is where the studio expects a file; move it away \(EISDIR\)/) });
    await rm(list, { recursive: true });
  });

  it("a corrupt saved spec is listed as a problem beside the readable ones", async () => {
    await client.call("experiments.saveSpec", { spec: testExperimentSpec(model, { name: "Good" }) });
    const broken = path.join(harness.dataDirectory, "experiment-specs", "broken.json");
    await writeFile(broken, '{"name": "half a spec"');
    const { specs, problems } = await client.call("experiments.specs", {});
    expect(specs.map((spec) => spec.name)).toEqual(["Good"]);
    expect(problems).toEqual([{ file: broken, message: expect.stringContaining("not valid JSON") }]);
  });

  it("a file where a folder goes is a file-system error naming it", async () => {
    const designs = path.join(harness.dataDirectory, "designs");
    await writeFile(path.join(harness.dataDirectory, "experiment-specs-file"), "");
    const { rm } = await import("node:fs/promises");
    await rm(designs, { recursive: true, force: true });
    await writeFile(designs, "not a folder");
    const answer = await outcome(client.call("designs.list", {}));
    expect(answer.code).toBe("file-system");
    expect(answer.message).toContain(designs);
    await rm(designs);
  });

  it("a persona nested thousands of levels deep is a bad request, saved or imported", async () => {
    let deep: unknown = 1;
    for (let level = 0; level < 3000; level++) deep = { a: deep };
    const persona = { ...testPersona("deep"), extra: deep };
    expect(await outcome(client.call("personas.save", { persona }))).toEqual({ code: "bad-request", message: "invalid input for personas.save: nested more than 200 levels deep" });
    const imported = await outcome(client.call("personas.importFile", { file: { fileName: "deep.json", content: JSON.stringify([persona]) } }));
    expect(imported).toEqual({ code: "bad-request", message: "deep.json: nested more than 200 levels deep" });
  });
});
