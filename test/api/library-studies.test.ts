/** The Library lists, opens, searches and exports the discussions studies wrote, which stay in their cell folders. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataLayout, type DataLayout } from "../../electron/app-paths.js";
import { Library } from "../../electron/storage/library.js";
import { runPaths } from "../../electron/storage/run-files.js";
import { writeParkStudy, type WrittenStudy } from "../support/analysis-study.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");
let layout: DataLayout;
let experiments: string;
let study: WrittenStudy;
beforeEach(async () => {
  layout = dataLayout(await mkdtemp(path.join(tmpdir(), "studio-library-studies-")));
  experiments = path.join(layout.root, "experiments");
  study = await writeParkStudy(path.join(experiments, "Park-study"));
});
afterEach(async () => rm(layout.root, { recursive: true, force: true }));

describe("Library with studies", () => {
  it("lists each written study discussion with its study, cell and conditions beside the library's own", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile, experiments);
    await library.importFiles([{ fileName: "own.json", content: await readFile(path.join(fixtures, "discussion-legacy-moderated.json"), "utf8") }]);
    const { entries, problems } = await library.list();
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1 + 4);
    const modRun = study.find("mod", 1);
    const entry = entries.find((candidate) => candidate.id === modRun.discussionId);
    expect(entry).toMatchObject({
      fileName: `${modRun.discussionId}.json`,
      commentCount: 7,
      status: "imported",
      study: { id: "Park-study", name: "Park study", cell: modRun.cell.id, conditions: { moderator: "mod", turnManager: "rr" } },
    });
    expect(entries.filter((candidate) => candidate.study === undefined)).toHaveLength(1);
    // Listed again from the index: the same entries, study fields kept.
    expect((await library.list()).entries).toEqual(entries);
  });

  it("opens, searches and exports a study's discussion by id; a corrupt one is a named problem", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile, experiments);
    const planned = study.find("none", 1);
    const opened = await library.open(planned.discussionId);
    expect(opened.log.comments.map((comment) => comment.text)).toContain("No way, too expensive.");
    expect(opened.entry.study?.cell).toBe(planned.cell.id);
    expect((await library.search("too expensive")).ids).toEqual([planned.discussionId]);
    expect((await library.export(planned.discussionId, "markdown")).content).toContain("No way, too expensive.");
    expect(await library.fileOf(planned.discussionId)).toBe(runPaths(path.join(experiments, "Park-study"), planned.discussionId).discussion);

    const broken = runPaths(path.join(experiments, "Park-study"), study.find("mod", 0).discussionId).discussion;
    await writeFile(broken, '{"id": "x", "logs": [');
    const { entries, problems } = await library.list();
    expect(entries).toHaveLength(3);
    expect(problems).toEqual([{ file: broken, message: expect.stringContaining("not valid JSON") }]);
    await expect(library.open("no-such-discussion")).rejects.toThrow('no discussion "no-such-discussion" in the library or any study');
  });

  it("shows a running study's discussions as they are written, and only those", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile, experiments);
    const later = study.find("mod", 1);
    const file = runPaths(path.join(experiments, "Park-study"), later.discussionId).discussion;
    const content = await readFile(file, "utf8");
    await rm(file);
    expect((await library.list()).entries.map((entry) => entry.id)).not.toContain(later.discussionId);
    await writeFile(file, content);
    expect((await library.list()).entries.map((entry) => entry.id)).toContain(later.discussionId);
  });

  it("archives the library's own discussions with their run records and restores them; a study's discussion stays", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile, experiments);
    await library.importFiles([{ fileName: "own.json", content: await readFile(path.join(fixtures, "discussion-legacy-moderated.json"), "utf8") }]);
    const own = (await library.list()).entries.find((entry) => !entry.study)!;
    const ownFile = path.join(layout.discussionsDirectory, `${own.id}.json`);
    const bytes = await readFile(ownFile);
    await mkdir(layout.recordsDirectory, { recursive: true });
    await writeFile(runPaths(layout.root, own.id).runRecord, "{}");
    const studyId = study.find("mod", 0).discussionId;

    const result = await library.archive([own.id, studyId, "absent"]);
    expect(result.archived).toEqual([own.id]);
    expect(result.problems).toEqual([
      { file: "absent", message: 'no discussion "absent" in the library' },
      { file: expect.stringContaining(studyId), message: 'it belongs to the study "Park study", whose analysis and resuming need it; it stays' },
    ]);
    expect((await library.list()).entries.map((entry) => entry.id)).not.toContain(own.id);
    const archived = path.join(layout.root, "archive", "discussions");
    expect(await readFile(path.join(archived, `${own.id}.json`))).toEqual(bytes);
    expect(await readFile(path.join(layout.root, "archive", "records", `${own.id}.run.json`), "utf8")).toBe("{}");

    expect(await library.restore([own.id])).toEqual({ restored: [own.id], problems: [] });
    expect(await readFile(ownFile)).toEqual(bytes);
    expect(await readFile(runPaths(layout.root, own.id).runRecord, "utf8")).toBe("{}");
    expect((await library.restore([own.id])).problems[0]?.message).toBe(`discussion "${own.id}" is not in the archive`);
  });

  it("without the experiments folder it lists only its own files, as before", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile);
    expect((await library.list()).entries).toEqual([]);
  });
});
