/** A fresh data folder: the starter personas, the example design, persona sets and re-imports, through the contract. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { PERSONA_FIELDS, type Persona } from "../../shared/domain/persona.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { collectUntil, startHarness, type Harness } from "./studio-harness.js";

let harness: Harness;
let client: StudioClient;
beforeAll(async () => {
  harness = await startHarness();
  client = harness.client("in-process");
});
afterAll(async () => harness.close());

describe("first start", () => {
  it("loads a dozen varied starter personas in one call, and a second call adds nothing", async () => {
    expect((await client.call("personas.list", {})).personas).toEqual([]);
    const first = await client.call("personas.loadStarterSet", {});
    expect(first.imported).toHaveLength(12);
    expect(first.skipped).toEqual([]);
    const { personas, problems } = await client.call("personas.list", {});
    expect(problems).toEqual([]);
    // Varied: every field filled in, distinct occupations, ages across the adult range.
    for (const persona of personas) for (const field of PERSONA_FIELDS.filter((name) => name !== "sexual_orientation")) expect(persona[field], `${persona.username}.${field}`).not.toEqual("");
    expect(new Set(personas.map((persona) => persona.current_employment)).size).toBe(12);
    const ages = personas.map((persona) => Number(persona.age));
    expect(Math.min(...ages)).toBeLessThan(25);
    expect(Math.max(...ages)).toBeGreaterThan(65);
    const again = await client.call("personas.loadStarterSet", {});
    expect(again.imported).toEqual([]);
    expect(again.skipped).toHaveLength(12);
  });

  it("the example design names starter personas, leaves the model open, and runs once one is chosen", async () => {
    const { design } = await client.call("designs.example", {});
    expect(design.model).toBeUndefined();
    const starter = new Set((await client.call("personas.list", {})).personas.map((persona) => persona.username));
    for (const actor of [...design.participants, design.moderator!]) expect(starter.has(actor.persona.username)).toBe(true);
    expect(design.seedComments.length).toBeGreaterThan(0);

    const modelPath = await ensureTinyModel();
    const { discussionId } = await client.call("discussion.start", {
      design: { ...design, model: { backend: "llama", path: modelPath }, turns: 2, sampling: { ...design.sampling, maxTokens: 8 } },
    });
    const { done } = collectUntil(client, (event) => event.name === "discussion.end" && event.payload.discussionId === discussionId);
    const events = await done;
    expect(events.at(-1)).toMatchObject({ name: "discussion.end", payload: { reason: "completed" } });
  });
});

describe("persona sets in the data folder", () => {
  it("are saved, replaced by name, deleted, and seen by every client", async () => {
    await client.call("personas.saveSet", { set: { name: "pilot", usernames: ["lin_wei", "old_gus"] } });
    await client.call("personas.saveSet", { set: { name: "adults", usernames: ["harbour_nell"] } });
    const replaced = await client.call("personas.saveSet", { set: { name: "pilot", usernames: ["amara_o"] } });
    expect(replaced.sets).toEqual([
      { name: "adults", usernames: ["harbour_nell"] },
      { name: "pilot", usernames: ["amara_o"] },
    ]);
    expect((await harness.client("websocket").call("personas.sets", {})).sets).toEqual(replaced.sets);
    const file = JSON.parse(await readFile(path.join(harness.dataDirectory, "persona-sets.json"), "utf8"));
    expect(file).toEqual({ version: 1, sets: replaced.sets });
    expect((await client.call("personas.deleteSet", { name: "adults" })).sets.map((set) => set.name)).toEqual(["pilot"]);
  });

  it("takes over what a browser kept in its own storage; a name already saved keeps its people", async () => {
    const migrated = await client.call("personas.migrateSets", {
      sets: [
        { name: "pilot", usernames: ["someone-else"] },
        { name: "from the browser", usernames: ["devika.r"] },
      ],
    });
    expect(migrated.added).toEqual(["from the browser"]);
    expect(migrated.sets).toEqual([
      { name: "from the browser", usernames: ["devika.r"] },
      { name: "pilot", usernames: ["amara_o"] },
    ]);
  });

  it("a corrupt sets file is reported and left as it was", async () => {
    const file = path.join(harness.dataDirectory, "persona-sets.json");
    await writeFile(file, "{ not json");
    await expect(client.call("personas.sets", {})).rejects.toMatchObject({ code: "corrupt-file" });
    await expect(client.call("personas.saveSet", { set: { name: "x", usernames: [] } })).rejects.toMatchObject({ code: "corrupt-file" });
    expect(await readFile(file, "utf8")).toBe("{ not json");
    await writeFile(file, JSON.stringify({ version: 1, sets: [] }));
  });
});

describe("importing a personas file whose usernames are taken", () => {
  const file = (personas: Partial<Persona>[]) => ({ fileName: "again.json", content: JSON.stringify(personas) });

  it("skips them by default, replaces them, or keeps both under a copy name", async () => {
    const skipped = await client.call("personas.importFile", { file: file([{ username: "lin_wei", age: 20 }, { username: "new_one" }]) });
    expect(skipped).toEqual({ imported: ["new_one"], skipped: ["lin_wei: already exists"] });

    const replaced = await client.call("personas.importFile", { file: file([{ username: "lin_wei", age: 20 }]), onConflict: "replace" });
    expect(replaced.imported).toEqual(["lin_wei"]);
    const both = await client.call("personas.importFile", { file: file([{ username: "lin_wei", age: 21 }, { username: "lin_wei (copy)", age: 22 }]), onConflict: "keep-both" });
    expect(both.imported).toEqual(["lin_wei (copy)", "lin_wei (copy) (copy)"]);
    const { personas } = await client.call("personas.list", {});
    const ages = Object.fromEntries(personas.filter((persona) => persona.username.startsWith("lin_wei")).map((persona) => [persona.username, persona.age]));
    expect(ages).toEqual({ lin_wei: 20, "lin_wei (copy)": 21, "lin_wei (copy) (copy)": 22 });
  });
});
