import { rm, stat } from "node:fs/promises";
import path from "node:path";
import type { DiscussionDesign, DiscussionEvent, DiscussionLog, RunRecord } from "../../shared/domain/index.js";
import { syndiscoTimestamp } from "../../shared/domain/discussion-log.js";
import { serializeLegacyDiscussion } from "./legacy-format.js";
import { serializeV2Discussion } from "./v2-format.js";
import { JournalWriter, readJournal, type JournalEntry } from "./journal.js";
import { writeFileAtomic } from "./atomic-write.js";
import { DISCUSSIONS_FOLDER, RECORDS_FOLDER, removeStaleTemporaryFiles, runPaths, runRootOf, type RunPaths } from "./run-layout.js";

export { runPaths, type RunPaths } from "./run-layout.js";

type StartEntry = Extract<JournalEntry, { kind: "start" }>;

/** A file of a run that could not be written; the run's entries are all still in memory. */
export class RunSaveError extends Error {
  override readonly name = "RunSaveError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot write ${file}: ${reason}`);
  }
}

/**
 * Journals a running discussion and writes its SynDisco file and run record when it ends.
 * Every entry stays in memory; `record` may be called without awaiting, the writes are chained.
 * When a write fails (a full disk), writing stops, `onFailure` hears of it once, and nothing
 * is written again until `retry` or `relocate`: the entries wait in memory meanwhile.
 */
/**
 * Builds the SynDisco log of a run from its design and logged comments. The engine's
 * (engine/discussion-log.ts, which needs its prompt styles) is handed in by whoever records or
 * recovers a run, so storage does not depend on the engine.
 */
export type DiscussionLogBuilder = (
  discussionId: string,
  design: DiscussionDesign,
  comments: readonly { name: string; text: string; model: string }[],
  timestamp: string,
) => DiscussionLog;

export class DiscussionRecorder {
  private readonly entries: JournalEntry[] = [];
  /** How many entries the journal holds. */
  private written = 0;
  private writes: Promise<void> = Promise.resolve();
  private journal: JournalWriter | null = null;
  /** The write that failed and has not been retried or moved since. */
  failure: RunSaveError | null = null;
  /** Called when a write fails while the run goes on. */
  onFailure: (failure: RunSaveError) => void = () => undefined;

  private constructor(
    public paths: RunPaths,
    start: StartEntry,
    private readonly buildLog: DiscussionLogBuilder,
  ) {
    this.entries.push(start);
  }

  /** Journals into `<root>/records/`; the SynDisco file goes to `<root>/discussions/` (run-layout.ts). A failure to write the journal is reported through `failure`, not thrown, so the run can wait for space. */
  static async start(root: string, start: Omit<StartEntry, "kind" | "pid">, buildLog: DiscussionLogBuilder): Promise<DiscussionRecorder> {
    // The writer's pid lets a starting app tell a journal still being written from one a kill left.
    const recorder = new DiscussionRecorder(runPaths(root, start.discussionId), { kind: "start", ...start, pid: process.pid }, buildLog);
    await recorder.openJournal();
    return recorder;
  }

  record(event: DiscussionEvent): Promise<void> {
    const entry = journalEntryFor(event);
    if (!entry) return this.writes;
    this.entries.push(entry);
    return this.flush();
  }

  /** Writes what the journal lacks, to the same file; throws the RunSaveError when it still cannot. */
  async retry(): Promise<void> {
    await this.writes;
    this.failure = null;
    if (!this.journal) await this.openJournal();
    else await this.flush();
    if (this.failure) throw this.failure;
  }

  /** Continues in `directory` (the journal written there whole, the final files to follow); the old journal is removed. */
  async relocate(directory: string): Promise<void> {
    await this.writes;
    const previous = this.paths.journal;
    const paths = runPaths(directory, (this.entries[0] as StartEntry).discussionId);
    try {
      await writeFileAtomic(paths.journal, this.entries.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
    } catch (error) {
      throw (this.failure = new RunSaveError(paths.journal, error));
    }
    this.paths = paths;
    this.journal = await JournalWriter.create(paths.journal);
    this.written = this.entries.length;
    this.failure = null;
    await rm(previous, { force: true }).catch(() => undefined);
  }

  /** Ends the journal and writes the final files (temp + rename), then removes the journal; throws a RunSaveError when it cannot. */
  async finish(reason: "completed" | "stopped" | "failed"): Promise<RunPaths> {
    if (this.entries.at(-1)?.kind !== "end") this.entries.push({ kind: "end", reason, at: new Date().toISOString() });
    await this.flush();
    if (this.failure) throw this.failure;
    // The entries are all in memory, so the final files are whole even if the journal was not.
    await this.writeFinal(reason);
    await rm(this.paths.journal, { force: true });
    return this.paths;
  }

  private async writeFinal(reason: RunRecord["status"]): Promise<void> {
    const { record, logText } = summarizeJournal(this.entries, reason, this.buildLog);
    for (const [file, content] of [[this.paths.runRecord, `${JSON.stringify(record, null, 2)}\n`], [this.paths.discussion, logText]] as const) {
      try {
        await writeFileAtomic(file, content);
      } catch (error) {
        throw (this.failure = new RunSaveError(file, error));
      }
    }
  }

  private async openJournal(): Promise<void> {
    try {
      this.journal = await JournalWriter.create(this.paths.journal);
    } catch (error) {
      this.fail(error);
      return;
    }
    await this.flush();
  }

  private flush(): Promise<void> {
    this.writes = this.writes.then(async () => {
      while (!this.failure && this.journal && this.written < this.entries.length) {
        try {
          await this.journal.append(this.entries[this.written] as JournalEntry);
          this.written++;
        } catch (error) {
          this.fail(error);
        }
      }
    });
    return this.writes;
  }

  private fail(error: unknown): void {
    this.failure = new RunSaveError(this.paths.journal, error);
    this.onFailure(this.failure);
  }
}

function journalEntryFor(event: DiscussionEvent): JournalEntry | null {
  switch (event.type) {
    case "turn-start":
      return { kind: "turn", turn: event.turn, speaker: event.speaker };
    case "speaker-chosen": {
      const { type: _type, discussionId: _id, ...choice } = event;
      return { kind: "choice", choice };
    }
    case "comment":
      return { kind: "comment", index: event.index, comment: event.comment, stats: event.stats };
    case "silent-turn":
      return { kind: "silent-turn", turn: event.turn, speaker: event.speaker, stats: event.stats };
    default:
      return null;
  }
}

/** The run record and SynDisco log that a journal describes. */
export function summarizeJournal(entries: readonly JournalEntry[], status: RunRecord["status"], buildLog: DiscussionLogBuilder): { record: RunRecord; logText: string } {
  const start = entries[0];
  if (start?.kind !== "start") throw new Error("a journal must begin with a start entry");
  const end = entries.find((entry) => entry.kind === "end");
  const comments: RunRecord["comments"] = [];
  const logged: { name: string; text: string; model: string }[] = [];
  const speakers: string[] = [];
  const speakerChoices: RunRecord["speakerChoices"] = [];
  for (const entry of entries) {
    if (entry.kind === "choice") speakerChoices.push(entry.choice);
    if (entry.kind === "comment") {
      comments.push({ name: entry.comment.name, turn: entry.comment.turn, logged: true, stats: entry.stats });
      logged.push(entry.comment);
    } else if (entry.kind === "silent-turn") {
      comments.push({ name: entry.speaker, turn: entry.turn, logged: false, stats: entry.stats });
    } else if (entry.kind === "turn" && !(speakers.length > entry.turn)) {
      // Only the turn manager's pick starts a turn; the moderator's answer shares its number.
      speakers.push(entry.speaker);
    }
  }
  const record: RunRecord = {
    kind: "syndisco-studio.run",
    version: 1,
    discussionId: start.discussionId,
    startedAt: start.startedAt,
    finishedAt: end?.kind === "end" ? end.at : null,
    status,
    design: start.design,
    turnManagerSeed: start.turnManagerSeed,
    speakers,
    ...(speakerChoices.length > 0 ? { speakerChoices } : {}),
    models: start.models,
    runtime: start.runtime,
    comments,
  };
  const log = buildLog(start.discussionId, start.design, logged, syndiscoTimestamp(end?.kind === "end" ? new Date(end.at) : new Date()));
  return { record, logText: serializeDiscussion(log) };
}

/** The file the discussion's prompt style writes: SynDisco 2.0.x's legacy format or 2.1+'s. */
function serializeDiscussion(log: DiscussionLog): string {
  return log.sourceFormat === "v2" ? serializeV2Discussion(log) : serializeLegacyDiscussion(log);
}

async function writeRunFiles(paths: RunPaths, entries: readonly JournalEntry[], status: RunRecord["status"], buildLog: DiscussionLogBuilder): Promise<void> {
  const { record, logText } = summarizeJournal(entries, status, buildLog);
  await writeFileAtomic(paths.runRecord, `${JSON.stringify(record, null, 2)}\n`);
  // A file without comments is no discussion, and SynDisco's loader fails on one (it explodes an
  // empty "logs" into a row without a name): the run record alone says what happened.
  if (record.comments.some((comment) => comment.logged)) await writeFileAtomic(paths.discussion, logText);
}

/**
 * After a kill: turns a journal into a valid discussion file and run record with every finished
 * comment, in the journal's output folder (run-layout.ts). A journal outside `records/`, as
 * older versions left them, counts its own folder as the output folder, or the study's folder
 * when it lay in a study's cell folder. The id it names is checked before any path is made from
 * it; temporary files a kill left in the output folder are removed.
 */
export async function recoverJournal(journalPath: string, buildLog: DiscussionLogBuilder): Promise<RunPaths> {
  const entries = await readJournal(journalPath);
  const start = entries[0] as StartEntry;
  const root = runRootOf(journalPath) ?? (await olderLayoutRoot(journalPath));
  const paths = runPaths(root, start.discussionId);
  await Promise.all([DISCUSSIONS_FOLDER, RECORDS_FOLDER].map((folder) => removeStaleTemporaryFiles(path.join(root, folder))));
  await writeRunFiles(paths, entries, "recovered", buildLog);
  if (path.resolve(journalPath) !== paths.journal) await rm(paths.journal, { force: true });
  await rm(journalPath, { force: true });
  return paths;
}

async function olderLayoutRoot(journalPath: string): Promise<string> {
  const folder = path.dirname(path.resolve(journalPath));
  const inStudyCell = await stat(path.join(path.dirname(folder), "experiment.json")).then(() => true, () => false);
  return inStudyCell ? path.dirname(folder) : folder;
}
