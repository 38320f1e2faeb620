import type { DiscussionLog, LoggedComment, Persona, RunRecord } from "../../../shared/domain/index.js";
import { isPyBlank, pyLen, pySplit } from "../../../shared/textwrap.js";
import { pairwiseRougeL } from "./rouge-l.js";
import type { AnalysisRole, CommentAnnotationMeans, DiscussionMeasures, MeasuredComment, MeasuredDiscussion, PersonaColumns } from "../../../shared/analysis/measured-discussion.js";

export interface DiscussionInput {
  log: DiscussionLog;
  record: RunRecord | null;
  /** Numeric annotation dimensions of the study (so every discussion has the same columns) and this discussion's means. */
  annotations: { dimensions: readonly string[]; means: CommentAnnotationMeans };
}

/** Every per-comment and per-discussion measure of one discussion (pure: the caller reads the files). */
export function measureDiscussion({ log, record, annotations }: DiscussionInput): MeasuredDiscussion {
  const humans = new Set(record?.design.participants.filter((actor) => actor.role === "human").map((actor) => actor.persona.username) ?? []);
  const roles = log.comments.map((comment) => roleOf(log, comment, humans));
  const turns = turnsFromRecord(log, record) ?? derivedTurns(roles);
  const generated = record && alignedWithLog(log, record) ? record.comments.filter((entry) => entry.logged) : null;

  const participantIndexes = roles.flatMap((role, index) => (role === "user" || role === "human" ? [index] : []));
  const authorCounts = new Map<string, number>();
  for (const index of participantIndexes) {
    const author = (log.comments[index] as LoggedComment).name;
    authorCounts.set(author, (authorCounts.get(author) ?? 0) + 1);
  }
  const rouge = pairwiseRougeL(participantIndexes.map((index) => (log.comments[index] as LoggedComment).text));
  const diversityOf = new Map(participantIndexes.map((commentIndex, position) => {
    const meanF = rouge.perText[position] ?? null;
    return [commentIndex, meanF === null ? null : 1 - meanF] as const;
  }));

  const comments: MeasuredComment[] = log.comments.map((comment, index) => {
    const role = roles[index] as AnalysisRole;
    const participant = role === "user" || role === "human";
    const stats = generated?.[index]?.stats ?? null;
    return {
      index,
      turn: turns[index] as number,
      author: comment.name,
      role,
      model: comment.model,
      words: pySplit(comment.text).length,
      characters: pyLen(comment.text),
      tokens: role === "user" || role === "moderator" ? (stats?.generatedTokens ?? null) : null,
      intervention: role === "moderator" ? !isPyBlank(comment.text) : null,
      authorShare: participant ? (authorCounts.get(comment.name) as number) / participantIndexes.length : null,
      diversity: diversityOf.get(index) ?? null,
      annotations: Object.fromEntries(annotations.dimensions.map((dimension) => [dimension, annotations.means.get(index)?.[dimension] ?? null])),
    };
  });

  return {
    discussionId: log.id,
    timestamp: log.timestamp,
    format: log.sourceFormat,
    status: record?.status ?? "imported",
    users: log.users,
    moderator: log.moderator,
    models: [...new Set(log.comments.map((comment) => comment.model).filter((model) => model !== "hardcoded" && model !== "human"))],
    personas: personasOf(log, record),
    comments,
    measures: discussionMeasures(log, comments, authorCounts, rouge.pairMean, annotations.dimensions),
  };
}

function discussionMeasures(
  log: DiscussionLog,
  comments: readonly MeasuredComment[],
  authorCounts: ReadonlyMap<string, number>,
  pairMean: number | null,
  dimensions: readonly string[],
): DiscussionMeasures {
  const participants = comments.filter((comment) => comment.role === "user" || comment.role === "human");
  const moderator = comments.filter((comment) => comment.role === "moderator");
  const interventions = moderator.filter((comment) => comment.intervention === true).length;
  const shares = log.users.map((user) => (authorCounts.get(user) ?? 0) / Math.max(1, participants.length));
  const entropy = -shares.reduce((sum, share) => sum + (share > 0 ? share * Math.log(share) : 0), 0);
  return {
    comments: comments.filter((comment) => comment.role !== "seed").length,
    participantComments: participants.length,
    moderatorComments: moderator.length,
    interventions,
    interventionRate: moderator.length > 0 ? interventions / moderator.length : null,
    participationRate: log.users.length > 0 ? log.users.filter((user) => authorCounts.has(user)).length / log.users.length : null,
    participationBalance: log.users.length > 1 && participants.length > 0 ? entropy / Math.log(log.users.length) : null,
    diversity: pairMean === null ? null : 1 - pairMean,
    wordsMean: mean(participants.map((comment) => comment.words)),
    tokensMean: mean(participants.flatMap((comment) => (comment.tokens === null ? [] : [comment.tokens]))),
    annotations: Object.fromEntries(
      dimensions.map((dimension) => [dimension, mean(participants.flatMap((comment) => {
        const value = comment.annotations[dimension];
        return value === null || value === undefined ? [] : [value];
      }))]),
    ),
  };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** SynDisco marks seed comments by model "hardcoded" and the moderator's by name; the app logs people's comments as model "human". */
function roleOf(log: DiscussionLog, comment: LoggedComment, humans: ReadonlySet<string>): AnalysisRole {
  if (comment.model === "hardcoded") return "seed";
  if (log.moderator !== null && comment.name === log.moderator) return "moderator";
  if (humans.has(comment.name) || (humans.size === 0 && comment.model === "human")) return "human";
  return "user";
}

/** The run record lists every logged comment in order with its turn; it describes this log only if names line up. */
function alignedWithLog(log: DiscussionLog, record: RunRecord): boolean {
  const logged = record.comments.filter((entry) => entry.logged);
  return logged.length === log.comments.length && logged.every((entry, index) => entry.name === (log.comments[index] as LoggedComment).name);
}

function turnsFromRecord(log: DiscussionLog, record: RunRecord | null): number[] | null {
  if (!record || !alignedWithLog(log, record)) return null;
  return record.comments.filter((entry) => entry.logged).map((entry) => entry.turn);
}

/**
 * Without a run record: seed comments have turn -1, each participant comment starts the next
 * turn and a moderator comment belongs to the turn it answers. Turns a participant left empty
 * (not logged) cannot be seen in the file, so these count logged turns.
 */
function derivedTurns(roles: readonly AnalysisRole[]): number[] {
  let turn = -1;
  return roles.map((role) => {
    if (role === "seed") return -1;
    if (role === "moderator") return Math.max(turn, 0);
    return ++turn;
  });
}

/** Personas from the prompts SynDisco wrote (JSON with a "persona" object), else from the run record's design. */
function personasOf(log: DiscussionLog, record: RunRecord | null): Record<string, PersonaColumns> {
  const personas: Record<string, PersonaColumns> = {};
  const actors = record ? [...record.design.participants, ...(record.design.moderator ? [record.design.moderator] : [])] : [];
  for (const actor of actors) personas[actor.persona.username] = personaColumns(actor.persona);
  const prompts = [...log.userPrompts, ...(log.moderatorPrompt === null ? [] : [log.moderatorPrompt]), ...log.comments.flatMap((comment) => comment.prompt ?? [])];
  for (const prompt of prompts) {
    const persona = personaInPrompt(prompt);
    if (persona) personas[persona.username] ??= personaColumns(persona);
  }
  return personas;
}

function personaInPrompt(prompt: string): (Partial<Persona> & { username: string }) | null {
  if (!prompt.startsWith("{")) return null;
  try {
    const value = (JSON.parse(prompt) as { persona?: unknown }).persona;
    if (typeof value === "object" && value !== null && typeof (value as { username?: unknown }).username === "string") {
      return value as Partial<Persona> & { username: string };
    }
  } catch {
    // 1.x files hold plain-text prompts: no persona to read.
  }
  return null;
}

export function personaColumns(persona: Partial<Persona>): PersonaColumns {
  const columns: PersonaColumns = {};
  for (const [key, value] of Object.entries(persona)) {
    if (key === "username") continue;
    if (key === "age" && value === -1) columns[key] = null;
    else if (Array.isArray(value)) columns[key] = value.map(String).join("; ");
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") columns[key] = String(value);
    else if (value !== null && value !== undefined) columns[key] = JSON.stringify(value);
  }
  return columns;
}
