import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const personas = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");

describe("cli errors: one clear line, non-zero exit, never a stack", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "syndisco-cli-errors-"));
    await writeFile(path.join(dir, "not-a-model.gguf"), "this is plain text, not a model");
    await writeFile(path.join(dir, "broken-personas.json"), '[{"username": "a"},');
  });

  const cases: [string, () => string[], RegExp][] = [
    ["unknown flag", () => ["run", "--bogus", "1"], /Unknown option '--bogus'/],
    ["bad number", () => ["run", "--model", "x.gguf", "--personas", personas, "--turns", "many"], /--turns must be an integer/],
    ["missing model", () => ["run", "--model", path.join(dir, "missing.gguf"), "--personas", personas, "--users", "2"], /model file not found/],
    ["non-GGUF model", () => ["run", "--model", path.join(dir, "not-a-model.gguf"), "--personas", personas, "--users", "2"], /not a GGUF model file/],
    ["malformed personas", () => ["run", "--model", "m.gguf", "--personas", path.join(dir, "broken-personas.json"), "--users", "2"], /personas file .*broken-personas\.json/],
    ["unknown moderator", () => ["run", "--model", "m.gguf", "--personas", personas, "--moderator", "nobody"], /moderator "nobody" is not in the personas file/],
    ["too many users", () => ["run", "--model", "m.gguf", "--personas", personas, "--users", "50"], /--users 50: the personas file has 8 eligible personas/],
    ["bad turn manager", () => ["run", "--model", "m.gguf", "--personas", personas, "--turn-manager", "chaos"], /--turn-manager must be/],
    ["unknown command", () => ["dance"], /unknown command "dance"/],
    ["replay of a non-record", () => ["replay", personas], /run record .*personas\.json: /],
    ["convert without --to", () => ["convert", personas, "--out", dir], /--to must be legacy or v2/],
    ["a negative number", () => ["run", "--model", "m.gguf", "--personas", personas, "--turns", "-1"], /--turns must be an integer ≥ 0, got "-1"/],
    ["convert over its own input", () => ["convert", personas, "--to", "v2", "--out", path.dirname(personas)], /convert would write over its input/],
  ];

  it.each(cases)("%s", async (_name, args, message) => {
    const result = await runCli(args());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("--help works for every command", async () => {
    for (const command of ["run", "replay", "convert", "recover"]) {
      const result = await runCli([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: syndisco-studio ${command}`);
    }
  });
});
