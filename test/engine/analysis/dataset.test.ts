import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureStudy, type StudyMeasures } from "../../../electron/engine/analysis/study-measures.js";
import { writeStudyDataset, type WrittenDataset } from "../../../electron/engine/analysis/write-dataset.js";
import { summarize } from "../../../electron/engine/analysis/summarize.js";
import { figureStem } from "../../../electron/engine/analysis/report-plan.js";
import { writeParkStudy } from "../../support/analysis-study.js";
import { parseCsv } from "../../../shared/csv.js";

/**
 * What pandas 3 / pyarrow read from this same dataset, recorded once by
 * test/fixtures/analysis/make-dataset-expectation.py (which also ran the generated analysis.py).
 */
const expectation = JSON.parse(readFileSync(new URL("../../fixtures/analysis/dataset-expectation.json", import.meta.url), "utf8")) as {
  tables: Record<string, {
    dtypes: Record<string, string>;
    arrow: Record<string, { type: string; nullable: boolean }>;
    rows: unknown[][];
    csvDtypesMatch: boolean;
    csvValuesMatch: boolean;
  }>;
  pythonConditions: Record<string, { condition: string; n: number; mean: number | null; sd: number | null; ci_low: number | null; ci_high: number | null }[]>;
  pythonTurns: Record<string, { condition: string; turn: number; n: number; mean: number | null; ci_low: number | null; cumulative_n: number; cumulative_mean: number | null; cumulative_ci_high: number | null }[]>;
};

function expectSame(mine: number | null, theirs: number | null, what: string): void {
  if (theirs === null) expect(mine, what).toBeNull();
  else expect(mine, what).toBeCloseTo(theirs, 10);
}

let out: string;
let study: StudyMeasures;
let written: WrittenDataset;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), "analysis-dataset-"));
  await writeParkStudy(path.join(out, "study"), { records: true });
  study = await measureStudy(path.join(out, "study"));
  written = await writeStudyDataset(study, out);
});
afterAll(() => rm(out, { recursive: true, force: true }));

const ARROW_TO_PARQUET: Record<string, string> = { string: "BYTE_ARRAY", int32: "INT32", double: "DOUBLE", bool: "BOOLEAN" };

async function readParquet(table: string) {
  const bytes = await readFile(path.join(out, "dataset", `${table}.parquet`));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { metadata: parquetMetadata(buffer), rows: await parquetReadObjects({ file: buffer }) };
}

describe.each(["comments", "discussions"])("the %s table", (table) => {
  const expected = () => expectation.tables[table]!;

  it("has the columns, physical types and nullability pyarrow read, and pandas' metadata for its dtypes", async () => {
    const { metadata } = await readParquet(table);
    const fields = metadata.schema.slice(1);
    expect(fields.map((field) => field.name)).toEqual(Object.keys(expected().arrow));
    for (const field of fields) {
      const arrow = expected().arrow[field.name]!;
      expect(field.type, field.name).toBe(ARROW_TO_PARQUET[arrow.type]);
      expect(field.repetition_type, field.name).toBe(arrow.nullable ? "OPTIONAL" : "REQUIRED");
    }
    const pandas = JSON.parse(metadata.key_value_metadata!.find((entry) => entry.key === "pandas")!.value!) as { columns: { name: string; numpy_type: string }[] };
    // pandas takes nullable dtypes (Int32, boolean) from this metadata; strings are "str" whatever it says.
    for (const column of pandas.columns) {
      const dtype = expected().dtypes[column.name]!;
      expect(column.numpy_type, column.name).toBe(dtype === "str" ? "object" : dtype);
    }
  });

  it("holds the values pandas read, row by row", async () => {
    const { rows } = await readParquet(table);
    expect(rows.map((row) => Object.values(row))).toEqual(expected().rows);
  });

  it("documents each column's pandas dtype in the codebook, and the CSV read with them matched the Parquet", async () => {
    const dataset = written.datasets.find((candidate) => candidate.name === table)!;
    const codebook = parseCsv(await readFile(path.join(out, "dataset", "codebook.csv"), "utf8")).slice(1).filter((row) => row[0] === table);
    expect(Object.fromEntries(codebook.map((row) => [row[1], row[2]]))).toEqual(expected().dtypes);
    expect(codebook.every((row) => (row[4] ?? "").length > 10)).toBe(true);
    expect(dataset.columns.map((column) => column.name)).toEqual(Object.keys(expected().dtypes));
    expect([expected().csvDtypesMatch, expected().csvValuesMatch]).toEqual([true, true]);
  });

  it("writes the CSV with the same values (empty where missing, True/False for booleans)", async () => {
    const csv = parseCsv(await readFile(path.join(out, "dataset", `${table}.csv`), "utf8"));
    expect(csv[0]).toEqual(Object.keys(expected().dtypes));
    const asCsv = (value: unknown) => (value === null ? "" : value === true ? "True" : value === false ? "False" : String(value));
    expect(csv.slice(1)).toEqual(expected().rows.map((row) => row.map(asCsv)));
  });
});

describe("the generated Python script", () => {
  it("computed the same condition means, deviations and intervals from the dataset as the app", () => {
    for (const analysis of written.plan.analyses) {
      const stem = figureStem(analysis, "").replace(/-$/, "");
      const python = expectation.pythonConditions[stem]!;
      const app = summarize(study, { measure: analysis.measure, factors: written.plan.factors, unit: analysis.unit });
      expect(app.conditions.map((c) => c.condition), stem).toEqual(python.map((row) => row.condition));
      app.conditions.forEach((condition, index) => {
        const row = python[index]!;
        expect(condition.n, `${stem} ${condition.condition}`).toBe(row.n);
        for (const [mine, theirs] of [[condition.mean, row.mean], [condition.sd, row.sd], [condition.ciLow, row.ci_low], [condition.ciHigh, row.ci_high]] as const) {
          expectSame(mine, theirs, stem);
        }
      });
    }
  });

  it("computed the same per-turn and running means by turn", () => {
    const compared = written.plan.analyses.filter((analysis) => analysis.measure.level === "comment");
    expect(compared.length).toBeGreaterThan(2);
    for (const analysis of compared) {
      const stem = figureStem(analysis, "").replace(/-$/, "");
      const python = expectation.pythonTurns[stem]!;
      const app = summarize(study, { measure: analysis.measure, factors: written.plan.factors, unit: analysis.unit }).byTurn;
      expect(app.map((point) => [point.condition, point.turn, point.n, point.cumulativeN]), stem).toEqual(python.map((row) => [row.condition, row.turn, row.n, row.cumulative_n]));
      app.forEach((point, index) => {
        const row = python[index]!;
        expectSame(point.mean, row.mean, stem);
        expectSame(point.ciLow, row.ci_low, stem);
        expectSame(point.cumulativeMean, row.cumulative_mean, stem);
        expectSame(point.cumulativeCiHigh, row.cumulative_ci_high, stem);
      });
    }
  });

  it("is valid Python that embeds the study's plan", async () => {
    const script = path.join(out, "analysis.py");
    execFileSync("python3", ["-m", "py_compile", script]);
    const text = await readFile(script, "utf8");
    expect(text).toContain('Analysis of the study "Park study"');
    expect(text).toContain("smf.mixedlm(formula, values, groups=values[\"discussion_id\"])");
  });
});
