import { stat } from "node:fs/promises";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags, integerFlag } from "./parse-flags.js";
import { designFromFlags } from "./design-from-flags.js";
import { runDesignFromCli } from "./run-discussion.js";
import { cliServerProfiles, serverFlagOptions, serverFlagsHelp } from "./server-flags.js";
import { migrateRunFolder, type MigrationReport } from "../storage/run-folder-migration.js";

const help = `Usage: syndisco-studio run [design.json] [options]

Runs one discussion, printing it as it is written, and saves a SynDisco (legacy) file
<out>/discussions/<id>.json (that folder holds SynDisco files only: give it to SynDisco's
loader) with its run record <out>/records/<id>.run.json.

Discussion (flags override a design file's values):
  --model <file.gguf>          the model every actor uses (llama.cpp)
${serverFlagsHelp}
  --moderator-model <file>     the moderator speaks with this GGUF instead
  --personas <file>            a SynDisco personas file (JSON array)
  --users <n | a,b,c>          sample n participants with the seed (never the moderator), or name them
  --moderator <username>       that persona moderates, with our default moderator instructions
  --moderator-instructions <t> override the moderator's instructions
  --instructions <text>        the participants' instructions
  --context <text>             the shared context
  --turns <n>                  turns (default 5)
  --window <n>                 history window: comments each speaker sees (default 5)
  --turn-manager <kind>        round-robin | random-weighted[:p] (default round-robin);
                               random-weighted:syndisco-2.0 is the order SynDisco 2.0.x really drew
                               (p has no effect there), for replicating studies run with it;
                               talkativeness[:p] answers mentions with probability p (weights from a
                               design file); llm-selected lets the design's model name each speaker.
                               A design whose turns a person picks (manual) runs its fallback here.
  --seed-comment "<a>: <text>" a seed comment by author a, the text exactly as given (repeatable)
  --prompt-style <style>       syndisco-2.0 (default: 2.0.x prompts, legacy file) or syndisco-2.2
                               (2.2's prompts, a 2.1+ file with each comment's prompt)
Values that begin with "-" are fine: --instructions "- Act as ...", --turns -1 (refused as < 0).
Generation:
  --seed <n>                   master seed: participants, turn order, sampling (default 42)
  --temperature <t>            0 = greedy (default 0.7)
  --max-tokens <n>             reply cap (default 300)
  --stop <text>                stop string (repeatable)
  --threads <n>                CPU threads (default 1 on 2-core machines)
  --context-size <n>           tokens per actor sequence (default 4096)
Output:
  --out <dir>                  output folder (default ./runs)
  --quiet                      do not print the transcript`;

export const runCommand: CliCommand = {
  name: "run",
  summary: "run a discussion from a design file or flags",
  help,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      {
        model: { type: "string" },
        ...serverFlagOptions,
        "moderator-model": { type: "string" },
        personas: { type: "string" },
        users: { type: "string" },
        moderator: { type: "string" },
        "moderator-instructions": { type: "string" },
        instructions: { type: "string" },
        context: { type: "string" },
        turns: { type: "string" },
        window: { type: "string" },
        "turn-manager": { type: "string" },
        "prompt-style": { type: "string" },
        "seed-comment": { type: "string", multiple: true },
        seed: { type: "string" },
        temperature: { type: "string" },
        "max-tokens": { type: "string" },
        stop: { type: "string", multiple: true },
        threads: { type: "string" },
        "context-size": { type: "string" },
        out: { type: "string" },
        quiet: { type: "boolean" },
      },
      true,
    );
    if (positionals.length > 1) throw new CliError(`run takes at most one design file, got ${positionals.length}`);
    const design = await designFromFlags({ ...values, design: positionals[0] }, (line) => process.stderr.write(`warning: ${line}\n`));
    const out = values.out ?? "runs";
    // Runs an earlier version wrote side by side in this folder move to the current layout first.
    reportMigration(await migrateRunFolder(out));
    const result = await runDesignFromCli(design, {
      outputDirectory: out,
      threads: values.threads === undefined ? undefined : integerFlag(values.threads, "threads", 1, 1),
      contextSize: values["context-size"] === undefined ? undefined : integerFlag(values["context-size"], "context-size", 4096, 64),
      quiet: values.quiet,
      servers: cliServerProfiles(values),
    });
    if (result.error) process.stderr.write(`error: ${result.error}\n`);
    if (await exists(result.paths.discussion)) process.stdout.write(`${result.paths.discussion}\n`);
    else process.stderr.write("no comment was written, so no discussion file (SynDisco's loader cannot read one without comments)\n");
    process.stderr.write(`run record: ${result.paths.runRecord} (${result.status})\n`);
    return result.status === "failed" ? 1 : 0;
  },
};

const exists = (file: string) => stat(file).then(() => true, () => false);

function reportMigration({ moved, kept }: MigrationReport): void {
  if (moved > 0) process.stderr.write(`moved ${moved} files of earlier runs into discussions/ and records/\n`);
  for (const { file, reason } of kept) process.stderr.write(`warning: left ${file} where it was: ${reason}\n`);
}
