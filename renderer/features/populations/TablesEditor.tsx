import { useState } from "react";
import { scalarFieldNames } from "../../../shared/domain/population.js";
import { applyCountsTable } from "../../../shared/population/apply-counts.js";
import { fieldForColumn, parseCountsCsv, type CountsTable } from "../../../shared/population/counts-csv.js";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { FileButton } from "../../ui/file-button.js";
import { COUNTS_FILES } from "./FieldEditor.js";
import { usePopulationStore } from "./population-store.js";

/** A CSV read, waiting for the user to say which field each column is. */
interface PendingImport {
  fileName: string;
  table: CountsTable;
  fields: string[];
}

/** Census-style cross-tabs: combinations of fields drawn together, imported from CSV counts. */
export function TablesEditor() {
  const draft = usePopulationStore((state) => state.draft);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fieldChoices = [...new Set([...scalarFieldNames(draft), ...(pending?.fields ?? [])])];

  const apply = () => {
    if (!pending) return;
    try {
      const next = applyCountsTable(draft, pending.table, pending.fields);
      draftEdited((target) => Object.assign(target, next));
      setPending(null);
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="flex flex-col gap-3">
      {draft.tables.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No joint tables. Import a census cross-tab (e.g. age group x sex, with a count column) to draw those fields together.</p>
      ) : (
        <ul aria-label="Joint tables" className="flex flex-col gap-1">
          {draft.tables.map((table, index) => (
            <li key={index} className="flex items-center justify-between gap-2 rounded bg-slate-50 px-2 py-1 text-sm dark:bg-slate-900">
              <span>
                Joint table {index + 1}: {table.fields.map((field) => field.replaceAll("_", " ")).join(" x ")} ({table.rows.length} cells)
              </span>
              <button type="button" className="text-xs text-rose-600 hover:underline" onClick={() => draftEdited((target) => void target.tables.splice(index, 1))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <FileButton
          accept={COUNTS_FILES}
          testId="joint-table-input"
          onText={(fileName, text) => {
            try {
              const table = parseCountsCsv(text);
              setPending({ fileName, table, fields: table.columns.map(fieldForColumn) });
              setProblem(null);
            } catch (error) {
              setProblem(`${fileName}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }}
        >
          Import counts (CSV)…
        </FileButton>
      </div>
      {problem && (
        <p role="alert" className="text-xs text-rose-600">
          {problem}
        </p>
      )}
      {pending && (
        <div className="flex flex-col gap-2 rounded-md border border-indigo-200 p-2 dark:border-indigo-900">
          <p className="text-xs text-slate-600 dark:text-slate-300">
            {pending.fileName}: {pending.table.rows.length} rows. Which persona field is each column? (A name that is not a SynDisco field becomes your own field.)
          </p>
          <div className="flex flex-wrap gap-3">
            {pending.table.columns.map((column, at) => (
              <label key={column} className="flex items-center gap-1 text-sm">
                <span className="text-xs text-slate-500">“{column}” is</span>
                <select
                  aria-label={`Field for column ${column}`}
                  className={`${controlClass} py-1`}
                  value={pending.fields[at]}
                  onChange={(event) => setPending({ ...pending, fields: pending.fields.map((field, index) => (index === at ? event.target.value : field)) })}
                >
                  {fieldChoices.map((field) => (
                    <option key={field} value={field}>
                      {field.replaceAll("_", " ")}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="flex gap-2">
            <Button variant="primary" onClick={apply}>
              {pending.table.columns.length > 1 ? "Use as a joint table" : "Use as this field's weights"}
            </Button>
            <Button variant="ghost" onClick={() => setPending(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
