import { useLibraryStore } from "./library-store.js";

/** What the last import did: how many came in, and each file that did not, with its reason. */
export function ImportReportBanner() {
  const report = useLibraryStore((state) => state.importReport);
  const dismissed = useLibraryStore((state) => state.importReportDismissed);
  if (!report) return null;
  const { imported, problems, alreadyPresent, ignored } = report;
  const tone = problems.length > 0 ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100" : "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100";
  return (
    <div role="status" data-testid="import-report" className={`mx-6 mt-3 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <div className="flex items-start justify-between gap-3">
        <span>
          Imported {imported.length === 1 ? "1 discussion" : `${imported.length} discussions`}
          {alreadyPresent.length > 0 && `; ${alreadyPresent.length === 1 ? "1 was" : `${alreadyPresent.length} were`} already in the library (kept as ${alreadyPresent.length === 1 ? "it was" : "they were"}, now selected)`}
          {problems.length > 0 && `; skipped ${problems.length === 1 ? "1 file" : `${problems.length} files`}`}
          {ignored > 0 && `; ignored ${ignored} non-JSON ${ignored === 1 ? "file" : "files"} in the folder`}.
        </span>
        <button type="button" className="shrink-0 hover:underline" onClick={dismissed}>
          Dismiss
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="mt-1 max-h-32 list-disc overflow-y-auto pl-5 text-xs">
          {problems.map((problem, index) => (
            <li key={index}>
              {/* The engine's message often names the file already. */}
              {problem.message.startsWith(problem.file) ? (
                problem.message
              ) : (
                <>
                  <span className="font-medium">{problem.file}</span>: {problem.message}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
