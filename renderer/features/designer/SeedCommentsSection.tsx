import { useId } from "react";
import { Section } from "../../ui/section.js";
import { Button } from "../../ui/button.js";
import { controlClass, inputClass } from "../../ui/field.js";
import { useDesignStore } from "./design-store.js";
import { useFieldProblem } from "./use-built-design.js";
import { isPyBlank } from "../../../shared/textwrap.js";
import { seedAuthorWarning } from "../../../shared/domain/syndisco-compat.js";

/** Comments the discussion opens with, before any model speaks (e.g. the post being discussed). */
export function SeedCommentsSection() {
  const comments = useDesignStore((state) => state.form.seedComments);
  const participants = useDesignStore((state) => state.form.participants);
  const moderator = useDesignStore((state) => (state.form.moderatorEnabled ? state.form.moderator : ""));
  const added = useDesignStore((state) => state.seedCommentAdded);
  const changed = useDesignStore((state) => state.seedCommentChanged);
  const removed = useDesignStore((state) => state.seedCommentRemoved);
  const moved = useDesignStore((state) => state.seedCommentMoved);
  const problem = useFieldProblem("seedComments");
  // Runs either way; only SynDisco's own loader would refuse the file.
  const stranger = seedAuthorWarning({ participants, moderator: moderator || null, seedComments: comments });
  const authorsId = useId();
  return (
    <Section title="Seed comments" actions={<Button onClick={added}>Add comment</Button>}>
      <datalist id={authorsId}>
        {[...participants, ...(moderator ? [moderator] : [])].map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {comments.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">None: the first speaker starts the discussion. Add one to open with a post to react to.</p>}
      <ol className="flex flex-col gap-2">
        {comments.map((comment, index) => (
          <li key={comment.key} className="flex flex-col gap-1 rounded-md border border-slate-200 p-2 dark:border-slate-700">
            <div className="flex items-center gap-1">
              <span aria-hidden className="text-xs font-medium text-slate-600 dark:text-slate-300">
                Seed comment {index + 1}, by
              </span>
              <input
                aria-label={`Seed comment ${index + 1} author`}
                list={authorsId}
                placeholder="Author"
                className={`${controlClass} w-44`}
                value={comment.author}
                aria-invalid={!comment.author.trim() ? true : undefined}
                onChange={(event) => changed(comment.key, { author: event.target.value })}
              />
              <span className="flex-1" />
              <Button variant="ghost" aria-label={`Move seed comment ${index + 1} up`} disabled={index === 0} onClick={() => moved(comment.key, -1)}>
                ↑
              </Button>
              <Button variant="ghost" aria-label={`Move seed comment ${index + 1} down`} disabled={index === comments.length - 1} onClick={() => moved(comment.key, 1)}>
                ↓
              </Button>
              <Button variant="ghost" aria-label={`Remove seed comment ${index + 1}`} onClick={() => removed(comment.key)}>
                ×
              </Button>
            </div>
            <textarea
              aria-label={`Seed comment ${index + 1} text`}
              rows={2}
              className={`${inputClass} resize-y`}
              placeholder="The comment, exactly as it should appear"
              value={comment.text}
              aria-invalid={isPyBlank(comment.text) ? true : undefined}
              onChange={(event) => changed(comment.key, { text: event.target.value })}
            />
          </li>
        ))}
      </ol>
      {stranger && (
        <p data-testid="seed-author-warning" role="status" className="mt-2 text-xs text-amber-700 dark:text-amber-300">
          ⚠ {stranger}.
        </p>
      )}
      {problem && <p className="mt-2 text-xs text-rose-600 dark:text-rose-400">{problem}</p>}
    </Section>
  );
}
