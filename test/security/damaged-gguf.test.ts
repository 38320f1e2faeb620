/**
 * Issue 11 item 1, end to end: one damaged byte in a GGUF used to abort the whole process
 * (exit 134) wherever a model was read. Every path that reads a model now refuses a damaged
 * file with a clear message and keeps serving: the Models page's list, info, add, fit and
 * load, discussion start, experiment plan, `serve --model`, and the CLI's `run` and
 * `models info|list`.
 */
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { writeDamagedGgufs, type GgufDamage } from "../fixtures/damaged-gguf/damaged-gguf.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli } from "../support/cli.js";
import { testDesign } from "../support/designs.js";
import { testExperimentSpec } from "../support/experiments.js";
import { startHarness, type Harness } from "../api/studio-harness.js";
import { outcome } from "../support/outcome.js";

const SHOWN: GgufDamage[] = ["key length 2^31 + 16", "magic only", "version 99", "tensor name length 2^31 + 1"];

describe("damaged GGUF files through the studio", () => {
  let harness: Harness;
  let client: StudioClient;
  let files: Map<GgufDamage, string>;
  let tiny: string;

  beforeAll(async () => {
    harness = await startHarness();
    client = harness.client("in-process");
    // The damaged files sit in the models folder, where every listing reads them.
    files = await writeDamagedGgufs(path.join(harness.dataDirectory, "models"));
    tiny = path.join(harness.dataDirectory, "models", "tiny.gguf");
    await copyFile(await ensureTinyModel(), tiny);
  });
  afterAll(() => harness.close());

  it("the models list shows each damaged file with its problem beside the good model", async () => {
    const { models } = await client.call("models.list", {});
    expect(models.find((entry) => entry.path === tiny)).toMatchObject({ error: null, info: { architecture: "llama" } });
    for (const [damage, file] of files) {
      const entry = models.find((candidate) => candidate.path === file);
      expect(entry, damage).toMatchObject({ info: null, error: expect.stringContaining(file) });
    }
  });

  it.each(SHOWN)("%s: info, add, fit, load, discussion start and plan answer bad-request naming the file", async (damage) => {
    const file = files.get(damage) as string;
    for (const call of [
      () => client.call("models.info", { path: file }),
      () => client.call("models.add", { path: file }),
      () => client.call("models.fit", { path: file }),
      () => client.call("models.load", { path: file }),
      () => client.call("discussion.start", { design: testDesign(file, { turns: 1 }) }),
    ]) {
      const error = await outcome(call());
      expect(error.code).toBe("bad-request");
      expect(error.message).toContain(file);
      expect(error.message).toMatch(/GGUF/);
    }
    const plan = await client.call("experiments.plan", { spec: testExperimentSpec(file) });
    expect(plan.parallel.reason).toContain(file);
    // Still serving: the good model reads as before.
    await expect(client.call("models.info", { path: tiny })).resolves.toMatchObject({ architecture: "llama" });
  });
});

describe("damaged GGUF files on the command line and in web mode", () => {
  let files: Map<GgufDamage, string>;
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "syndisco-damaged-cli-"));
    files = await writeDamagedGgufs(path.join(folder, "models"));
  });

  it("models info on a string length between 2^31 and 2^32 exits 1 with the problem (it aborted with 134)", async () => {
    const file = files.get("key length 2^31 + 16") as string;
    const result = await runCli(["models", "info", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: damaged GGUF header in ${file}: the key of metadata entry 0 claims a length of 2147483664 bytes (at most 65536 make sense)\n`);
  });

  it("models list names every damaged file and exits 0", async () => {
    const result = await runCli(["models", "list", "--dir", path.join(folder, "models"), "--data", path.join(folder, "data"), "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { models: { path: string; error: string | null }[] };
    expect(listed.models.map((model) => model.path).sort()).toEqual([...files.values()].sort());
    expect(listed.models.every((model) => model.error !== null)).toBe(true);
  });

  it("run --model on a 4-byte GGUF exits 2 (the CLI's code for bad input) with the problem", async () => {
    const file = files.get("magic only") as string;
    const result = await runCli(["run", "--model", file, "--personas", path.resolve(import.meta.dirname, "../fixtures/cli/personas.json"), "--users", "2", "--turns", "1", "--out", path.join(folder, "runs")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`not a complete GGUF file (4 bytes; a header alone takes 24): ${file}`);
  });

  it("serve --model on version 99 exits 1 with the problem instead of serving or aborting", async () => {
    const file = files.get("version 99") as string;
    await mkdir(path.join(folder, "web-data"), { recursive: true });
    const server = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../electron/server.ts"), "--model", file, "--data", path.join(folder, "web-data")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => server.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`unknown GGUF version 99 (llama.cpp reads versions 2 and 3): ${file}`);
  });
});
