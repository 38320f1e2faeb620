/**
 * Issue 11 item 4: a full disk no longer loses finished comments silently. The journal is
 * pointed at /dev/full (a real device on which every write fails with ENOSPC) mid-run: the
 * discussion pauses at once with a `saveFailed` event, keeps every comment, and continues when a
 * retry works or in another folder; a final file that cannot be written waits the same way.
 */
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioEvent } from "../../shared/contract.js";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { runPaths } from "../../electron/storage/run-files.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";
import { startHarness, type Harness } from "./studio-harness.js";

type EventOf<N extends StudioEvent["name"]> = Extract<StudioEvent, { name: N }>;

/** Every event of one discussion, and a way to wait for the next one that matches. */
function follow(client: StudioClient, discussionId: () => string) {
  const events: StudioEvent[] = [];
  const waiters: { test: (event: StudioEvent) => boolean; resolve: (event: StudioEvent) => void }[] = [];
  client.onEvent((event) => {
    if (!("discussionId" in event.payload) || event.payload.discussionId !== discussionId()) return;
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  });
  return {
    events,
    next<N extends StudioEvent["name"]>(name: N, from = events.length): Promise<EventOf<N>> {
      const seen = events.slice(from).find((event) => event.name === name);
      if (seen) return Promise.resolve(seen as EventOf<N>);
      return new Promise((resolve) => waiters.push({ test: (event) => event.name === name, resolve: (event) => resolve(event as EventOf<N>) }));
    },
    comments: () => events.filter((event) => event.name === "discussion.comment").length,
  };
}

/** The journal now goes to /dev/full: every later line fails with ENOSPC, as on a full disk. */
async function fillDisk(journal: string): Promise<string> {
  // Once the start entry and the seed comment are in (the run is paused before its first turn).
  let kept = "";
  while (kept.split("\n").length < 3) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    kept = await readFile(journal, "utf8").catch(() => "");
  }
  await symlink("/dev/full", `${journal}.full`);
  await rename(`${journal}.full`, journal);
  return kept;
}

/** Space again: the journal is a real file holding what it held. */
async function freeDisk(journal: string, kept: string): Promise<void> {
  await writeFile(`${journal}.back`, kept);
  await rename(`${journal}.back`, journal);
}

describe("a run whose files cannot be written", () => {
  let harness: Harness;
  let client: StudioClient;
  let model: string;
  beforeAll(async () => {
    model = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
  });
  afterAll(() => harness.close());

  // Runs journal into <data>/records and file their SynDisco file in <data>/discussions (run-layout.ts).
  const folder = () => harness.dataDirectory;

  it("pauses with a saveFailed event, keeps every comment, and continues once a retry works", async () => {
    let id = "";
    const run = follow(client, () => id);
    ({ discussionId: id } = await client.call("discussion.start", { design: testDesign(model, { turns: 8 }), startPaused: true }));
    const { journal, discussion } = runPaths(folder(), id);
    const kept = await fillDisk(journal);
    await client.call("discussion.resume", { discussionId: id });

    const failed = await run.next("discussion.saveFailed");
    expect(failed.payload.file).toBe(journal);
    expect(failed.payload.message).toMatch(/^cannot write .*: ENOSPC: no space left on device.*; the discussion is paused and every comment is kept in memory/);
    // Paused after the comment being written: no new turn starts while the failure stands.
    const snapshot = await client.call("discussion.subscribe", { discussionId: id, sinceIndex: 0 });
    expect(snapshot).toMatchObject({ status: "paused", saveError: { file: journal } });
    const turnsAtFailure = run.events.filter((event) => event.name === "discussion.turnStart").length;

    // Still full: the retry fails and says so again.
    const before = run.events.length;
    await client.call("discussion.retrySave", { discussionId: id });
    await run.next("discussion.saveFailed", before);
    expect(run.events.filter((event) => event.name === "discussion.turnStart").length).toBe(turnsAtFailure);

    await freeDisk(journal, kept);
    await client.call("discussion.retrySave", { discussionId: id });
    await run.next("discussion.saveRecovered");
    const end = await run.next("discussion.end");
    expect(end.payload.reason).toBe("completed");
    // The file holds every comment the run showed, and nothing half-written is left.
    const log = JSON.parse(await readFile(discussion, "utf8")) as { logs: unknown[] };
    expect(log.logs).toHaveLength(run.comments());
    expect((await readdir(path.join(folder(), "discussions"))).filter((name) => name.startsWith(id))).toEqual([`${id}.json`]);
    expect((await readdir(path.join(folder(), "records"))).filter((name) => name.startsWith(id))).toEqual([`${id}.run.json`]);
    for (const sub of ["discussions", "records"]) expect((await readdir(path.join(folder(), sub))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    await expect(client.call("discussion.retrySave", { discussionId: id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("continues in another folder when asked, with every comment there", async () => {
    let id = "";
    const run = follow(client, () => id);
    ({ discussionId: id } = await client.call("discussion.start", { design: testDesign(model, { turns: 4 }), startPaused: true }));
    const { journal } = runPaths(folder(), id);
    await fillDisk(journal);
    await client.call("discussion.resume", { discussionId: id });
    await run.next("discussion.saveFailed");
    const elsewhere = path.join(harness.dataDirectory, "rescued");
    await mkdir(elsewhere);
    await client.call("discussion.saveElsewhere", { discussionId: id, directory: elsewhere });
    expect((await run.next("discussion.saveRecovered")).payload.file).toBe(runPaths(elsewhere, id).journal);
    await run.next("discussion.end");
    const log = JSON.parse(await readFile(runPaths(elsewhere, id).discussion, "utf8")) as { logs: unknown[] };
    expect(log.logs).toHaveLength(run.comments());
    await rm(journal, { force: true });
  });

  it("a final file that cannot be written waits for a retry instead of failing the run", async () => {
    let id = "";
    const run = follow(client, () => id);
    ({ discussionId: id } = await client.call("discussion.start", { design: testDesign(model, { turns: 1 }), startPaused: true }));
    const { discussion } = runPaths(folder(), id);
    // A folder where the SynDisco file goes: renaming the finished file onto it fails.
    await mkdir(discussion, { recursive: true });
    await client.call("discussion.resume", { discussionId: id });
    const failed = await run.next("discussion.saveFailed");
    expect(failed.payload.file).toBe(discussion);
    expect(run.events.some((event) => event.name === "discussion.end")).toBe(false);
    await rm(discussion, { recursive: true });
    await client.call("discussion.retrySave", { discussionId: id });
    await run.next("discussion.end");
    const log = JSON.parse(await readFile(discussion, "utf8")) as { logs: unknown[] };
    expect(log.logs).toHaveLength(run.comments());
  });
});
