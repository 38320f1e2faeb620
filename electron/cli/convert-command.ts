import path from "node:path";
import { realpathSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags } from "./parse-flags.js";
import { importDiscussionFile } from "../storage/discussion-import.js";
import { serializeLegacyDiscussion } from "../storage/legacy-format.js";
import { serializeV2Discussion } from "../storage/v2-format.js";

const help = `Usage: syndisco-studio convert <files...> --to legacy|v2 --out <dir>

Reads SynDisco discussion files (legacy 1.x/2.0.x or the newer 2.1+ format) and writes each
in the chosen format to <dir>, under the same file name. A file that cannot be read is
reported and skipped; the exit code is 1 if any was skipped.`;

/** Every output goes to <out>/<input's name>: none may be an input, nor two outputs the same file. */
function refuseOverwritingInputs(files: readonly string[], out: string): void {
  const inputs = new Set(files.map((file) => realOrResolved(file)));
  const targets = new Map<string, string>();
  for (const file of files) {
    const target = realOrResolved(path.join(out, path.basename(file)));
    if (inputs.has(target)) throw new CliError(`convert would write over its input ${file}: choose another --out folder`);
    const other = targets.get(target);
    if (other !== undefined) throw new CliError(`${other} and ${file} would both be written to ${target}: convert them into separate folders`);
    targets.set(target, file);
  }
}

/** The file's real path when it exists (so a link or "dir/../x" is recognised), else its absolute path. */
function realOrResolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

export const convertCommand: CliCommand = {
  name: "convert",
  summary: "re-export SynDisco discussion files as legacy or v2",
  help,
  async run(args) {
    const { values, positionals } = parseFlags(args, { to: { type: "string" }, out: { type: "string" } }, true);
    if (positionals.length === 0) throw new CliError("convert needs at least one file");
    if (values.to !== "legacy" && values.to !== "v2") throw new CliError(`--to must be legacy or v2, got "${values.to ?? ""}"`);
    if (!values.out) throw new CliError("--out <dir> is required");
    refuseOverwritingInputs(positionals, values.out);
    await mkdir(values.out, { recursive: true });
    let failed = 0;
    for (const file of positionals) {
      const text = await readFile(file, "utf8").catch(() => null);
      const result = text === null ? null : importDiscussionFile(text, path.basename(file));
      if (!result?.ok) {
        failed++;
        process.stderr.write(`skipped ${file}: ${result ? result.error.message : "cannot read the file"}\n`);
        continue;
      }
      const output = values.to === "legacy" ? serializeLegacyDiscussion(result.value) : serializeV2Discussion(result.value);
      const target = path.join(values.out, path.basename(file));
      await writeFile(target, output, "utf8");
      process.stdout.write(`${target}\n`);
    }
    return failed > 0 ? 1 : 0;
  },
};
