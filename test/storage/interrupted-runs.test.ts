import { mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStudio, type Studio } from "../../electron/api/studio.js";
import type { CommandInput, CommandName, CommandOutput } from "../../shared/contract.js";
import { recoverJournal } from "../../electron/storage/run-files.js";
import { buildDiscussionLog } from "../../electron/engine/discussion-log.js";
import type { JournalEntry } from "../../electron/storage/journal.js";
import { testDesign } from "../support/designs.js";

/** A journal as a run killed after two comments leaves it (one JSON line per entry). */
function killedJournal(discussionId: string): string {
  const entries: JournalEntry[] = [
    {
      kind: "start",
      discussionId,
      startedAt: "2026-01-02T03:04:05.000Z",
      design: testDesign("/models/tiny.gguf"),
      turnManagerSeed: 1,
      models: [{ displayName: "tiny", backend: "llama" }],
      runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 2048 },
    },
    { kind: "comment", index: 0, comment: { name: "Ann", text: "The park should open later.", model: "hardcoded", role: "seed", turn: -1 }, stats: null },
    { kind: "turn", turn: 0, speaker: "Ann" },
    { kind: "comment", index: 1, comment: { name: "Ann", text: "Agreed, later is better.", model: "tiny", role: "user", turn: 0 }, stats: null },
  ];
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}

/** A temporary file a kill left behind mid-write (writes are temp + rename), an hour old. */
async function staleTemporaryFile(file: string): Promise<string> {
  const temporary = `${file}.999999999.1700000000000.tmp`;
  await writeFile(temporary, "{ half a fi");
  const anHourAgo = new Date(Date.now() - 3_600_000);
  await utimes(temporary, anHourAgo, anHourAgo);
  return temporary;
}

async function call<N extends CommandName>(studio: Studio, command: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await studio.router.invoke(command, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as CommandOutput<N>;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe("interrupted runs (issue 11, items 7 and 11)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "interrupted-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("recover refuses a journal whose discussion id would write outside its folder", async () => {
    const folder = path.join(dir, "a", "b", "records");
    await mkdir(folder, { recursive: true });
    const journal = path.join(folder, "evil.journal.jsonl");
    await writeFile(journal, killedJournal("../../../x"));
    await expect(recoverJournal(journal, buildDiscussionLog)).rejects.toThrow(/not a valid id/);
    const everything = await readdir(dir, { recursive: true });
    expect(everything.filter((name) => name.endsWith(".json"))).toEqual([]);
    // The journal stays for the user to look at.
    expect(await exists(journal)).toBe(true);
  });

  it("at start the app recovers every journal into the Library, marked interrupted, and says so", async () => {
    // A data folder as the app laid it out before discussions/ held only SynDisco files.
    const discussions = path.join(dir, "discussions");
    await mkdir(discussions, { recursive: true });
    await writeFile(path.join(discussions, "run-1.journal.jsonl"), killedJournal("run-1"));
    const studio = await createStudio({ dataDirectory: dir, registry: { threads: 1, gpu: false } });
    try {
      const listed = await call(studio, "library.list", {});
      expect(listed.entries).toMatchObject([{ id: "run-1", status: "recovered", commentCount: 2 }]);
      expect(listed.interrupted).toEqual(["run-1"]);
      const opened = await call(studio, "library.open", { id: "run-1" });
      expect(opened.log.comments.map((comment) => comment.text)).toEqual(["The park should open later.", "Agreed, later is better."]);
      expect(opened.record?.status).toBe("recovered");
    } finally {
      await studio.dispose();
    }
  });

  it("temporary files left by a kill are removed on the next start and by recover", async () => {
    const discussions = path.join(dir, "discussions");
    await mkdir(discussions, { recursive: true });
    const atStart = await staleTemporaryFile(path.join(discussions, "run-2.json"));
    const studio = await createStudio({ dataDirectory: dir, registry: { threads: 1, gpu: false } });
    await studio.dispose();
    expect(await exists(atStart)).toBe(false);

    const out = path.join(dir, "cli-out");
    await mkdir(path.join(out, "records"), { recursive: true });
    const journal = path.join(out, "records", "run-3.journal.jsonl");
    await writeFile(journal, killedJournal("run-3"));
    const byRecover = await staleTemporaryFile(path.join(out, "records", "run-3.run.json"));
    await recoverJournal(journal, buildDiscussionLog);
    expect(await exists(byRecover)).toBe(false);
    expect(JSON.parse(await readFile(path.join(out, "discussions", "run-3.json"), "utf8"))).toMatchObject({ id: "run-3" });
  });
});
