import { Button } from "../../ui/button.js";
import { formatDuration } from "../../ui/format.js";
import { useExperimentStore } from "./experiment-store.js";

/** What the grid amounts to: cells, discussions, tokens and time, and who would talk. */
export function PlanPanel() {
  const plan = useExperimentStore((state) => state.plan);
  const problems = useExperimentStore((state) => state.problems);
  const runStarted = useExperimentStore((state) => state.runStarted);
  const running = useExperimentStore((state) => {
    const run = state.plan ? Object.values(state.runs).find((entry) => entry.outputDirectory === state.plan?.outputDirectory) : undefined;
    return run !== undefined && ["running", "paused", "cancelling"].includes(run.progress.state);
  });
  return (
    <section aria-label="Plan" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h3 className="mb-2 text-sm font-semibold">Plan</h3>
      {problems.length > 0 && (
        <ul className="mb-2 list-disc pl-5 text-sm text-amber-700 dark:text-amber-300" data-testid="plan-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {plan && (
        <div className="flex flex-col gap-2 text-sm">
          <div className="flex gap-6">
            <Figure label="cells" value={plan.cells.length} testId="plan-cells" />
            <Figure label="discussions" value={plan.discussions} testId="plan-discussions" />
            <Figure label="at once" value={plan.parallel.value} />
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">{plan.parallel.reason}</p>
          <p>
            Up to <strong>{plan.estimate.maxGeneratedTokens.toLocaleString()}</strong> generated tokens ({plan.estimate.replies.toLocaleString()} replies).{" "}
            {plan.estimate.seconds !== null && plan.estimate.tokensPerSecond !== null ? (
              <>
                At {plan.estimate.tokensPerSecond.toFixed(0)} tokens/s: at most <strong>{formatDuration(plan.estimate.seconds)}</strong>.
              </>
            ) : null}
          </p>
          <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="plan-basis">
            {plan.estimate.basis}
          </p>
          <div>
            <div className="text-xs font-semibold text-slate-600 dark:text-slate-300">Sampled participants (same in every cell)</div>
            <ol className="text-xs" data-testid="plan-samples">
              {plan.samples.map((sample) => (
                <li key={sample.repetition}>
                  {sample.repetition + 1}: {sample.participants.join(", ")}
                </li>
              ))}
            </ol>
          </div>
          <p className="truncate text-xs text-slate-500" title={plan.outputDirectory}>
            Output: <span className="font-mono">{plan.outputDirectory}</span>
          </p>
          {plan.alreadyDone > 0 && !plan.folderHoldsOtherSpec && (
            <p className="text-xs text-emerald-700 dark:text-emerald-300" data-testid="plan-done">
              {plan.alreadyDone === plan.discussions
                ? `All ${plan.discussions} discussions are done there; running again redoes none of them.`
                : `${plan.alreadyDone} of ${plan.discussions} already done there: running continues the study.`}
            </p>
          )}
          {plan.folderHoldsOtherSpec && <p className="text-xs text-rose-700 dark:text-rose-300">That folder holds a different study under this name: rename this one to run it.</p>}
          <Button variant="primary" disabled={running || plan.folderHoldsOtherSpec} onClick={() => void runStarted()} className="self-start">
            {plan.alreadyDone > 0 && plan.alreadyDone < plan.discussions ? "Continue study" : "Run study"}
          </Button>
        </div>
      )}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div>
      <div className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString()}
      </div>
      <div className="text-xs text-slate-500">{label}</div>
    </div>
  );
}
