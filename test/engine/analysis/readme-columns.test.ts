import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { measureStudy, type StudyMeasures } from "../../../electron/engine/analysis/study-measures.js";
import { commentsDataset, discussionsDataset, pandasDtype } from "../../../electron/engine/analysis/dataset.js";
import { writeParkStudy } from "../../support/analysis-study.js";

/** The README's "Dataset columns" table: table, column (or a `prefix_<name>` pattern), dtype. */
function documentedColumns(): { table: string; column: string; dtype: string }[] {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Dataset columns"));
  return [...section.matchAll(/^\| (comments|discussions|both) \| `([^`]+)` \| ([A-Za-z0-9]+) \|/gm)].flatMap(([, table, column, dtype]) =>
    (table === "both" ? ["comments", "discussions"] : [table as string]).map((name) => ({ table: name, column: column as string, dtype: dtype as string })),
  );
}

let folder: string;
let study: StudyMeasures;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "readme-columns-"));
  await writeParkStudy(folder, { records: true });
  study = { ...(await measureStudy(folder)), annotationDimensions: ["toxicity"] };
});
afterAll(() => rm(folder, { recursive: true, force: true }));

it("documents every dataset column with the dtype pandas reads, and nothing else", () => {
  const documented = documentedColumns();
  for (const dataset of [commentsDataset(study, new Map()), discussionsDataset(study)]) {
    const rows = documented.filter((row) => row.table === dataset.name);
    const matched = new Set<string>();
    for (const column of dataset.columns) {
      const row = rows.find((candidate) => candidate.column === column.name) ?? rows.find((candidate) => candidate.column.endsWith(">") && column.name.startsWith(candidate.column.slice(0, candidate.column.indexOf("<"))));
      expect(row, `${dataset.name}.${column.name} is not in the README`).toBeDefined();
      // A column that is always filled in a study: the README gives its study dtype.
      if (column.name !== "text") expect(pandasDtype(column), `${dataset.name}.${column.name}`).toBe(row!.dtype);
      matched.add(row!.column);
    }
    expect(rows.map((row) => row.column).filter((column) => !matched.has(column)), `${dataset.name}: documented but not written`).toEqual([]);
  }
});
