import path from "node:path";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags } from "./parse-flags.js";
import { throttled } from "../api/throttle.js";

const help = `Usage: syndisco-studio analyze <study folder> --out <dir> [--no-cache]

Measures every discussion of a study (the folder \`experiment run\` wrote, or any folder of
SynDisco discussion files) and writes to <dir>:
  dataset/comments.csv|.parquet      one row per comment: ids, turn, author, role, persona,
                                     model, the study's factors, every measure and annotation
  dataset/discussions.csv|.parquet   one row per discussion
  dataset/codebook.csv               every column with its pandas dtype and meaning
  analysis.py                        loads the dataset with pandas, redraws the figures and fits
                                     measure ~ condition * turn with a random intercept per
                                     discussion (statsmodels MixedLM)

Measures are cached in <study folder>/measures-cache.json and recomputed only for files that
changed (--no-cache ignores and keeps no cache). A discussion file that cannot be read is named
on stderr and the rest is analysed; the exit code is then 1.`;

export const analyzeCommand: CliCommand = {
  name: "analyze",
  summary: "measures, dataset (CSV, Parquet) and a Python script of a study",
  help,
  async run(args) {
    const { values, positionals } = parseFlags(args, { out: { type: "string" }, "no-cache": { type: "boolean" } }, true);
    if (positionals.length !== 1) throw new CliError("analyze needs exactly one study folder");
    if (!values.out) throw new CliError("--out <dir> is required");
    const folder = positionals[0] as string;
    // Loaded here, not at start-up: every other command would pay for the statistics and Parquet code.
    const [{ measureStudy }, { writeStudyReport }, { StudyFolderError }] = await Promise.all([
      import("../engine/analysis/study-measures.js"),
      import("../engine/analysis/write-report.js"),
      import("../storage/study-folder.js"),
    ]);
    const progress = process.stderr.isTTY
      ? throttled(([done, total]: [number, number]) => process.stderr.write(`\rmeasuring ${done}/${total} discussions\x1b[K`), 200)
      : throttled(([done, total]: [number, number]) => process.stderr.write(`measuring ${done}/${total} discussions\n`), 5000);
    let study;
    try {
      study = await measureStudy(folder, { cache: !values["no-cache"], onProgress: (done, total) => progress([done, total]) });
    } catch (error) {
      if (error instanceof StudyFolderError) throw new CliError(error.message);
      throw error;
    } finally {
      progress.flush();
      if (process.stderr.isTTY) process.stderr.write("\n");
    }
    const measured = study.discussions.filter((discussion) => discussion.measured).length;
    process.stderr.write(`${study.study.name}: ${measured} of ${study.discussions.length} discussions measured (${study.fromCache} from the cache)\n`);
    const report = await writeStudyReport(study, values.out);
    for (const file of report.files) process.stdout.write(`${path.join(values.out, file)}\n`);
    const problems = [...study.problems, ...report.problems];
    for (const problem of problems) process.stderr.write(`not analysed: ${problem.file}: ${problem.message}\n`);
    return problems.length > 0 ? 1 : 0;
  },
};
