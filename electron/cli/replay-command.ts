import path from "node:path";
import { readJsonFile } from "./read-json-file.js";
import { runRecordSchema, type RunRecord } from "../../shared/domain/index.js";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags } from "./parse-flags.js";
import { runDesignFromCli } from "./run-discussion.js";
import { runRootOf } from "../storage/run-layout.js";
import { cliServerProfiles, serverFlagOptions, serverFlagsHelp } from "./server-flags.js";

const help = `Usage: syndisco-studio replay <id.run.json> [--out <dir>] [--quiet] [server flags]

Runs a discussion again from its run record: the same design, seeds, model file, threads
and context size. On the same machine, model and backend it writes the same comments.
The replay gets a new id; --out defaults to the output folder the record is in. A run on a server replays
through the server profile it names (from --data), or, for a run made with --base-url, the
same server flags again:
${serverFlagsHelp}`;

export const replayCommand: CliCommand = {
  name: "replay",
  summary: "run a discussion again from its run record",
  help,
  async run(args) {
    const { values, positionals } = parseFlags(args, { out: { type: "string" }, quiet: { type: "boolean" }, ...serverFlagOptions }, true);
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new CliError("replay takes exactly one run record (<id>.run.json)");
    const record = await readRunRecord(file);
    const result = await runDesignFromCli(record.design, {
      outputDirectory: values.out ?? runRootOf(file) ?? path.dirname(file),
      threads: record.runtime.threads,
      contextSize: record.runtime.contextSize,
      quiet: values.quiet,
      // What a person picked in manual turn-taking cannot be asked again: it is taken from the record.
      replaySpeakerChoices: record.speakerChoices ?? [],
      servers: cliServerProfiles(values),
    });
    if (result.error) process.stderr.write(`error: ${result.error}\n`);
    process.stdout.write(`${result.paths.discussion}\n`);
    return result.status === "failed" ? 1 : 0;
  },
};

export function readRunRecord(file: string): Promise<RunRecord> {
  return readJsonFile(file, runRecordSchema, "run record");
}
