import { formatCell, tableCsv, tableLatex, type Table } from "../../../shared/analysis/tables.js";
import { downloadText } from "../../ui/download.js";

/** One analysis table as a paper would print it, with its CSV and LaTeX. */
export function AnalysisTableView({ table, fileStem }: { table: Table; fileStem: string }) {
  return (
    <figure className="flex flex-col gap-1" data-testid={`table-${table.name}`}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-600 dark:text-slate-300">
        <span>{table.caption}</span>
        <span className="flex gap-2">
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => downloadText(`${fileStem}.csv`, tableCsv(table), "text/csv")}>
            CSV
          </button>
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => downloadText(`${fileStem}.tex`, tableLatex(table), "application/x-tex")}>
            LaTeX
          </button>
        </span>
      </figcaption>
      <div className="overflow-x-auto">
        <table className="text-xs tabular-nums">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              {table.columns.map((column) => (
                <th key={column.key} className={`px-3 py-1 font-medium ${column.align === "r" ? "text-right" : "text-left"}`}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index} className="border-b border-slate-100 dark:border-slate-800">
                {row.map((value, column) => {
                  const spec = table.columns[column]!;
                  return (
                    <td key={spec.key} className={`px-3 py-1 ${spec.align === "r" ? "text-right" : "text-left"}`}>
                      {formatCell(value, spec.kind)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
