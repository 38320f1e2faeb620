import type { CliCommand } from "./command.js";

const help = `Usage: syndisco-studio population <verb> ...

  presets                                  lists the population specs we ship
  preset <id> [--out spec.json]            writes one of them (edit it, then sample from it)
  check <spec.json>                        validates a spec: weights, bands, tables, and rules no persona can satisfy
  sample <spec.json> --size N --out <pool.json> [--seed S] [--model file.gguf] [--leave-llm-empty]
         [--temperature T] [--threads N] [--context-size N] [--taken personas.json] [--figures <dir>]
                                           draws N personas: <pool.json> is a SynDisco personas file,
                                           <pool>.population.json beside it records the spec, seed and LLM prompts;
                                           prints each field's drawn shares against the target
  profile <spec.json> <personas.json> [--figures <dir>] [--json]
                                           any personas file against a spec: chi-square and total variation per field
  import-counts <spec.json> <table.csv> --out <spec.json> [--fields age,sex]
                                           puts a census-style table of counts into a spec (one category
                                           column: that field's weights; several: a joint table)

--figures writes one SVG and one PNG per field (Vega-Lite; the Personas view draws the same).`;

export const populationCommand: CliCommand = {
  name: "population",
  summary: "population specs: presets, check, sample a persona pool, profile it against the target",
  help,
  async run(args) {
    const { runPopulation } = await import("./population-verbs.js");
    return runPopulation(args);
  },
};
