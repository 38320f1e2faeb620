import { rm, stat } from "node:fs/promises";
import path from "node:path";
import type { DiscussionEvent, DiscussionLog, RunRecord } from "../../shared/domain/index.js";
import { buildDiscussionLog, syndiscoTimestamp } from "../engine/discussion-log.js";
import { serializeLegacyDiscussion } from "./legacy-format.js";
import { serializeV2Discussion } from "./v2-format.js";
import { JournalWriter, readJournal, type JournalEntry } from "./journal.js";
import { writeFileAtomic } from "./atomic-write.js";
import { DISCUSSIONS_FOLDER, RECORDS_FOLDER, removeStaleTemporaryFiles, runPaths, runRootOf, type RunPaths } from "./run-layout.js";

export { runPaths, type RunPaths } from "./run-layout.js";

type StartEntry = Extract<JournalEntry, { kind: "start" }>;

/**
 * Journals a running discussion and writes its SynDisco file and run record when it ends.
 * Entries are appended in event order; `record` may be called without awaiting, the writes
 * are chained.
 */
export class DiscussionRecorder {
  private readonly entries: JournalEntry[] = [];
  private writes: Promise<void> = Promise.resolve();
  /** The first journal write that failed, if any. */
  journalError: Error | null = null;

  private constructor(
    readonly paths: RunPaths,
    private readonly journal: JournalWriter,
    start: StartEntry,
  ) {
    this.entries.push(start);
  }

  /** Journals into `<root>/records/`; the SynDisco file goes to `<root>/discussions/` (run-layout.ts). */
  static async start(root: string, start: Omit<StartEntry, "kind" | "pid">): Promise<DiscussionRecorder> {
    const paths = runPaths(root, start.discussionId);
    await writeFileAtomic(paths.journal, "");
    const journal = await JournalWriter.create(paths.journal);
    // The writer's pid lets a starting app tell a journal still being written from one a kill left.
    const entry: StartEntry = { kind: "start", ...start, pid: process.pid };
    const recorder = new DiscussionRecorder(paths, journal, entry);
    await journal.append(entry);
    return recorder;
  }

  record(event: DiscussionEvent): Promise<void> {
    const entry = journalEntryFor(event);
    if (!entry) return this.writes;
    this.entries.push(entry);
    // A failed append (disk full) only costs crash insurance; it must not become an unhandled rejection.
    this.writes = this.writes.then(() => this.journal.append(entry)).catch((error: unknown) => {
      this.journalError ??= error instanceof Error ? error : new Error(String(error));
    });
    return this.writes;
  }

  /** Writes the final files (temp + rename) and removes the journal. */
  async finish(reason: "completed" | "stopped" | "failed"): Promise<RunPaths> {
    const end: JournalEntry = { kind: "end", reason, at: new Date().toISOString() };
    this.entries.push(end);
    this.writes = this.writes.then(() => this.journal.append(end)).catch(() => undefined);
    await this.writes;
    await this.journal.close().catch(() => undefined);
    // The entries are all in memory, so the final files are whole even if the journal was not.
    await writeRunFiles(this.paths, this.entries, reason);
    await rm(this.paths.journal, { force: true });
    return this.paths;
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
export function summarizeJournal(entries: readonly JournalEntry[], status: RunRecord["status"]): { record: RunRecord; logText: string } {
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
  const log = buildDiscussionLog(start.discussionId, start.design, logged, syndiscoTimestamp(end?.kind === "end" ? new Date(end.at) : new Date()));
  return { record, logText: serializeDiscussion(log) };
}

/** The file the discussion's prompt style writes: SynDisco 2.0.x's legacy format or 2.1+'s. */
function serializeDiscussion(log: DiscussionLog): string {
  return log.sourceFormat === "v2" ? serializeV2Discussion(log) : serializeLegacyDiscussion(log);
}

async function writeRunFiles(paths: RunPaths, entries: readonly JournalEntry[], status: RunRecord["status"]): Promise<void> {
  const { record, logText } = summarizeJournal(entries, status);
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
export async function recoverJournal(journalPath: string): Promise<RunPaths> {
  const entries = await readJournal(journalPath);
  const start = entries[0] as StartEntry;
  const root = runRootOf(journalPath) ?? (await olderLayoutRoot(journalPath));
  const paths = runPaths(root, start.discussionId);
  await Promise.all([DISCUSSIONS_FOLDER, RECORDS_FOLDER].map((folder) => removeStaleTemporaryFiles(path.join(root, folder))));
  await writeRunFiles(paths, entries, "recovered");
  if (path.resolve(journalPath) !== paths.journal) await rm(paths.journal, { force: true });
  await rm(journalPath, { force: true });
  return paths;
}

async function olderLayoutRoot(journalPath: string): Promise<string> {
  const folder = path.dirname(path.resolve(journalPath));
  const inStudyCell = await stat(path.join(path.dirname(folder), "experiment.json")).then(() => true, () => false);
  return inStudyCell ? path.dirname(folder) : folder;
}
