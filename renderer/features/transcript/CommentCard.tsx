import { memo } from "react";
import type { TranscriptComment } from "./transcript-comment.js";
import { CommentScores } from "./CommentScores.js";
import type { StreamingComment } from "./run-store.js";

/** Label and colour from avatars.ts: distinct per participant of the discussion. */
export function Avatar({ label, colour }: { label: string; colour: string }) {
  return (
    <div aria-hidden data-testid="avatar" className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${colour}`}>
      {label}
    </div>
  );
}

function RoleBadge({ role }: { role: TranscriptComment["role"] | "human" }) {
  if (role === "moderator") return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-amber-800 dark:bg-amber-900/60 dark:text-amber-200">Moderator</span>;
  if (role === "seed") return <span className="rounded bg-slate-200 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-700 dark:text-slate-300">Seed</span>;
  if (role === "human") return <span className="rounded bg-sky-100 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-sky-800 dark:bg-sky-900/60 dark:text-sky-200">You</span>;
  return null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** "12:03:04 · 2.1 s · 41.3 tok/s · read 312 prompt tokens in 0.4 s · model": generation and prompt reading apart. */
function Meta({ comment }: { comment: TranscriptComment }) {
  const parts: string[] = [];
  if (comment.receivedAt !== null) parts.push(clock.format(comment.receivedAt));
  if (comment.seconds !== null) parts.push(`${comment.seconds.toFixed(1)} s`);
  if (comment.tokensPerSecond !== null) parts.push(`${comment.tokensPerSecond.toFixed(1)} tok/s`);
  if (comment.prompt && comment.prompt.seconds !== null) parts.push(`read ${plural(comment.prompt.tokens, "prompt token")} in ${comment.prompt.seconds.toFixed(1)} s`);
  if (comment.role !== "seed" && comment.model) parts.push(comment.model);
  return (
    <span className="flex min-w-0 items-baseline gap-2 text-xs text-slate-500 dark:text-slate-400">
      <span data-testid="comment-meta" className="truncate" title="tok/s: generated tokens after the first over the time after it (the first comes out of reading the prompt)">
        {parts.join(" · ")}
      </span>
      {comment.cut && (
        <span data-testid="comment-cut" className="shrink-0 rounded bg-orange-100 px-1.5 text-[11px] font-medium text-orange-800 dark:bg-orange-900/50 dark:text-orange-200">
          {comment.cut === "max-tokens" ? `cut at max tokens (${comment.generatedTokens ?? "?"})` : "cut at the context's end"}
        </span>
      )}
    </span>
  );
}

const plural = (count: number, noun: string) => `${count.toLocaleString()} ${noun}${count === 1 ? "" : "s"}`;

/** What the reply being written is doing: reading its prompt (with progress), or writing. */
function streamingPhase(prompt: StreamingComment["prompt"], text: string): string {
  if (prompt && prompt.evaluated < prompt.tokens && text === "") {
    const share = prompt.evaluated > 0 ? ` (${Math.floor((100 * prompt.evaluated) / prompt.tokens)} %)` : "";
    return `reading ${plural(prompt.tokens, "prompt token")}${share}…`;
  }
  return "writing…";
}

const cardFrame = "flex gap-3 rounded-lg border px-4 py-3";
const cardColours = "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";

export const CommentCard = memo(function CommentCard({ comment, avatarLabel, avatarColour }: { comment: TranscriptComment; avatarLabel: string; avatarColour: string }) {
  return (
    <article data-testid="comment-card" data-index={comment.index} className={`${cardFrame} ${comment.role === "moderator" ? "border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/30" : cardColours}`}>
      <Avatar label={avatarLabel} colour={avatarColour} />
      <div className="min-w-0 flex-1">
        <header className="flex min-w-0 items-baseline gap-2">
          <span className="truncate font-semibold text-slate-900 dark:text-slate-50">{comment.name}</span>
          <RoleBadge role={comment.role} />
          <span className="ml-auto shrink-0 text-[11px] text-slate-400">#{comment.index + 1}</span>
        </header>
        <Meta comment={comment} />
        <p className="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800 dark:text-slate-200">{comment.text || <em className="text-slate-400">(empty)</em>}</p>
        <CommentScores index={comment.index} />
      </div>
    </article>
  );
});

/** The reply being written: its text so far and a blinking caret, laid out as the card it becomes. */
export function StreamingCard({ index, streaming, avatarLabel, avatarColour }: { index: number; streaming: StreamingComment; avatarLabel: string; avatarColour: string }) {
  const { speaker, role, text, waiting } = streaming;
  return (
    <article data-testid="streaming-card" aria-live="off" className={`${cardFrame} border-indigo-300 bg-indigo-50/50 dark:border-indigo-800 dark:bg-indigo-950/30`}>
      <Avatar label={avatarLabel} colour={avatarColour} />
      <div className="min-w-0 flex-1">
        <header className="flex min-w-0 items-baseline gap-2">
          <span className="truncate font-semibold text-slate-900 dark:text-slate-50">{speaker}</span>
          <RoleBadge role={role} />
          <span className="ml-auto shrink-0 text-[11px] text-slate-400">#{index + 1}</span>
        </header>
        {waiting ? (
          <span data-testid="streaming-phase" className="text-xs text-amber-600 dark:text-amber-300">
            waiting for a free slot…
          </span>
        ) : (
          <span data-testid="streaming-phase" className="text-xs text-indigo-600 dark:text-indigo-300">
            {streamingPhase(streaming.prompt, text)}
          </span>
        )}
        <p className="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800 dark:text-slate-200">
          <span data-testid="streaming-text">{text}</span>
          <span aria-hidden className="ml-0.5 inline-block animate-pulse h-4 w-[2px] translate-y-0.5 bg-indigo-500" />
        </p>
      </div>
    </article>
  );
}
