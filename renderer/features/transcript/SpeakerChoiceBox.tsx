import { useEffect, useState } from "react";
import type { SpeakerQuestionInfo } from "../../../shared/contract.js";
import { useShortcuts } from "../../app/use-shortcut.js";
import { Button } from "../../ui/button.js";
import { useRunStore } from "./run-store.js";

const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

function useSecondsLeft(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === null ? null : Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
}

/** Manual turn-taking: the run waits for the user to pick who speaks next (a button or keys 1-9). */
export function SpeakerChoiceBox({ question }: { question: SpeakerQuestionInfo }) {
  const speakerPicked = useRunStore((state) => state.speakerPicked);
  const lastSpeaker = useRunStore((state) => state.comments.at(-1)?.name ?? null);
  const [sent, setSent] = useState<string | null>(null);
  const secondsLeft = useSecondsLeft(question.deadline);
  const pick = (name: string | undefined) => {
    if (!name || sent) return;
    setSent(name);
    void speakerPicked(name);
  };
  useShortcuts(keys, (index) => pick(question.candidates[index]));
  return (
    <section aria-label={`Who speaks at turn ${question.turn + 1}?`} className="rounded-lg border-2 border-violet-400 bg-violet-50 p-4 dark:border-violet-700 dark:bg-violet-950/40">
      <h3 className="mb-2 text-sm font-semibold text-violet-900 dark:text-violet-100">Turn {question.turn + 1}: who speaks next?</h3>
      <div className="flex flex-wrap gap-2">
        {question.candidates.map((name, index) => (
          <Button key={name} variant={sent === name ? "primary" : "secondary"} disabled={sent !== null} title={index < 9 ? `Key ${index + 1}` : undefined} onClick={() => pick(name)}>
            {index < 9 && <kbd className="rounded bg-slate-200 px-1 text-xs text-slate-700 dark:bg-slate-700 dark:text-slate-200">{index + 1}</kbd>}
            {name}
            {name === lastSpeaker && <span className="text-xs text-slate-500">(just spoke)</span>}
          </Button>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
        {secondsLeft === null ? "The discussion waits for your pick." : `${secondsLeft} s left; then the fallback turn manager picks.`}
      </p>
    </section>
  );
}
