/** The data-folder stores report corrupt files and never overwrite them. */
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataLayout, type DataLayout } from "../../electron/app-paths.js";
import { CorruptFileError } from "../../electron/storage/data-file.js";
import { DesignStore } from "../../electron/storage/design-store.js";
import { Library } from "../../electron/storage/library.js";
import { PersonaStore } from "../../electron/storage/persona-store.js";
import { SettingsStore } from "../../electron/storage/settings-store.js";
import { testDesign, testPersona } from "../support/designs.js";

let layout: DataLayout;
beforeEach(async () => {
  layout = dataLayout(await mkdtemp(path.join(tmpdir(), "studio-stores-")));
});
afterEach(async () => rm(layout.root, { recursive: true, force: true }));

describe("corrupt data files", () => {
  it("settings: defaults plus a problem; an update is refused and the file kept", async () => {
    await mkdir(layout.root, { recursive: true });
    await writeFile(layout.settingsFile, '{"threads": "many"}');
    const store = new SettingsStore(layout.settingsFile);
    const read = await store.read();
    expect(read.settings.threads).toBe(0);
    expect(read.problems[0]?.message).toContain("threads");
    await expect(store.update({ threads: 2 })).rejects.toBeInstanceOf(CorruptFileError);
    expect(await readFile(layout.settingsFile, "utf8")).toBe('{"threads": "many"}');
  });

  it("personas: readable entries listed, the bad one reported, changes refused", async () => {
    await mkdir(layout.root, { recursive: true });
    const original = JSON.stringify([{ username: "Ann" }, { age: 4 }]);
    await writeFile(layout.personasFile, original);
    const store = new PersonaStore(layout.personasFile);
    const listed = await store.list();
    expect(listed.personas.map((persona) => persona.username)).toEqual(["Ann"]);
    expect(listed.problems).toHaveLength(1);
    await expect(store.save(testPersona("Bo"))).rejects.toBeInstanceOf(CorruptFileError);
    await expect(store.delete("Ann")).rejects.toBeInstanceOf(CorruptFileError);
    expect(await readFile(layout.personasFile, "utf8")).toBe(original);
  });

  it("designs: one damaged file is reported, the others listed, and it is not replaced", async () => {
    const store = new DesignStore(layout.designsDirectory);
    const good = await store.save(testDesign("m.gguf"));
    await writeFile(path.join(layout.designsDirectory, "broken.json"), "{ nope");
    const listed = await store.list();
    expect(listed.designs.map((design) => design.id)).toEqual([good.id]);
    expect(listed.problems[0]?.file).toContain("broken.json");
    await expect(store.save(testDesign("m.gguf"), "broken")).rejects.toBeInstanceOf(CorruptFileError);
    expect(await readFile(path.join(layout.designsDirectory, "broken.json"), "utf8")).toBe("{ nope");
  });

  it("library: an unreadable discussion file is a problem; a damaged index is rebuilt", async () => {
    await mkdir(layout.discussionsDirectory, { recursive: true });
    await writeFile(path.join(layout.discussionsDirectory, "bad.json"), '{"logs": 3}');
    await writeFile(layout.libraryIndexFile, "garbage");
    const library = new Library(layout.root, layout.libraryIndexFile);
    const listed = await library.list();
    expect(listed.entries).toEqual([]);
    expect(listed.problems[0]?.file).toContain("bad.json");
    expect(await readFile(path.join(layout.discussionsDirectory, "bad.json"), "utf8")).toBe('{"logs": 3}');
    expect(JSON.parse(await readFile(layout.libraryIndexFile, "utf8"))).toEqual({ version: 2, files: {} });
  });
});
