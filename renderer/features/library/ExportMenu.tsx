import { useRef } from "react";
import type { ExportFormat } from "../../../shared/contract.js";
import { useLibraryStore } from "./library-store.js";

const formats: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "legacy", label: "SynDisco JSON (legacy)", hint: "The 2.0.x file: id, users, logs" },
  { format: "v2", label: "SynDisco JSON (v2)", hint: "The 2.1+ file: timestamp and logs with prompts" },
  { format: "markdown", label: "Markdown", hint: "A readable transcript" },
  { format: "csv", label: "CSV", hint: "One row per comment, for spreadsheets" },
];

/** Downloads the given discussions in one of the four formats (one file each). */
export function ExportMenu({ ids }: { ids: readonly string[] }) {
  const exporting = useLibraryStore((state) => state.exporting);
  const exportRequested = useLibraryStore((state) => state.exportRequested);
  const menu = useRef<HTMLDetailsElement>(null);
  const disabled = ids.length === 0 || exporting;
  return (
    <details ref={menu} className="relative" onKeyDown={(event) => event.key === "Escape" && menu.current?.removeAttribute("open")}>
      <summary
        aria-disabled={disabled}
        onClick={(event) => disabled && event.preventDefault()}
        className={`inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 ${disabled ? "cursor-not-allowed opacity-60" : ""}`}
        title={ids.length === 0 ? "Select discussions to export" : `Export ${ids.length === 1 ? "this discussion" : `${ids.length} discussions`}`}
      >
        {exporting ? "Exporting…" : ids.length > 1 ? `Export ${ids.length} ▾` : "Export ▾"}
      </summary>
      <ul role="menu" className="absolute right-0 z-20 mt-1 w-64 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-800">
        {formats.map(({ format, label, hint }) => (
          <li key={format}>
            <button
              type="button"
              role="menuitem"
              className="block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-700"
              onClick={() => {
                menu.current?.removeAttribute("open");
                void exportRequested(ids, format);
              }}
            >
              <span className="block font-medium text-slate-900 dark:text-slate-100">{label}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">{hint}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
