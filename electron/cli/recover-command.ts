import path from "node:path";
import { readdir, stat } from "node:fs/promises";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags } from "./parse-flags.js";
import { recoverJournal } from "../storage/run-files.js";
import { buildDiscussionLog } from "../engine/discussion-log.js";
import { RECORDS_FOLDER } from "../storage/run-layout.js";

const help = `Usage: syndisco-studio recover <dir | file.journal.jsonl>...

After a crash or a kill, turns each unfinished run's journal into a valid SynDisco file and
run record (status "recovered") holding every comment that was finished. A folder is an
output folder (its records/ is searched) or a folder of journals.`;

export const recoverCommand: CliCommand = {
  name: "recover",
  summary: "recover unfinished runs from their journals",
  help,
  async run(args) {
    const { positionals } = parseFlags(args, {}, true);
    if (positionals.length === 0) throw new CliError("recover needs a folder or a journal file");
    const journals: string[] = [];
    for (const target of positionals) {
      const info = await stat(target).catch(() => null);
      if (!info) throw new CliError(`not found: ${target}`);
      if (info.isDirectory()) {
        for (const folder of [target, path.join(target, RECORDS_FOLDER)]) {
          for (const name of await readdir(folder).catch(() => [] as string[])) if (name.endsWith(".journal.jsonl")) journals.push(path.join(folder, name));
        }
      } else {
        journals.push(target);
      }
    }
    let failed = 0;
    for (const journal of journals) {
      try {
        const paths = await recoverJournal(journal, buildDiscussionLog);
        process.stdout.write(`${paths.discussion}\n`);
      } catch (error) {
        failed++;
        process.stderr.write(`could not recover ${journal}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    if (journals.length === 0) process.stderr.write("no unfinished runs found\n");
    return failed > 0 ? 1 : 0;
  },
};
