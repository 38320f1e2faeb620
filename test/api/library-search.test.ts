/** library.search: the server-side text search the Library view uses, so the renderer never loads every discussion. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataLayout, type DataLayout } from "../../electron/app-paths.js";
import { Library } from "../../electron/storage/library.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");
let layout: DataLayout;
beforeEach(async () => {
  layout = dataLayout(await mkdtemp(path.join(tmpdir(), "studio-library-search-")));
});
afterEach(async () => rm(layout.root, { recursive: true, force: true }));

describe("Library.search", () => {
  it("finds discussions by comment text, participant and model, case-insensitively; lists models per entry", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile);
    const files = await Promise.all(
      ["discussion-legacy-moderated.json", "discussion-v2-moderated.json"].map(async (fileName) => ({ fileName, content: await readFile(path.join(fixtures, fileName), "utf8") })),
    );
    const { imported, problems } = await library.importFiles(files);
    expect(problems).toEqual([]);
    expect(imported).toHaveLength(2);
    const { entries } = await library.list();
    const v2 = entries.find((entry) => entry.format === "v2")!;
    expect(v2.models).toContain("tiny-model");
    expect(v2.models).not.toContain("hardcoded");

    expect((await library.search("PARKS ARE FOR EVERYONE")).ids).toContain(v2.id);
    expect((await library.search(v2.users[0]!)).ids).toContain(v2.id);
    expect((await library.search("no discussion says this")).ids).toEqual([]);
  });

  it("stays correct as discussions are imported, archived, restored and rewritten on disk, and in a new process", async () => {
    const library = new Library(layout.root, layout.libraryIndexFile);
    const legacy = JSON.parse(await readFile(path.join(fixtures, "discussion-legacy-moderated.json"), "utf8")) as { id: string; logs: { name: string; text: string }[] };
    /** The fixture under another id, one comment saying `said`. */
    const discussion = (id: string, said: string) => ({ fileName: `${id}.json`, content: JSON.stringify({ ...legacy, id, logs: legacy.logs.map((log, index) => (index === 1 ? { ...log, text: said } : log)) }) });
    await library.importFiles([discussion("first", "Zebra crossings by the school, please.")]);
    await library.list();
    expect((await library.search("zebra CROSSINGS")).ids).toEqual(["first"]);

    // Imported after the index was built: found at once, and the earlier one still is.
    await library.importFiles([discussion("second", "A zebra crossing and a bench.")]);
    expect((await library.search("zebra crossing")).ids.sort()).toEqual(["first", "second"]);
    expect((await library.search("bench")).ids).toEqual(["second"]);

    // Archived (the Library's delete): no longer found; restored: found again.
    expect((await library.archive(["first"])).archived).toEqual(["first"]);
    expect((await library.search("zebra crossing")).ids).toEqual(["second"]);
    await library.restore(["first"]);
    expect((await library.search("zebra crossings")).ids).toEqual(["first"]);

    // A file rewritten behind the library's back (as a run's files are): its new text, not the old.
    await writeFile(path.join(library.directory, "second.json"), discussion("second", "Only trees now.").content);
    expect((await library.search("bench")).ids).toEqual([]);
    expect((await library.search("only trees")).ids).toEqual(["second"]);

    // A new process reads the index the last one left on disk; a damaged index is rebuilt from the files.
    await library.settled();
    expect((await new Library(layout.root, layout.libraryIndexFile).search("only trees")).ids).toEqual(["second"]);
    await writeFile(layout.libraryIndexFile.replace(/\.json$/, "-text.json"), "{ not json");
    const fresh = new Library(layout.root, layout.libraryIndexFile);
    expect((await fresh.search("zebra")).ids).toEqual(["first"]);
    expect((await fresh.search("only trees")).ids).toEqual(["second"]);
  });
});
