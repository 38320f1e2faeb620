/** library.search: the server-side text search the Library view uses, so the renderer never loads every discussion. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
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
});
