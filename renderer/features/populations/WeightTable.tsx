import type { ReactNode } from "react";
import { controlClass } from "../../ui/field.js";

export interface WeightColumn<Row> {
  header: string;
  /** The accessible name of a row's control, e.g. "Category 2". */
  label: (index: number) => string;
  get: (row: Row) => string | number;
  set: (row: Row, value: string) => Row;
  numeric?: boolean;
  width?: string;
}

/**
 * Rows of a distribution (categories, bands, traits), each with its weight and the share it
 * gets of the total, editable in place. Shares update as weights are typed.
 */
export function WeightTable<Row extends { weight: number }>({
  name,
  rows,
  columns,
  onChange,
  newRow,
  addLabel,
  footer,
}: {
  name: string;
  rows: Row[];
  columns: WeightColumn<Row>[];
  onChange: (rows: Row[]) => void;
  newRow: () => Row;
  addLabel: string;
  footer?: ReactNode;
}) {
  const total = rows.reduce((sum, row) => sum + (Number.isFinite(row.weight) ? row.weight : 0), 0);
  const update = (index: number, row: Row) => onChange(rows.map((existing, at) => (at === index ? row : existing)));
  return (
    <div className="flex flex-col gap-2">
      <table aria-label={name} className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
            {columns.map((column) => (
              <th key={column.header} className={`pb-1 font-medium ${column.width ?? ""}`}>
                {column.header}
              </th>
            ))}
            <th className="w-24 pb-1 font-medium">Weight</th>
            <th className="w-16 pb-1 text-right font-medium">Share</th>
            <th className="w-8" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => (
                <td key={column.header} className="py-0.5 pr-2">
                  <input
                    aria-label={`${column.label(index)} ${column.header.toLowerCase()}`}
                    className={`${controlClass} w-full py-1`}
                    type={column.numeric ? "number" : "text"}
                    value={column.get(row)}
                    onChange={(event) => update(index, column.set(row, event.target.value))}
                  />
                </td>
              ))}
              <td className="py-0.5 pr-2">
                <input
                  aria-label={`${columns[0]?.label(index) ?? `Row ${index + 1}`} weight`}
                  className={`${controlClass} w-full py-1`}
                  type="number"
                  min={0}
                  step="any"
                  value={Number.isFinite(row.weight) ? row.weight : ""}
                  onChange={(event) => update(index, { ...row, weight: event.target.value === "" ? Number.NaN : Number(event.target.value) })}
                />
              </td>
              <td className="py-0.5 text-right tabular-nums text-slate-600 dark:text-slate-300">{total > 0 && Number.isFinite(row.weight) ? `${((100 * row.weight) / total).toFixed(1)} %` : "–"}</td>
              <td className="py-0.5 text-right">
                <button
                  type="button"
                  aria-label={`Remove ${columns[0]?.label(index) ?? `row ${index + 1}`}`}
                  className="rounded px-1.5 text-slate-400 hover:bg-slate-100 hover:text-rose-600 dark:hover:bg-slate-800"
                  onClick={() => onChange(rows.filter((_, at) => at !== index))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <button type="button" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </button>
        {footer}
      </div>
    </div>
  );
}
