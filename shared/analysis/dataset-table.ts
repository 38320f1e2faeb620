/**
 * A study dataset's table as the analysis builds it and the dataset files write it: typed columns
 * whose type fixes the pandas dtype, and the column names of the design's factors.
 */

export type ColumnType = "string" | "int32" | "float64" | "bool";
export type CellValue = string | number | boolean | null;

export interface DatasetColumn {
  name: string;
  type: ColumnType;
  /** Whether the column may hold missing values (it decides the pandas dtype: Int32, boolean). */
  nullable: boolean;
  description: string;
  values: CellValue[];
}

export interface Dataset {
  name: "comments" | "discussions";
  rowCount: number;
  columns: DatasetColumn[];
}

/** The pandas dtype `pd.read_parquet` gives a column (pandas 3; strings are `object` in pandas 2). */
export function pandasDtype(column: Pick<DatasetColumn, "type" | "nullable">): string {
  switch (column.type) {
    case "string":
      return "str";
    case "float64":
      return "float64";
    case "int32":
      return column.nullable ? "Int32" : "int32";
    case "bool":
      return column.nullable ? "boolean" : "bool";
  }
}

/** `turnManager` -> `factor_turn_manager`. */
export function factorColumn(factor: string): string {
  return `factor_${factor.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
}
