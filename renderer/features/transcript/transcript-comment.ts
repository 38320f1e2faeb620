import type { LoggedEntry } from "../../../shared/contract.js";
import { generationTokensPerSecond, type CommentStats, type DiscussionLog, type RunRecord } from "../../../shared/domain/index.js";

/** One card of the transcript, whether it came from a live run or a saved file. */
export interface TranscriptComment {
  index: number;
  name: string;
  text: string;
  model: string;
  role: "seed" | "user" | "moderator" | "human";
  /** Generation speed (tokens after the first over the time after it); null for seeds, files without a record, and records from before it was timed. */
  tokensPerSecond: number | null;
  seconds: number | null;
  /** Prompt tokens read this turn (beyond what the speaker's sequence held) and how long reading took. */
  prompt: { tokens: number; seconds: number | null } | null;
  generatedTokens: number | null;
  /** The reply ended at its max-tokens cap (or the context's end), not where the model stopped. */
  cut: "max-tokens" | "context-limit" | null;
  /** When the comment arrived in this window (live runs only). */
  receivedAt: number | null;
}

export function fromLoggedEntry(entry: LoggedEntry, receivedAt: number | null): TranscriptComment {
  const { stats } = entry;
  return {
    index: entry.index,
    name: entry.comment.name,
    text: entry.comment.text,
    model: entry.comment.model,
    role: entry.comment.role,
    ...measured(stats),
    receivedAt,
  };
}

function measured(stats: CommentStats | null): Pick<TranscriptComment, "tokensPerSecond" | "seconds" | "prompt" | "generatedTokens" | "cut"> {
  if (!stats) return { tokensPerSecond: null, seconds: null, prompt: null, generatedTokens: null, cut: null };
  return {
    tokensPerSecond: generationTokensPerSecond(stats),
    seconds: stats.seconds,
    prompt: { tokens: stats.evaluatedPromptTokens, seconds: stats.promptSeconds ?? null },
    generatedTokens: stats.generatedTokens,
    cut: stats.stopReason === "max-tokens" || stats.stopReason === "context-limit" ? stats.stopReason : null,
  };
}

/**
 * A saved discussion's comments. SynDisco marks seed comments with model "hardcoded" and the
 * moderator by name only; the run record (when the studio ran it) holds the timings of every
 * logged comment, seeds included, in log order.
 */
export function fromDiscussionLog(log: DiscussionLog, record: RunRecord | null): TranscriptComment[] {
  const loggedStats = record ? record.comments.filter((comment) => comment.logged).map((comment) => comment.stats) : [];
  return log.comments.map((comment, index) => {
    const stats = loggedStats[index] ?? null;
    const role = comment.model === "hardcoded" ? "seed" : log.moderator !== null && comment.name === log.moderator ? "moderator" : "user";
    return {
      index,
      name: comment.name,
      text: comment.text,
      model: comment.model,
      role,
      ...measured(stats),
      receivedAt: null,
    };
  });
}

/** "Ann Lee" -> "AL", "zoë-k" -> "ZK", "x" -> "X". */
export function initials(name: string): string {
  const words = name.split(/[\s_.-]+/u).filter(Boolean);
  const letters = (words.length > 1 ? [words[0]!, words[words.length - 1]!] : words).map((word) => [...word][0] ?? "");
  return letters.join("").toUpperCase() || "?";
}
