import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedAuthorsSynDiscoCannotRead, seedAuthorWarning } from "../../shared/domain/syndisco-compat.js";
import { designFromFlags } from "../../electron/cli/design-from-flags.js";


describe("seed comment authors SynDisco's loader cannot place", () => {
  it("names authors that are neither a participant nor the moderator, once each", () => {
    const design = {
      participants: ["maple", "birch"],
      moderator: "mod",
      seedComments: [
        { author: "maple", text: "a" },
        { author: "mod", text: "b" },
        { author: "news-site", text: "c" },
        { author: "news-site", text: "d" },
        { author: "Maple", text: "e" },
      ],
    };
    expect(seedAuthorsSynDiscoCannotRead(design)).toEqual(["news-site", "Maple"]);
    expect(seedAuthorWarning(design)).toMatch(/^Seed comment author "news-site", "Maple" are not among the participants or the moderator: SynDisco's import_discussions refuses/);
  });

  it("says nothing when every author takes part (a moderator's seed too)", () => {
    expect(seedAuthorWarning({ participants: ["maple"], moderator: "mod", seedComments: [{ author: "mod" }] })).toBeNull();
    expect(seedAuthorWarning({ participants: ["maple"], moderator: null, seedComments: [] })).toBeNull();
    expect(seedAuthorWarning({ participants: ["maple"], moderator: null, seedComments: [{ author: "mod" }] })).toMatch(/"mod" is not among/);
  });

  it("cli run warns about such an author and still runs the design", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "seed-authors-"));
    const personas = path.join(folder, "personas.json");
    await writeFile(personas, JSON.stringify([{ username: "maple" }, { username: "birch" }]));
    const warnings: string[] = [];
    const design = await designFromFlags(
      { personas, users: "2", model: path.join(folder, "m.gguf"), "seed-comment": ["news-site: The city plans a park."] },
      (line) => warnings.push(line),
    );
    expect(design.seedComments).toEqual([{ author: "news-site", text: "The city plans a park." }]);
    expect(warnings).toEqual([expect.stringMatching(/^Seed comment author "news-site" is not among the participants/)]);

    const quiet: string[] = [];
    await designFromFlags({ personas, users: "2", model: path.join(folder, "m.gguf"), "seed-comment": ["maple: The city plans a park."] }, (line) => quiet.push(line));
    expect(quiet).toEqual([]);
  });
});
