import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { populationSpecSchema, type PopulationSpec } from "../../shared/domain/population.js";
import type { PoolProfile } from "../../shared/domain/population-profile.js";
import { populationPresets } from "../../shared/population/presets.js";
import { checkFeasibility } from "../../shared/population/rules.js";
import { parseCountsCsv, fieldForColumn } from "../../shared/population/counts-csv.js";
import { applyCountsTable } from "../../shared/population/apply-counts.js";
import { fieldProfileChart } from "../../shared/plots/profile-chart.js";
import { samplePool } from "../engine/population/sample-pool.js";
import { profilePool } from "../engine/population/profile.js";
import { LlamaChatModel } from "../llm/llama-chat-model.js";
import { defaultThreadCount } from "../llm/llama-runtime.js";
import { parsePersonasFile } from "../storage/personas-file.js";
import { writePool } from "../storage/population-files.js";
import { appVersion } from "../app-version.js";
import { CliError } from "./cli-error.js";
import { integerFlag, numberFlag, parseFlags } from "./parse-flags.js";
import { readJsonFile } from "./read-json-file.js";
import { profileTable } from "./profile-table.js";

/** `population <verb> ...`: loaded only when the command runs, so other commands start faster. */
export async function runPopulation(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case "presets":
      for (const preset of populationPresets) process.stdout.write(`${preset.id.padEnd(16)} ${preset.spec.name}\n`);
      return 0;
    case "preset":
      return writePreset(rest);
    case "check":
      return check(rest);
    case "sample":
      return sample(rest);
    case "profile":
      return profile(rest);
    case "import-counts":
      return importCounts(rest);
    default:
      throw new CliError('population needs one of: presets, preset, check, sample, profile, import-counts (try --help)');
  }
}

export function readPopulationSpec(file: string): Promise<PopulationSpec> {
  return readJsonFile(file, populationSpecSchema, "population spec");
}

async function writePreset(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: "string" } }, true);
  const preset = populationPresets.find((candidate) => candidate.id === positionals[0]);
  if (!preset) throw new CliError(`no preset "${positionals[0] ?? ""}"; presets: ${populationPresets.map((p) => p.id).join(", ")}`);
  const text = `${JSON.stringify(preset.spec, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  return 0;
}

async function check(args: string[]): Promise<number> {
  const { positionals } = parseFlags(args, {}, true);
  if (positionals.length !== 1) throw new CliError("population check takes one spec file");
  const spec = await readPopulationSpec(positionals[0] as string);
  const feasibility = checkFeasibility(spec);
  if (feasibility.feasible === false) throw new CliError(`${positionals[0]}: ${feasibility.message}`);
  if (feasibility.feasible === "unknown") process.stderr.write(`warning: ${feasibility.message}\n`);
  process.stdout.write(`${positionals[0]}: ${spec.name}: valid\n`);
  return 0;
}

async function sample(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      size: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      model: { type: "string" },
      "leave-llm-empty": { type: "boolean" },
      temperature: { type: "string" },
      threads: { type: "string" },
      "context-size": { type: "string" },
      taken: { type: "string" },
      figures: { type: "string" },
    },
    true,
  );
  if (positionals.length !== 1) throw new CliError("population sample takes one spec file");
  if (!values.out) throw new CliError("--out <pool.json> is required");
  if (!values.out.endsWith(".json")) throw new CliError("--out must name a .json file (the pool's personas file)");
  if (values.size === undefined) throw new CliError("--size N is required");
  const spec = await readPopulationSpec(positionals[0] as string);
  const size = integerFlag(values.size, "size", 0, 1);
  const seed = integerFlag(values.seed, "seed", 1, 0);
  const taken = values.taken ? await readTakenUsernames(values.taken) : [];
  const model = values.model
    ? await LlamaChatModel.load(values.model, {
        threads: integerFlag(values.threads, "threads", defaultThreadCount(), 1),
        contextSize: integerFlag(values["context-size"], "context-size", 4096, 64),
      }).catch((error: unknown) => {
        throw new CliError(`cannot load the model ${values.model}: ${error instanceof Error ? error.message : String(error)}`);
      })
    : undefined;
  try {
    const pool = await samplePool(spec, {
      size,
      seed,
      taken,
      model,
      leaveLlmFieldsEmpty: values["leave-llm-empty"] ?? false,
      temperature: numberFlag(values.temperature, "temperature", 0.8, 0, 2),
      onProgress: (done, total) => process.stderr.write(`\rthe LLM wrote ${done} of ${total} personas`),
    }).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error));
    });
    if (model) process.stderr.write("\n");
    const directory = path.dirname(values.out);
    await mkdir(directory, { recursive: true });
    const files = await writePool(directory, path.basename(values.out, ".json"), pool.personas, { ...pool.record, createdAt: new Date().toISOString(), app: appVersion });
    process.stdout.write(profileTable(pool.profile));
    if (values.figures) await writeFigures(pool.profile, values.figures);
    process.stdout.write(`${files.personasFile}\n${files.recordFile}\n`);
    return 0;
  } finally {
    await model?.dispose();
  }
}

async function profile(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { figures: { type: "string" }, json: { type: "boolean" } }, true);
  if (positionals.length !== 2) throw new CliError("population profile takes a spec file and a personas file");
  const spec = await readPopulationSpec(positionals[0] as string);
  const personas = await readPersonas(positionals[1] as string);
  const result = profilePool(spec, personas);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : profileTable(result));
  if (values.figures) await writeFigures(result, values.figures);
  return 0;
}

async function importCounts(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: "string" }, fields: { type: "string" } }, true);
  if (positionals.length !== 2) throw new CliError("population import-counts takes a spec file and a CSV file");
  if (!values.out) throw new CliError("--out <spec.json> is required");
  const spec = await readPopulationSpec(positionals[0] as string);
  const csv = await readFile(positionals[1] as string, "utf8").catch(() => {
    throw new CliError(`cannot read ${positionals[1]}`);
  });
  try {
    const table = parseCountsCsv(csv);
    const fields = values.fields ? values.fields.split(",").map((field) => field.trim()) : table.columns.map(fieldForColumn);
    const next = applyCountsTable(spec, table, fields);
    await writeFile(values.out, `${JSON.stringify(next, null, 2)}\n`);
    process.stdout.write(`${values.out}: ${fields.join(" x ")} from ${table.rows.length} rows of ${positionals[1]}\n`);
    return 0;
  } catch (error) {
    throw new CliError(`${positionals[1]}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readPersonas(file: string) {
  const text = await readFile(file, "utf8").catch(() => {
    throw new CliError(`cannot read personas file ${file}`);
  });
  try {
    const parsed = parsePersonasFile(text);
    for (const problem of parsed.problems) process.stderr.write(`warning: ${file}: entry ${problem.index}: ${problem.reason} (left out)\n`);
    return parsed.personas;
  } catch (error) {
    throw new CliError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readTakenUsernames(file: string): Promise<string[]> {
  const personas = await readPersonas(file);
  return z.array(z.string()).parse(personas.map((persona) => persona.username));
}

async function writeFigures(result: PoolProfile, directory: string): Promise<void> {
  // Vega and resvg load only when figures are asked for: every other command starts faster.
  const { chartToPng, chartToSvg } = await import("../plots/render-chart.js");
  await mkdir(directory, { recursive: true });
  for (const field of result.fields) {
    const spec = fieldProfileChart(field, result.size);
    const stem = path.join(directory, field.field.replace(/[^A-Za-z0-9_-]+/g, "-"));
    await writeFile(`${stem}.svg`, await chartToSvg(spec));
    await writeFile(`${stem}.png`, await chartToPng(spec));
  }
  process.stderr.write(`figures: ${directory}\n`);
}
