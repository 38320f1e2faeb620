import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStudio } from "../../electron/api/studio.js";
import type { CommandOutput } from "../../shared/contract.js";
import { migrateRunFolder, migrateStudyFolder } from "../../electron/storage/run-folder-migration.js";
import { readStudyFolder } from "../../electron/storage/study-folder.js";
import { runPaths, runRootOf } from "../../electron/storage/run-layout.js";
import { syndiscoLoads } from "../support/syndisco-loader.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");
const moderated = () => readFile(path.join(fixtures, "discussion-legacy-moderated.json"), "utf8");
const unmoderated = () => readFile(path.join(fixtures, "discussion-legacy-unmoderated.json"), "utf8");
const record = (id: string) => `${JSON.stringify({ id, note: "a run record as far as the migration cares" })}\n`;
const exists = (file: string) => stat(file).then(() => true, () => false);

/** Every file below a folder, relative, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

describe("run layout: SynDisco files alone in discussions/, our records beside them", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "run-layout-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names a run's files and finds the output folder back from any of them", () => {
    const paths = runPaths("/data", "run-1");
    expect(paths).toEqual({ discussion: "/data/discussions/run-1.json", runRecord: "/data/records/run-1.run.json", journal: "/data/records/run-1.journal.jsonl" });
    expect(runRootOf(paths.runRecord)).toBe("/data");
    expect(runRootOf(paths.discussion)).toBe("/data");
    expect(runRootOf("/data/elsewhere/run-1.run.json")).toBeNull();
    expect(() => runPaths("/data", "../x")).toThrow(/not a valid id/);
  });

  it("SynDisco's loaders read the old side-by-side folder only with a KeyError: the reason for the layout", async () => {
    await writeFile(path.join(dir, "a.json"), await moderated());
    await writeFile(path.join(dir, "a.run.json"), record("a"));
    await expect(syndiscoLoads("2.0.8", dir)).rejects.toThrow(/KeyError: 'logs'/);
    await expect(syndiscoLoads("2.0.7", dir)).rejects.toThrow(/KeyError: 'logs'/);
  });

  it("an older data folder is migrated on start: nothing lost, nothing overwritten, and discussions/ is what both SynDisco loaders read", async () => {
    const discussions = path.join(dir, "discussions");
    await mkdir(discussions, { recursive: true });
    // A run (file + record), an imported file (no record), and a record whose new place holds something else.
    await writeFile(path.join(discussions, "run-a.json"), await moderated());
    await writeFile(path.join(discussions, "run-a.run.json"), record("run-a"));
    await writeFile(path.join(discussions, "imported.json"), await unmoderated());
    await writeFile(path.join(discussions, "run-c.run.json"), record("run-c"));
    await mkdir(path.join(dir, "records"), { recursive: true });
    await writeFile(path.join(dir, "records", "run-c.run.json"), "something else\n");
    // A study as older versions wrote it: each cell's files in a folder named after it.
    const study = path.join(dir, "experiments", "park-study");
    await mkdir(path.join(study, "cell-1"), { recursive: true });
    await writeFile(path.join(study, "experiment.json"), "{}\n");
    await writeFile(path.join(study, "cell-1", "s-1.json"), await moderated());
    await writeFile(path.join(study, "cell-1", "s-1.run.json"), record("s-1"));
    const before = await moderated();

    const studio = await createStudio({ dataDirectory: dir, registry: { threads: 1, gpu: false } });
    try {
      expect(studio.startup.migration.moved).toBe(3);
      const result = await studio.router.invoke("library.list", {});
      if (!result.ok) throw new Error(result.error.message);
      const listed = result.value as CommandOutput<"library.list">;
      expect(listed.entries.map((entry) => entry.id).sort()).toEqual(["imported", "run-a"]);
      // The file it could not move is named as a problem, and still where it was.
      expect(listed.problems).toEqual([expect.objectContaining({ file: path.join(discussions, "run-c.run.json"), message: expect.stringMatching(/left where it was/) })]);
    } finally {
      await studio.dispose();
    }
    expect(await filesUnder(dir)).toEqual(
      [
        "discussions/imported.json",
        "discussions/run-a.json",
        "discussions/run-c.run.json",
        "experiments/park-study/discussions/s-1.json",
        "experiments/park-study/experiment.json",
        "experiments/park-study/records/s-1.run.json",
        "library-index-text.json",
        "library-index.json",
        "records/run-a.run.json",
        "records/run-c.run.json",
      ],
    );
    expect(await readFile(path.join(dir, "discussions", "run-a.json"), "utf8")).toBe(before);
    expect(await readFile(path.join(dir, "records", "run-a.run.json"), "utf8")).toBe(record("run-a"));
    expect(await readFile(path.join(dir, "records", "run-c.run.json"), "utf8")).toBe("something else\n");
    expect(await exists(path.join(study, "cell-1"))).toBe(false);

    // What the README says to give SynDisco: the study's discussions/ reads as is.
    expect(await syndiscoLoads("2.0.7", path.join(study, "discussions"))).toEqual({ files: 1, comments: 7 });
    expect(await syndiscoLoads("2.0.8", path.join(study, "discussions"))).toEqual({ files: 1, comments: 7 });
  });

  it("a `cli run --out` folder of an older version: its runs move, other files stay", async () => {
    await writeFile(path.join(dir, "r-1.json"), await moderated());
    await writeFile(path.join(dir, "r-1.run.json"), record("r-1"));
    await writeFile(path.join(dir, "r-2.journal.jsonl"), "{}\n");
    await writeFile(path.join(dir, "design.json"), "{}");
    expect(await migrateRunFolder(dir)).toEqual({ moved: 3, kept: [] });
    expect(await filesUnder(dir)).toEqual(["design.json", "discussions/r-1.json", "records/r-1.run.json", "records/r-2.journal.jsonl"]);
    // Twice is the same as once.
    expect(await migrateRunFolder(dir)).toEqual({ moved: 0, kept: [] });
  });

  it("an older study folder is migrated where it is, and analysis reads one nothing has migrated yet", async () => {
    const study = path.join(dir, "study");
    const spec = { kind: "syndisco-studio.experiment", spec: {}, cells: [{ id: "cell-1", conditions: { moderator: "none" } }], discussions: [{ discussionId: "s-1", cell: "cell-1", repetition: 1 }] };
    await mkdir(path.join(study, "cell-1"), { recursive: true });
    await writeFile(path.join(study, "experiment.json"), JSON.stringify(spec));
    await writeFile(path.join(study, "cell-1", "s-1.json"), await moderated());
    await writeFile(path.join(study, "cell-1", "s-1.run.json"), record("s-1"));
    await writeFile(path.join(study, "cell-1", "notes.txt"), "mine");

    const unmigrated = await readStudyFolder(study);
    expect(unmigrated.discussions[0]).toMatchObject({ discussionFile: path.join(study, "cell-1", "s-1.json"), recordFile: path.join(study, "cell-1", "s-1.run.json") });

    expect(await migrateStudyFolder(study)).toEqual({ moved: 2, kept: [] });
    // A file that is not a run's stays, and so does its folder.
    expect(await filesUnder(study)).toEqual(["cell-1/notes.txt", "discussions/s-1.json", "experiment.json", "records/s-1.run.json"]);
    const migrated = await readStudyFolder(study);
    expect(migrated.discussions[0]).toMatchObject({ discussionFile: path.join(study, "discussions", "s-1.json"), recordFile: path.join(study, "records", "s-1.run.json") });
  });
});
