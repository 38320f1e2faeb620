/** The README's first command line: the bundled example design with a model of one's own, nothing from ../shared. */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli } from "../support/cli.js";

it("cli run resources/designs/example-design.json --model <file> runs the example and writes its files", async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), "cli-example-"));
  try {
    const result = await runCli(["run", "resources/designs/example-design.json", "--model", await ensureTinyModel(), "--turns", "2", "--max-tokens", "8", "--out", out]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("User jojo_parent posted:");
    const written = (await readdir(out, { recursive: true })).map(String);
    expect(written.some((name) => name.endsWith(".json") && !name.endsWith(".run.json"))).toBe(true);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

it("without --model the example design says what is missing", async () => {
  const result = await runCli(["run", "resources/designs/example-design.json"]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain("--model <file.gguf> is required");
});
