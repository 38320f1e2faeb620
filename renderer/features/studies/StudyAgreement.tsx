import { useEffect, useState } from "react";
import type { AnnotationAgreement, CommentConsensus } from "../../../shared/domain/index.js";
import { studio } from "../../app/studio.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { Button } from "../../ui/button.js";
import { errorMessage } from "../../ui/format.js";
import { AgreementTable } from "../annotation/AgreementTable.js";
import { useStudiesStore } from "./studies-store.js";

const MOST_DISPUTED = 10;

/** How far the annotators of a study's discussions agree: alpha per dimension, and the comments they disagree on most. */
export function StudyAgreement() {
  const detail = useStudiesStore((state) => state.detail);
  const discussionOpened = useStudiesStore((state) => state.discussionOpened);
  const ids = detail?.cells.flatMap((cell) => cell.discussions.filter((discussion) => discussion.comments !== null).map((discussion) => discussion.discussionId)) ?? [];
  const key = ids.join(",");
  // Each answer is kept with the discussions it is for: a study opened since shows nothing stale.
  const [answer, setAnswer] = useState<{ key: string; agreement: AnnotationAgreement | null; error: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    if (key === "") return;
    studio.call("annotations.agreement", { discussionIds: key.split(",") }).then(
      (agreement) => current && setAnswer({ key, agreement, error: null }),
      (failure: unknown) => current && setAnswer({ key, agreement: null, error: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  const agreement = answer?.key === key ? answer.agreement : null;
  const error = answer?.key === key ? answer.error : null;
  if (error) return <p role="alert" className="text-sm text-rose-600">{error}</p>;
  if (key !== "" && !agreement) return <p className="text-sm text-slate-500">Computing agreement…</p>;
  if (!agreement || agreement.dimensions.length === 0) {
    return (
      <div className="flex flex-col items-start gap-2 text-sm text-slate-600 dark:text-slate-300">
        <p>No annotations of this study's discussions yet.</p>
        <Button onClick={() => useNavigationStore.getState().viewChanged("annotation")}>Annotate it in the Annotation view</Button>
      </div>
    );
  }
  const disputed = mostDisputed(agreement.comments);
  return (
    <div className="flex flex-col gap-4" data-testid="study-agreement">
      <p className="text-xs text-slate-500 dark:text-slate-400">Every annotator of these discussions (LLM jobs and imported scores), each dimension apart.</p>
      <AgreementTable agreement={agreement} />
      {disputed.length > 0 && (
        <table className="text-left text-xs" aria-label="Comments the annotators disagree on most">
          <caption className="mb-1 text-left text-sm font-semibold">Most disputed comments</caption>
          <thead className="text-slate-500">
            <tr>
              <th className="pr-4 font-medium">Discussion</th>
              <th className="pr-4 font-medium">Comment</th>
              <th className="pr-4 font-medium">Dimension</th>
              <th className="pr-4 font-medium">Ratings</th>
              <th className="pr-4 font-medium">Consensus</th>
              <th className="font-medium">Disagreement</th>
            </tr>
          </thead>
          <tbody>
            {disputed.map((comment) => (
              <tr key={`${comment.discussionId}-${comment.commentIndex}-${comment.dimension}`} data-testid="disputed-comment" className="border-t border-slate-100 dark:border-slate-800/60">
                <td className="pr-4">
                  <button type="button" className="font-mono text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => discussionOpened(comment.discussionId, "completed")} title={comment.discussionId}>
                    {comment.discussionId.slice(0, 8)}
                  </button>
                </td>
                <td className="pr-4 tabular-nums">#{comment.commentIndex + 1}</td>
                <td className="pr-4">{comment.dimension}</td>
                <td className="pr-4 tabular-nums">{comment.ratings}</td>
                <td className="pr-4 tabular-nums">{comment.mean !== null ? comment.mean.toFixed(2) : (comment.mode ?? "–")}</td>
                <td className="tabular-nums">{comment.disagreement!.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Comments rated by two or more annotators, the largest disagreement first (ties in reading order). */
export function mostDisputed(comments: readonly CommentConsensus[]): CommentConsensus[] {
  return comments
    .filter((comment) => comment.ratings >= 2 && comment.disagreement !== null && comment.disagreement > 0)
    .sort((a, b) => b.disagreement! - a.disagreement! || a.discussionId.localeCompare(b.discussionId) || a.commentIndex - b.commentIndex)
    .slice(0, MOST_DISPUTED);
}
