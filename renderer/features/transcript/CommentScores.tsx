import { useEffect, useState } from "react";
import { useNavigationStore } from "../../app/navigation-store.js";
import { commentScores, useCommentScoresStore } from "../annotation/comment-scores-store.js";

/** A comment's annotation scores under its text: the mean per dimension, each annotator's value and raw answer on demand. */
export function CommentScores({ index }: { index: number }) {
  const discussionId = useNavigationStore((state) => state.openDiscussion?.id ?? null);
  const discussionShown = useCommentScoresStore((state) => state.discussionShown);
  const table = useCommentScoresStore((state) => (state.discussionId === discussionId ? state.table : null));
  const answers = useCommentScoresStore((state) => state.answers[index]);
  const answersRequested = useCommentScoresStore((state) => state.answersRequested);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (discussionId) void discussionShown(discussionId);
  }, [discussionId, discussionShown]);
  const scores = commentScores(table, index);
  if (scores.length === 0) return null;
  return (
    <div data-testid="comment-scores" className="mt-2 text-xs">
      <div className="flex flex-wrap items-center gap-1.5">
        {scores.map((score) => (
          <span key={score.dimension} data-testid="score-chip" className="rounded-full bg-violet-100 px-2 py-0.5 font-medium text-violet-900 dark:bg-violet-900/50 dark:text-violet-100" title={`${score.ratings} annotator(s)`}>
            {score.dimension} {score.summary}
            <span className="ml-1 font-normal text-violet-700 dark:text-violet-300">({score.ratings})</span>
          </span>
        ))}
        <button type="button" className="text-violet-700 hover:underline dark:text-violet-300" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "hide annotators" : "per annotator"}
        </button>
      </div>
      {open && (
        <div data-testid="score-details" className="mt-1 rounded border border-violet-200 p-2 dark:border-violet-900">
          {scores.map((score) => (
            <div key={score.dimension}>
              <span className="font-medium">{score.dimension}:</span> {score.perAnnotator.map((entry) => `${entry.annotator} ${entry.value ?? "unparsed"}`).join(" · ")}
            </div>
          ))}
          {answers ? (
            <ul className="mt-1 flex flex-col gap-1">
              {answers.map((answer) => (
                <li key={answer.annotator.id}>
                  <span className="font-medium">{answer.annotator.name}</span> ({answer.annotator.model}){answer.annotation.error ? <span className="text-rose-600"> · {answer.annotation.error}</span> : null}
                  <pre data-testid="raw-answer" className="whitespace-pre-wrap break-words rounded bg-slate-100 px-1.5 py-1 font-mono text-[11px] dark:bg-slate-800">{answer.annotation.raw || "(empty)"}</pre>
                </li>
              ))}
            </ul>
          ) : (
            <button type="button" className="mt-1 text-violet-700 hover:underline dark:text-violet-300" onClick={() => void answersRequested(index)}>
              show raw answers
            </button>
          )}
        </div>
      )}
    </div>
  );
}
