import type { FileProblem } from "../../shared/contract.js";

/** Files that exist but could not be read: listed (never hidden), with what is wrong; they are left untouched. */
export function FileProblems({ problems, where }: { problems: readonly FileProblem[]; where: string }) {
  if (problems.length === 0) return null;
  return (
    // Open while the list is short enough to read at a glance: what is wrong is the point.
    <details role="status" open={problems.length <= 3} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <summary className="cursor-pointer">
        {problems.length === 1 ? `1 file ${where} could not be read` : `${problems.length} files ${where} could not be read`} (left untouched)
      </summary>
      <ul className="mt-1 list-disc pl-5 text-xs">
        {problems.map((problem) => (
          // Most messages name their file already; the path once is enough.
          <li key={problem.file}>{problem.message.includes(problem.file) ? problem.message : `${problem.file}: ${problem.message}`}</li>
        ))}
      </ul>
    </details>
  );
}
