import { useState } from "react";
import { Button } from "../../ui/button.js";
import { useShortcut } from "../../app/use-shortcut.js";
import { useRunStore } from "./run-store.js";

/** A human participant's turn: the run waits until the user has written the comment. */
export function HumanTurnBox({ speaker }: { speaker: string }) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const humanCommentSubmitted = useRunStore((state) => state.humanCommentSubmitted);
  const submit = async () => {
    if (sending) return;
    setSending(true);
    if (await humanCommentSubmitted(text)) setText("");
    setSending(false);
  };
  useShortcut("mod+enter", () => void submit(), { inFields: true });
  return (
    <form
      aria-label={`Your comment as ${speaker}`}
      className="rounded-lg border-2 border-sky-400 bg-sky-50 p-4 dark:border-sky-700 dark:bg-sky-950/40"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="human-comment" className="mb-2 block text-sm font-semibold text-sky-900 dark:text-sky-100">
        It is your turn: write {speaker}&apos;s comment
      </label>
      <textarea
        id="human-comment"
        autoFocus
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Type your reply to the discussion…"
        className="w-full resize-y rounded-md border border-slate-300 bg-white p-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      />
      <div className="mt-2 flex items-center justify-end gap-3">
        <span className="text-xs text-slate-500 dark:text-slate-400">{text.trim() ? "" : "An empty reply skips the turn."}</span>
        <Button type="submit" variant="primary" disabled={sending} title={`Post (${/mac/i.test(navigator.platform) ? "⌘" : "Ctrl"}+Enter)`}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
