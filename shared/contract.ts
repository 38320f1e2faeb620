/**
 * The one contract between the renderer and the engine. Every command (name, input, output)
 * and every event (name, payload) is declared here once; the preload, the router, the web
 * server and the renderer's client are all derived from these two tables.
 */
import { z } from "zod";
import { commentSchema, commentStatsSchema, discussionDesignSchema, personaSchema, speakerChoiceSchema } from "./domain/index.js";
import { discussionLogSchema } from "./domain/discussion-log.js";
import { runRecordSchema } from "./domain/run-record.js";
import { modelEntrySchema, modelInfoSchema } from "./domain/model-info.js";
import { modelCommands, modelEvents } from "./contract-models.js";
import { experimentCommands, experimentEvents } from "./contract-experiments.js";
import { analysisCommands } from "./contract-analysis.js";
import { annotationCommands, annotationEvents } from "./contract-annotations.js";
import { populationCommands } from "./contract-populations.js";
import { importConflictSchema, personaCommands } from "./contract-personas.js";
import { designCommands } from "./contract-designs.js";
import { diagnosticsCommands } from "./contract-diagnostics.js";

// ---------------------------------------------------------------- shared shapes

/** Ids travel in URLs and file names: keep them to a safe alphabet. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, "not a valid id")
  .refine((id) => id !== "." && id !== "..", "not a valid id")
  // `<id>.run.json` and `<id>.journal.jsonl` are a run's own files: such ids would be shadowed by them.
  .refine((id) => !/\.(run|journal)$/.test(id), "not a valid id");
const discussionRef = z.strictObject({ discussionId: idSchema });
const nothing = z.strictObject({});

/** A file's content crossing the boundary (the browser cannot hand over a path). */
export const fileContentSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  content: z.string().max(64 * 1024 * 1024),
});
export type FileContent = z.infer<typeof fileContentSchema>;

/** A data file that exists but could not be read; reported, never overwritten. */
export const fileProblemSchema = z.object({ file: z.string(), message: z.string() });
export type FileProblem = z.infer<typeof fileProblemSchema>;

export const designSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  savedAt: z.string(),
  participants: z.array(z.string()),
  turns: z.number().int(),
});
export type DesignSummary = z.infer<typeof designSummarySchema>;

/** Where a study's discussion sits: the study (its folder name and its spec's name) and grid cell. */
export const libraryStudySchema = z.object({
  id: z.string(),
  name: z.string(),
  cell: z.string(),
  conditions: z.record(z.string(), z.string()),
});
export type LibraryStudy = z.infer<typeof libraryStudySchema>;

export const libraryEntrySchema = z.object({
  id: z.string(),
  fileName: z.string(),
  timestamp: z.string(),
  users: z.array(z.string()),
  moderator: z.string().nullable(),
  /** Models named by the generated comments (the seed's "hardcoded" left out); required, so an older index is rebuilt. */
  models: z.array(z.string()),
  commentCount: z.number().int().nonnegative(),
  format: z.enum(["legacy", "v2"]),
  status: z.enum(["running", "completed", "stopped", "failed", "recovered", "imported"]),
  modifiedAt: z.string(),
  /** The design it ran from (its run record's); absent for imported files. */
  designName: z.string().optional(),
  /** Set for a discussion a study wrote (it stays in its cell folder); absent for the library's own files. */
  study: libraryStudySchema.optional(),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

export const exportFormatSchema = z.enum(["legacy", "v2", "markdown", "csv"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

const settingsFields = {
  modelsDirectory: z.string().nullable(),
  /** GGUF file new designs start with. */
  defaultModelPath: z.string().nullable(),
  threads: z.number().int().min(0).max(256),
  contextSize: z.number().int().min(256).max(1 << 20),
  gpu: z.enum(["auto", "cpu"]),
};

export const settingsSchema = z.object({
  modelsDirectory: settingsFields.modelsDirectory.default(null),
  defaultModelPath: settingsFields.defaultModelPath.default(null),
  threads: settingsFields.threads.default(0),
  contextSize: settingsFields.contextSize.default(4096),
  gpu: settingsFields.gpu.default("auto"),
});
/** What `settings.update` changes: only the fields given (a partial of settingsSchema would fill in its defaults). */
export const settingsChangesSchema = z.strictObject(settingsFields).partial();
export type Settings = z.infer<typeof settingsSchema>;

/** What applying settings did to the running engine. */
export const engineReloadSchema = z.object({
  /** Models unloaded: the next use loads them with the new settings. */
  unloaded: z.array(z.string()),
  /** Models running discussions use: they keep their settings until those discussions end. */
  inUse: z.array(z.string()),
});
export type EngineReload = z.infer<typeof engineReloadSchema>;

export const discussionStatusSchema = z.enum(["running", "paused", "completed", "stopped", "failed"]);
export type DiscussionStatus = z.infer<typeof discussionStatusSchema>;

export const loggedEntrySchema = z.object({
  index: z.number().int().nonnegative(),
  comment: commentSchema,
  stats: commentStatsSchema.nullable(),
});
export type LoggedEntry = z.infer<typeof loggedEntrySchema>;

/** The turn being written right now, so a late subscriber can show its text so far. */
export const currentTurnSchema = z.object({
  turn: z.number().int(),
  speaker: z.string(),
  role: z.enum(["user", "moderator", "human"]),
  /** The reply's text so far. */
  text: z.string(),
  /** Reading the prompt (before the first token): tokens to evaluate and how many are done; null for servers. */
  prompt: z.object({ tokens: z.number().int().nonnegative(), evaluated: z.number().int().nonnegative() }).nullable(),
  /** The reply waits for a free slot (a sequence of the model's context, a server's concurrency). */
  waiting: z.boolean().optional(),
});

/** A manual turn manager waiting for the person watching to pick the next speaker. */
export const speakerQuestionSchema = z.object({
  turn: z.number().int(),
  candidates: z.array(z.string()),
  /** When the fallback manager decides instead (ISO time); null waits as long as it takes. */
  deadline: z.string().nullable(),
});
export type SpeakerQuestionInfo = z.infer<typeof speakerQuestionSchema>;

export const discussionSnapshotSchema = z.object({
  discussionId: z.string(),
  designName: z.string(),
  /** Turns the design asks for ("turn x of N"). */
  turns: z.number().int().nonnegative(),
  status: discussionStatusSchema,
  awaitingHuman: z.string().nullable(),
  awaitingSpeaker: speakerQuestionSchema.nullable(),
  /** Logged comments from the requested index on. */
  comments: z.array(loggedEntrySchema),
  commentCount: z.number().int().nonnegative(),
  currentTurn: currentTurnSchema.nullable(),
  error: z.string().nullable(),
  /** A run file that cannot be written right now (the discussion waits, paused, for a retry or another folder). */
  saveError: z.object({ message: z.string(), file: z.string() }).nullable(),
  /** Number of the last event this snapshot reflects (0 before any). */
  seq: z.number().int().nonnegative(),
});
export type DiscussionSnapshot = z.infer<typeof discussionSnapshotSchema>;

const discussionControlResult = z.object({ discussionId: z.string(), status: discussionStatusSchema });

// ---------------------------------------------------------------- commands

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const commands = {
  "personas.list": command(nothing, z.object({ personas: z.array(personaSchema), problems: z.array(fileProblemSchema) })),
  "personas.save": command(z.strictObject({ persona: personaSchema }), z.object({ persona: personaSchema })),
  "personas.delete": command(z.strictObject({ username: z.string().min(1) }), z.object({ deleted: z.boolean() })),
  "personas.importFile": command(
    z.strictObject({ file: fileContentSchema, onConflict: importConflictSchema.default("skip") }),
    z.object({ imported: z.array(z.string()), skipped: z.array(z.string()) }),
  ),
  "personas.exportFile": command(z.strictObject({ usernames: z.array(z.string()).optional() }), fileContentSchema),

  "designs.list": command(nothing, z.object({ designs: z.array(designSummarySchema), problems: z.array(fileProblemSchema) })),
  "designs.save": command(z.strictObject({ id: idSchema.optional(), design: discussionDesignSchema }), designSummarySchema),
  "designs.load": command(z.strictObject({ id: idSchema }), z.object({ summary: designSummarySchema, design: discussionDesignSchema })),

  "discussion.start": command(
    z.strictObject({ designId: idSchema.optional(), design: discussionDesignSchema.optional(), startPaused: z.boolean().default(false) })
      .refine((input) => (input.designId === undefined) !== (input.design === undefined), "give exactly one of designId and design"),
    z.object({ discussionId: z.string() }),
  ),
  "discussion.stop": command(discussionRef, discussionControlResult),
  "discussion.pause": command(discussionRef, discussionControlResult),
  "discussion.resume": command(discussionRef, discussionControlResult),
  "discussion.step": command(discussionRef, discussionControlResult),
  /** What a design's LLM-selected turn manager picks at the first turn (the seed comments as history), with its prompt. */
  "discussion.previewSpeaker": command(z.strictObject({ design: discussionDesignSchema }), speakerChoiceSchema),
  /** The person's pick of the next speaker, for a manual turn manager that is asking. */
  "discussion.chooseSpeaker": command(z.strictObject({ discussionId: idSchema, speaker: z.string().min(1).max(200) }), z.object({ accepted: z.literal(true) })),
  /** After `discussion.saveFailed`: write the run's files again where they were (conflict when nothing failed). */
  "discussion.retrySave": command(discussionRef, discussionControlResult),
  /** After `discussion.saveFailed`: continue the run's files in another folder (in web mode, one the server may use). */
  "discussion.saveElsewhere": command(z.strictObject({ discussionId: idSchema, directory: z.string().min(1).max(4096) }), discussionControlResult),
  "discussion.submitHumanComment": command(
    z.strictObject({ discussionId: idSchema, text: z.string().max(100_000) }),
    z.object({ accepted: z.literal(true) }),
  ),
  /** The backlog since `sinceIndex`; live events follow on the event stream. */
  "discussion.subscribe": command(
    z.strictObject({ discussionId: idSchema, sinceIndex: z.number().int().nonnegative().default(0) }),
    discussionSnapshotSchema,
  ),
  "discussion.list": command(nothing, z.object({ discussions: z.array(discussionSnapshotSchema.omit({ comments: true })) })),

  /** `interrupted`: runs a crash or kill cut short, recovered when the app started (ids; every finished comment kept). */
  "library.list": command(nothing, z.object({ entries: z.array(libraryEntrySchema), problems: z.array(fileProblemSchema), interrupted: z.array(z.string()) })),
  "library.open": command(z.strictObject({ id: idSchema }), z.object({ entry: libraryEntrySchema, log: discussionLogSchema, record: runRecordSchema.nullable() })),
  "library.importFiles": command(
    z.strictObject({ files: z.array(fileContentSchema).min(1).max(10_000) }),
    /** A file whose id is already in the library is skipped, never overwritten: listed in `problems` and, by id, in `alreadyPresent`. */
    z.object({ imported: z.array(z.string()), problems: z.array(fileProblemSchema), alreadyPresent: z.array(z.object({ file: z.string(), id: z.string() })) }),
  ),
  "library.export": command(z.strictObject({ id: idSchema, format: exportFormatSchema }), fileContentSchema),
  /** Moves discussions out of the library into `<data>/archive/discussions` (undone by `library.restore`); a study's discussions stay, named in `problems`. */
  "library.archive": command(z.strictObject({ ids: z.array(idSchema).min(1).max(100_000) }), z.object({ archived: z.array(z.string()), problems: z.array(fileProblemSchema) })),
  "library.restore": command(z.strictObject({ ids: z.array(idSchema).min(1).max(100_000) }), z.object({ restored: z.array(z.string()), problems: z.array(fileProblemSchema) })),
  /** Ids of the saved discussions whose comments, participants or models contain `text` (case-insensitive). */
  "library.search": command(z.strictObject({ text: z.string().min(1).max(1000) }), z.object({ ids: z.array(z.string()) })),

  /** GGUF files in the models folder plus any the user added (e.g. `--model`); `loaded` are in memory. */
  "models.list": command(nothing, z.object({ directory: z.string(), models: z.array(modelEntrySchema), loaded: z.array(z.string()), problems: z.array(fileProblemSchema) })),
  "models.info": command(z.strictObject({ path: z.string().min(1).max(4096) }), modelInfoSchema),

  "settings.get": command(nothing, z.object({ settings: settingsSchema, dataDirectory: z.string(), problems: z.array(fileProblemSchema) })),
  /** Saves and applies at once: threads, context size and GPU reach the engine without a restart. */
  "settings.update": command(z.strictObject({ changes: settingsChangesSchema }), z.object({ settings: settingsSchema, engine: engineReloadSchema })),
  /** Reloads every model no running discussion uses, with the current settings (works in web mode too). */
  "settings.restartEngine": command(nothing, engineReloadSchema),
  ...modelCommands,
  ...experimentCommands,
  ...analysisCommands,
  ...annotationCommands,
  ...populationCommands,
  ...personaCommands,
  ...designCommands,
  ...diagnosticsCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]["input"]>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]["input"]>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]["output"]>;
export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(commands, name);
}

// ---------------------------------------------------------------- events

/**
 * Every discussion event carries `seq`, numbered per discussion from 1 in emission order. A
 * subscriber that got a snapshot (whose `seq` is the last event it reflects) skips events with
 * a lower or equal number, so a backlog and the live stream join without gaps or repeats.
 */
const discussionEvent = <T extends z.ZodRawShape>(shape: T) => z.object({ discussionId: z.string(), seq: z.number().int().positive(), ...shape });
const turnStartShape = { turn: z.number().int(), speaker: z.string(), role: z.enum(["user", "moderator", "human"]) };
export const events = {
  "discussion.turnStart": discussionEvent(turnStartShape),
  "discussion.prompt": discussionEvent({ turn: z.number().int(), speaker: z.string(), tokens: z.number().int().nonnegative(), evaluated: z.number().int().nonnegative() }),
  /** Coalesced token deltas: concatenating every `text` of a turn gives the reply exactly. */
  "discussion.tokens": discussionEvent({ turn: z.number().int(), speaker: z.string(), text: z.string() }),
  /** The turn's reply waits for a free slot (true) or got one (false). */
  "discussion.waiting": discussionEvent({ turn: z.number().int(), speaker: z.string(), waiting: z.boolean() }),
  /** The turn's reply starts over (its server failed mid-reply): the text streamed so far is void. */
  "discussion.restart": discussionEvent({ turn: z.number().int(), speaker: z.string(), message: z.string() }),
  "discussion.comment": discussionEvent(loggedEntrySchema.shape),
  "discussion.silentTurn": discussionEvent({ turn: z.number().int(), speaker: z.string(), stats: commentStatsSchema }),
  "discussion.status": discussionEvent({ status: discussionStatusSchema, awaitingHuman: z.string().nullable(), awaitingSpeaker: speakerQuestionSchema.nullable() }),
  "discussion.speakerQuestion": discussionEvent(speakerQuestionSchema.shape),
  /** How an LLM-selected or manual turn manager chose this turn's speaker. */
  "discussion.speakerChosen": discussionEvent({ turn: z.number().int(), speaker: z.string(), by: speakerChoiceSchema.shape.by }),
  "discussion.warning": discussionEvent({ message: z.string() }),
  "discussion.end": discussionEvent({ reason: z.enum(["completed", "stopped"]) }),
  "discussion.error": discussionEvent({ message: z.string() }),
  /** A run file could not be written: the discussion is paused with every comment kept; answer with retrySave or saveElsewhere. */
  "discussion.saveFailed": discussionEvent({ message: z.string(), file: z.string() }),
  /** Writing works again; `file` is the journal (in its new folder after saveElsewhere). */
  "discussion.saveRecovered": discussionEvent({ file: z.string() }),
  /** Long operations (imports, model loads); `total` null when unknown. */
  progress: z.object({ operationId: z.string(), label: z.string(), done: z.number().nonnegative(), total: z.number().nonnegative().nullable() }),
  ...modelEvents,
  ...experimentEvents,
  ...annotationEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;
export const eventNames = Object.keys(events) as EventName[];
/** One event as it crosses a transport. */
export type StudioEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];

// ---------------------------------------------------------------- results and errors

export const errorCodeSchema = z.enum([
  "bad-request", // unknown command or payload that fails the contract
  "not-found",
  "conflict", // valid request the current state refuses (e.g. no human turn pending)
  "corrupt-file", // a data file exists but is unreadable; it is left untouched
  "file-system", // a file or folder cannot be read or written (read-only disk, no access, a folder where a file goes); the message names it
  "unauthorized",
  "unavailable", // transport not connected
  "internal",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const studioErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type StudioErrorPayload = z.infer<typeof studioErrorSchema>;

/** What every command answers, on every transport. */
export type CommandResult<T = unknown> = { ok: true; value: T } | { ok: false; error: StudioErrorPayload };

export const commandResultSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: studioErrorSchema }),
]);

/** The object the preload exposes as `window.studio`: one method per command, plus events. */
export type StudioBridge = { [N in CommandName]: (input: CommandInput<N>) => Promise<CommandResult<CommandOutput<N>>> } & {
  onEvent(listener: (event: StudioEvent) => void): () => void;
};
export const bridgeMethodNames: readonly string[] = [...commandNames, "onEvent"];

/** IPC channel names (desktop) shared by main and preload. */
export const ipcChannels = { invoke: "studio:invoke", event: "studio:event" } as const;

// ---------------------------------------------------------------- web mode wire format

export const wireRequestSchema = z.strictObject({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  command: z.string().max(100),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;
/** `id` is null when the request itself could not be read. */
export type WireServerMessage =
  | { kind: "result"; id: WireRequest["id"] | null; result: CommandResult }
  | { kind: "event"; event: StudioEvent };
