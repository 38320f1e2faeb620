import { Button } from "../../ui/button.js";
import { usePersonaStore } from "./persona-store.js";

/** What an import did: how many came in, and each entry that was left out and why. */
export function ImportReportPanel() {
  const report = usePersonaStore((state) => state.importReport);
  const dismissed = usePersonaStore((state) => state.importReportDismissed);
  if (!report) return null;
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
