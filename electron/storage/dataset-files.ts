import { parquetWriteBuffer, type BasicType } from "hyparquet-writer";
import { pandasDtype, type CellValue, type ColumnType, type Dataset } from "../../shared/analysis/dataset-table.js";
import { csvField } from "./export-csv.js";
import { appVersion } from "../app-version.js";

/**
 * The dataset's files. CSV: RFC 4180, UTF-8, a header row, missing values empty, booleans as
 * True/False (what pandas.read_csv parses as bool). Parquet: one column per dataset column
 * with its physical type, plus pandas' own metadata so `pd.read_parquet` gives the nullable
 * dtypes (Int32, boolean) instead of float and object.
 */

export function datasetCsv(dataset: Dataset): string {
  const lines = [dataset.columns.map((column) => csvField(column.name)).join(",")];
  for (let row = 0; row < dataset.rowCount; row++) {
    lines.push(dataset.columns.map((column) => csvCell(column.values[row] ?? null)).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function csvCell(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return csvField(value);
}

const PARQUET_TYPES: Record<ColumnType, BasicType> = { string: "STRING", int32: "INT32", float64: "DOUBLE", bool: "BOOLEAN" };
const PANDAS_TYPES: Record<ColumnType, string> = { string: "unicode", int32: "int32", float64: "float64", bool: "bool" };

export function datasetParquet(dataset: Dataset): Uint8Array {
  const pandas = {
    index_columns: [],
    column_indexes: [],
    columns: dataset.columns.map((column) => ({
      name: column.name,
      field_name: column.name,
      pandas_type: PANDAS_TYPES[column.type],
      numpy_type: pandasDtype(column) === "str" ? "object" : pandasDtype(column),
      metadata: null,
    })),
    attributes: {},
    creator: { library: appVersion },
    pandas_version: "2.2.0",
  };
  const buffer = parquetWriteBuffer({
    columnData: dataset.columns.map((column) => ({
      name: column.name,
      data: column.values,
      type: PARQUET_TYPES[column.type],
      nullable: column.nullable,
    })),
    kvMetadata: [{ key: "pandas", value: JSON.stringify(pandas) }],
    createdBy: appVersion,
  });
  return new Uint8Array(buffer);
}

/** What every column is: table, column, pandas dtype, whether it can be empty, and its meaning. */
export function codebookCsv(datasets: readonly Dataset[]): string {
  const lines = ["table,column,dtype,nullable,description"];
  for (const dataset of datasets) {
    for (const column of dataset.columns) {
      lines.push([dataset.name, column.name, pandasDtype(column), column.nullable ? "True" : "False", column.description].map(csvField).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
