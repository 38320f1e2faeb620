/**
 * The Experiments page's commands through the router: plan a grid (cells, samples, estimate),
 * save and load its spec, run a 2 x 2 study with progress events and live discussions, pause,
 * resume, and continue the same study in the same folder without redoing anything.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentCommands, type ExperimentSummary } from "../../shared/contract-experiments.js";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import { StudioClientError, type StudioClient } from "../../renderer/client/studio-client.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testExperimentSpec } from "../support/experiments.js";
import { collectUntil, startHarness, type Harness } from "./studio-harness.js";

const ended = (summary: ExperimentSummary) => summary.progress.state === "finished" || summary.progress.state === "cancelled";

describe("experiments page commands", () => {
  let harness: Harness;
  let client: StudioClient;
  let spec: ExperimentSpec;

  beforeAll(async () => {
    const modelPath = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
    spec = testExperimentSpec(modelPath, { name: "api study", repetitions: 2, turns: 2 });
  });
  afterAll(async () => {
    expect(Object.keys(experimentCommands).filter((name) => !harness.handlerCalls.has(name))).toEqual([]);
    await harness.close();
  });

  it("plans the grid: cells, discussions, sampled participants, an estimate and the output folder", async () => {
    const plan = await client.call("experiments.plan", { spec, parallel: 2 });
    expect(plan.cells.map((cell) => cell.conditions.moderator + "/" + cell.conditions.turnManager)).toEqual(["none/rr", "none/rw", "facilitator/rr", "facilitator/rw"]);
    expect(plan.discussions).toBe(8);
    expect(plan.samples).toHaveLength(2);
    expect(plan.samples[0]?.participants).toHaveLength(3);
    // 2 cells without a moderator (2 replies a discussion) and 2 with one (4), 2 repetitions each.
    expect(plan.estimate).toMatchObject({ replies: 24, maxGeneratedTokens: 240, tokensPerSecond: null, seconds: null });
    expect(plan.estimate.basis).toMatch(/unknown/);
    expect(plan).toMatchObject({ outputDirectory: path.join(harness.dataDirectory, "experiments", "api-study"), alreadyDone: 0, folderHoldsOtherSpec: false, parallel: { value: 2 } });
    const chosen = await client.call("experiments.plan", { spec });
    expect(chosen.parallel.value).toBeGreaterThanOrEqual(1);
    const bad = await client.call("experiments.plan", { spec: { ...spec, usersPerDiscussion: 99 } }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(StudioClientError);
    expect((bad as StudioClientError).issues?.[0]?.message).toMatch(/99 users per discussion/);
  });

  it("saves the spec as the file the CLI runs, lists and loads it", async () => {
    const saved = await client.call("experiments.saveSpec", { spec });
    expect(saved).toMatchObject({ id: "api-study", name: "api study" });
    expect(experimentSpecSchema.parse(JSON.parse(await readFile(saved.file, "utf8")))).toEqual(spec);
    expect((await client.call("experiments.specs", {})).specs.map((entry) => entry.id)).toEqual(["api-study"]);
    expect((await client.call("experiments.loadSpec", { id: "api-study" })).spec).toEqual(spec);
    expect((await client.call("experiments.loadSpec", { id: "nope" }).catch((error: StudioClientError) => error.code))).toBe("not-found");
  });

  it("runs the study with throttled progress to 100 %, shows its discussions live, and a second start redoes nothing", async () => {
    const events = collectUntil(client, (event) => event.name === "experiments.progress" && ended(event.payload));
    const liveIds = new Set<string>();
    const off = client.on("discussion.turnStart", (payload) => liveIds.add(payload.discussionId));
    const started = await client.call("experiments.start", { spec, parallel: 2 });
    expect(started).toMatchObject({ experimentId: "api-study", parallel: 2, error: null });
    expect((await client.call("experiments.start", { spec, parallel: 2 }).catch((error: StudioClientError) => error.code))).toBe("conflict");
    const progress = (await events.done).flatMap((event) => (event.name === "experiments.progress" ? [event.payload] : []));
    off();
    const last = progress.at(-1);
    expect(last?.progress).toMatchObject({ state: "finished", done: 8, total: 8, failed: 0 });
    expect(last?.progress.cells.every((cell) => cell.done === cell.total)).toBe(true);
    // Throttled: far fewer events than comments (8 discussions, up to 4 replies each).
    expect(progress.length).toBeLessThan(40);
    // Every discussion of the study was visible to discussion.subscribe while it ran.
    expect(liveIds.size).toBe(8);
    const snapshot = await client.call("discussion.subscribe", { discussionId: [...liveIds][0] as string, sinceIndex: 0 });
    expect(snapshot.status).toBe("completed");
    // The seed comment first, then every reply: the whole discussion, not only what came after subscribing.
    expect(snapshot.comments.map((entry) => entry.index)).toEqual(snapshot.comments.map((_, index) => index));
    expect(snapshot.comments[0]?.comment.role).toBe("seed");
    expect(snapshot.designName).toMatch(/^api study \/ 00\d_/);
    const folder = started.outputDirectory;
    expect((await readdir(folder)).sort()).toEqual(expect.arrayContaining(["experiment.json", "manifest.csv"]));

    const again = await client.call("experiments.plan", { spec, parallel: 2 });
    expect(again.alreadyDone).toBe(8);
    const rerun = collectUntil(client, (event) => event.name === "experiments.progress" && ended(event.payload));
    await client.call("experiments.start", { spec, parallel: 2 });
    const final = (await rerun.done).at(-1);
    expect(final?.name === "experiments.progress" && final.payload.progress).toMatchObject({ state: "finished", done: 8, generatedTokens: last?.progress.generatedTokens });
    expect((await client.call("experiments.list", {})).experiments).toHaveLength(1);
    // What a reloaded page puts back in its form.
    expect((await client.call("experiments.runSpec", { experimentId: "api-study" })).spec).toEqual(spec);
    expect((await client.call("experiments.runSpec", { experimentId: "nope" }).catch((error: StudioClientError) => error.code))).toBe("not-found");
    // The speed measured by this run now feeds the estimate.
    expect((await client.call("experiments.plan", { spec, parallel: 2 })).estimate.tokensPerSecond).toBeGreaterThan(0);
  });

  it("a cancelled study continues where it stopped when started again", async () => {
    const study = { ...spec, name: "cancelled study" };
    const firstDone = collectUntil(client, (event) => event.name === "experiments.progress" && event.payload.experimentId === "cancelled-study" && event.payload.progress.done >= 1);
    const ended1 = collectUntil(client, (event) => event.name === "experiments.progress" && event.payload.experimentId === "cancelled-study" && ended(event.payload));
    await client.call("experiments.start", { spec: study, parallel: 1 });
    await firstDone.done;
    await client.call("experiments.control", { experimentId: "cancelled-study", action: "cancel" });
    const cancelled = (await ended1.done).at(-1);
    expect(cancelled?.name === "experiments.progress" && cancelled.payload.progress.state).toBe("cancelled");
    const plan = await client.call("experiments.plan", { spec: study, parallel: 1 });
    expect(plan.alreadyDone).toBeGreaterThanOrEqual(1);
    expect(plan.alreadyDone).toBeLessThan(8);
    const ended2 = collectUntil(client, (event) => event.name === "experiments.progress" && event.payload.experimentId === "cancelled-study" && ended(event.payload));
    const resumed = await client.call("experiments.start", { spec: study, parallel: 1 });
    const final = (await ended2.done).at(-1);
    expect(final?.name === "experiments.progress" && final.payload.progress).toMatchObject({ state: "finished", done: 8, total: 8 });
    const records = await readdir(path.join(resumed.outputDirectory, "records"));
    expect(records.filter((file) => file.endsWith(".run.json"))).toHaveLength(8);
    expect((await readdir(path.join(resumed.outputDirectory, "discussions"))).filter((file) => file.endsWith(".json"))).toHaveLength(8);
  });

  it("pauses and resumes a running study, refuses another spec under the same name", async () => {
    const other = { ...spec, masterSeed: 5 };
    const plan = await client.call("experiments.plan", { spec: other });
    expect(plan.folderHoldsOtherSpec).toBe(true);
    expect((await client.call("experiments.start", { spec: other }).catch((error: StudioClientError) => error.code))).toBe("conflict");

    const fresh = { ...spec, name: "paused study", repetitions: 1 };
    const done = collectUntil(client, (event) => event.name === "experiments.progress" && event.payload.experimentId === "paused-study" && ended(event.payload));
    await client.call("experiments.start", { spec: fresh, parallel: 1 });
    const paused = await client.call("experiments.control", { experimentId: "paused-study", action: "pause" });
    expect(paused.progress.state).toBe("paused");
    const resumed = await client.call("experiments.control", { experimentId: "paused-study", action: "resume" });
    expect(resumed.progress.state).toBe("running");
    const last = (await done.done).at(-1);
    expect(last?.name === "experiments.progress" && last.payload.progress).toMatchObject({ state: "finished", done: 4, total: 4 });
    expect((await client.call("experiments.control", { experimentId: "paused-study", action: "cancel" }).catch((error: StudioClientError) => error.code))).toBe("conflict");
  });
});
