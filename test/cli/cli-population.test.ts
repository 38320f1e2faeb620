import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli } from "../support/cli.js";
import { populationCommand } from "../../electron/cli/population-command.js";
import { parsePersonasFile } from "../../electron/storage/personas-file.js";
import { poolRecordSchema } from "../../shared/domain/population-pool.js";
import { populationSpecSchema } from "../../shared/domain/population.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/population");

/** Runs `population <args>` in this process (a spawned CLI start is slow on a loaded machine); returns what it printed. */
async function population(args: string[]): Promise<{ stdout: string; code: number }> {
  let stdout = "";
  const write = process.stdout.write.bind(process.stdout);
  const writeError = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { code: await populationCommand.run(args), stdout };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeError;
  }
}

// Each test spawns the CLI a few times; on a loaded machine a start alone can take many seconds.
describe("cli population", { timeout: 240_000 }, () => {
  let model: string;
  let out: string;
  beforeAll(async () => {
    model = await ensureTinyModel();
    out = await mkdtemp(path.join(os.tmpdir(), "syndisco-population-"));
  });

  it("samples a pool whose free-text fields the LLM writes under a grammar: every persona validates, the record beside it has the spec, seed and prompts", async () => {
    const pool = path.join(out, "town.json");
    const args = ["population", "sample", path.join(fixtures, "town-hall.json"), "--size", "8", "--seed", "5", "--model", model, "--threads", "1", "--out", pool, "--figures", path.join(out, "figures")];
    const result = await runCli(args);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const parsed = parsePersonasFile(await readFile(pool, "utf8"));
    expect(parsed.problems).toEqual([]);
    expect(parsed.personas).toHaveLength(8);
    for (const persona of parsed.personas) {
      expect(persona.personality_characteristics.length).toBeGreaterThanOrEqual(1);
      expect(persona.personality_characteristics.length).toBeLessThanOrEqual(2);
      expect(persona.special_instructions.length).toBeLessThanOrEqual(40);
      if (persona.age === "16-17") expect(persona.current_employment).toBe("Student");
    }
    const record = poolRecordSchema.parse(JSON.parse(await readFile(path.join(out, "town.population.json"), "utf8")));
    expect(record).toMatchObject({ personasFile: "town.json", seed: 5, size: 8, spec: { name: "Town hall commenters" } });
    expect(record.completion?.personas.map((entry) => entry.username)).toEqual(parsed.personas.map((persona) => persona.username));
    expect(record.completion?.personas[0]?.user).toContain('"current_employment"');
    // The table printed: each field against its target, with the fit.
    expect(result.stdout).toMatch(/current employment: χ²\(3\) = \d+\.\d\d, p [=<] [\d.]+ · TV = [\d.]+ · n = 8/);
    expect(result.stdout).toContain("personality characteristics: written by the LLM for 8 of 8");
    expect((await readdir(path.join(out, "figures"))).sort()).toEqual(["age.png", "age.svg", "current_employment.png", "current_employment.svg", "sex.png", "sex.svg"]);

    // The same seed and model draw the same pool again.
    const again = await population([...args.slice(1, -4), "--out", path.join(out, "again.json")]);
    expect(again.code).toBe(0);
    expect(await readFile(path.join(out, "again.json"), "utf8")).toBe(await readFile(pool, "utf8"));
  });

  it("refuses, before drawing, a spec whose rules no persona satisfies and LLM fields without a model", async () => {
    const impossible = await runCli(["population", "check", path.join(fixtures, "impossible.json")]);
    expect(impossible.code).not.toBe(0);
    expect(impossible.stderr.trim()).toBe(
      `error: ${path.join(fixtures, "impossible.json")}: no persona can satisfy rule 1 (minors are not doctors: if age is at most 17 then current employment is not "Doctor"); check the rules against the distributions`,
    );
    await expect(population(["sample", path.join(fixtures, "town-hall.json"), "--size", "3", "--out", path.join(out, "x.json")])).rejects.toThrow(
      /leaves special instructions and personality characteristics to an LLM: choose a model/,
    );
    expect((await population(["sample", path.join(fixtures, "town-hall.json"), "--size", "3", "--leave-llm-empty", "--out", path.join(out, "empty.json")])).code).toBe(0);
    expect((await population(["check", path.join(fixtures, "town-hall.json")])).stdout).toContain("Town hall commenters: valid");
  });

  it("imports a census-style CSV (semicolons, spaced thousands) as a joint age x sex table, then profiles a personas file against the spec", async () => {
    const spec = path.join(out, "with-table.json");
    const imported = await population(["import-counts", path.join(fixtures, "town-hall.json"), path.join(fixtures, "age-by-sex.csv"), "--out", spec]);
    expect(imported.stdout).toContain("age x sex from 6 rows");
    const written = populationSpecSchema.parse(JSON.parse(await readFile(spec, "utf8")));
    expect(written.tables).toEqual([{ fields: ["age", "sex"], rows: expect.arrayContaining([{ values: ["16-17", "Female"], weight: 1200 }]) }]);
    expect(written.fields.age).toMatchObject({ kind: "age-bands", bands: [{ label: "16-17", min: 16, max: 17, weight: 2500 }, { label: "18-39", weight: 16200 }, { label: "40-79", weight: 19000 }] });

    await population(["sample", spec, "--size", "30", "--leave-llm-empty", "--out", path.join(out, "tabled.json")]);
    const profile = await population(["profile", spec, path.join(out, "tabled.json"), "--json"]);
    expect(profile.code).toBe(0);
    const fields = (JSON.parse(profile.stdout) as { fields: { field: string }[] }).fields.map((field) => field.field);
    expect(fields).toEqual(["age", "sex", "current_employment", "table:0"]);
  });
});
