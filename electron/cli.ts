#!/usr/bin/env node
import { CliError } from "./cli/cli-error.js";
import type { CliCommand } from "./cli/command.js";
import { runCommand } from "./cli/run-command.js";
import { replayCommand } from "./cli/replay-command.js";
import { convertCommand } from "./cli/convert-command.js";
import { recoverCommand } from "./cli/recover-command.js";
import { experimentCommand } from "./cli/experiment-command.js";
import { annotateCommand } from "./cli/annotate-command.js";
import { modelsCommand } from "./cli/models-command.js";
import { analyzeCommand } from "./cli/analyze-command.js";
import { populationCommand } from "./cli/population-command.js";

const commands: CliCommand[] = [runCommand, replayCommand, convertCommand, recoverCommand, experimentCommand, annotateCommand, modelsCommand, analyzeCommand, populationCommand];

function usage(): string {
  const lines = commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return ["Usage: syndisco-studio <command> [options]", "", "Commands:", ...lines, "", "Run `<command> --help` for a command's options."].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new CliError(`unknown command "${name}" (try --help)`);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    if (process.env.SYNDISCO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
