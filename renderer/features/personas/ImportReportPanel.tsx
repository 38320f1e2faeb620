import { Button } from "../../ui/button.js";
import { usePersonaStore } from "./persona-store.js";

/** What an import did: how many came in, and each entry that was left out and why. */
export function ImportReportPanel() {
  const report = usePersonaStore((state) => state.importReport);
  const dismissed = usePersonaStore((state) => state.importReportDismissed);
  const personasImported = usePersonaStore((state) => state.personasImported);
  if (!report) return null;
  const taken = report.file;
  return (
    <div role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-3">
        <span>
          Imported {report.imported.length} persona{report.imported.length === 1 ? "" : "s"} from {report.fileName}
          {report.skipped.length > 0 ? `; ${report.skipped.length} left out:` : "."}
        </span>
        <Button variant="ghost" onClick={dismissed}>
          Dismiss
        </Button>
      </div>
      {taken && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <span className="text-xs text-slate-600 dark:text-slate-300">Some usernames are already in the pool:</span>
          <Button onClick={() => void personasImported(taken, "replace")} title="The file's personas take the place of those with the same username">
            Replace them
          </Button>
          <Button onClick={() => void personasImported(taken, "keep-both")} title="The file's personas are added under “(copy)” names">
            Keep both
          </Button>
        </div>
      )}
      {report.skipped.length > 0 && (
        <ul className="mt-1 max-h-32 list-disc overflow-auto pl-5 text-xs text-amber-800 dark:text-amber-300">
          {report.skipped.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
