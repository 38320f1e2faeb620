/**
 * The annotation commands through the router: schemes and annotators saved, a job over library
 * discussions and one over a study with progress events, the read API (table, answers,
 * agreement, scores), imports of SynDisco files and external scores, bad input named.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annotationCommands, type AnnotationJobSummary } from "../../shared/contract-annotations.js";
import { StudioClientError, type StudioClient } from "../../renderer/client/studio-client.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testAnnotator, testScheme } from "../support/annotations.js";
import { syndiscoFixture } from "../storage/fixture.js";
import { collectUntil, startHarness, type Harness } from "./studio-harness.js";
import { annotatorSchema, type Annotator } from "../../shared/domain/index.js";
import { annotationSource } from "../../electron/storage/annotation-source.js";
import { createStudio } from "../../electron/api/studio.js";

const moderated = "0f8e0c52-1111-4a2b-9c3d-5e6f7a8b9c0d";
const unmoderated = "7d2b3c4a-2222-4b5c-8d9e-0a1b2c3d4e5f";
const ended = (summary: AnnotationJobSummary) => summary.progress.state === "finished" || summary.progress.state === "cancelled";

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioClientError);
  const { message, issues } = error as StudioClientError;
  return [message, ...(issues ?? []).map((issue) => issue.message)].join("; ");
}

describe("annotation commands", () => {
  let harness: Harness;
  let client: StudioClient;
  let annotators: Annotator[];

  beforeAll(async () => {
    const modelPath = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
    annotators = [annotatorSchema.parse(testAnnotator("a1", modelPath)), annotatorSchema.parse(testAnnotator("a2", modelPath, { persona: null }))];
    await client.call("library.importFiles", { files: ["discussion-legacy-moderated.json", "discussion-legacy-unmoderated.json"].map((name) => ({ fileName: name, content: syndiscoFixture(name) })) });
  });
  afterAll(async () => {
    expect(Object.keys(annotationCommands).filter((name) => !harness.handlerCalls.has(name))).toEqual([]);
    await harness.close();
  });

  it("keeps saved schemes beside our presets, and saved annotators", async () => {
    const initial = await client.call("annotations.schemes", {});
    expect(initial.presets.map((p) => p.name)).toEqual(["Toxicity (1-5)", "Argument quality (1-5)"]);
    const saved = await client.call("annotations.saveScheme", { scheme: testScheme() });
    expect((await client.call("annotations.schemes", {})).schemes).toEqual([saved]);
    const bad = await failure(client.call("annotations.saveScheme", { scheme: { ...testScheme(), dimensions: [{ kind: "scale", name: "toxicity", min: 5, max: 1, labels: [], description: "" }] } }));
    expect(bad).toMatch(/max \(1\) is below min \(5\)/);
    const list = [{ name: "a1", persona: null, schemeId: saved.id, model: annotators[0]!.model, sampling: annotators[0]!.sampling }];
    await client.call("annotations.saveAnnotators", { annotators: list });
    expect((await client.call("annotations.annotators", {})).annotators).toEqual(list);
    expect(await client.call("annotations.deleteScheme", { id: saved.id })).toEqual({ deleted: true });
  });

  it("annotates library discussions with progress events; the table, answers, agreement and scores read the result", async () => {
    const events = collectUntil(client, (event) => event.name === "annotations.progress" && ended(event.payload));
    const started = await client.call("annotations.start", { name: "Library job", annotators, target: { kind: "discussions", ids: [moderated, unmoderated] }, parallel: 2 });
    expect(started).toMatchObject({ jobId: "annotations/Library-job", annotators: ["a1", "a2"], discussions: 2, live: true });
    const finished = (await events.done).at(-1);
    expect(finished?.name === "annotations.progress" && finished.payload.progress).toMatchObject({ state: "finished", done: 22, total: 22, failed: 0 });

    const { table } = await client.call("annotations.table", { discussionIds: [moderated] });
    expect(table.annotators.map((a) => a.id)).toEqual(["annotations/Library-job#a1", "annotations/Library-job#a2"]);
    expect(table.scores).toHaveLength(14);
    const answers = await client.call("annotations.answers", { discussionId: moderated, commentIndex: 3 });
    expect(answers.answers.map((a) => a.annotator.name).sort()).toEqual(["a1", "a2"]);
    expect(JSON.parse(answers.answers[0]!.annotation.raw)).toEqual(answers.answers[0]!.annotation.values);

    const agreement = await client.call("annotations.agreement", { jobId: started.jobId });
    expect(agreement.dimensions.map((d) => [d.dimension, d.level, d.annotators, d.units])).toEqual([["toxicity", "interval", 2, 11], ["stance", "nominal", 2, 11]]);
    expect(agreement.comments.filter((c) => c.dimension === "toxicity")).toHaveLength(11);
    const scores = await client.call("annotations.scores", {});
    expect(scores.dimensions).toEqual(["toxicity"]);
    expect(scores.discussions.map((d) => d.discussionId).sort()).toEqual([moderated, unmoderated].sort());

    const jobs = await client.call("annotations.jobs", {});
    expect(jobs.jobs.find((job) => job.jobId === started.jobId)?.progress.state).toBe("finished");
  });

  it("annotates a whole study, and a cancelled job resumes from its folder", async () => {
    const study = path.join(harness.dataDirectory, "experiments", "parks-study");
    await mkdir(path.join(study, "cell-1"), { recursive: true });
    await writeFile(path.join(study, "experiment.json"), JSON.stringify({ spec: { name: "Parks study" } }));
    await writeFile(path.join(study, "cell-1", "aa111111-3333-4444-8888-000000000001.json"), syndiscoFixture("discussion-legacy-moderated.json").replace(moderated, "aa111111-3333-4444-8888-000000000001"));
    expect((await client.call("annotations.studies", {})).studies).toEqual([{ experimentId: "parks-study", name: "Parks study", discussions: 1 }]);

    let cancelled = false;
    const stopped = collectUntil(client, (event) => {
      if (event.name !== "annotations.progress") return false;
      if (!cancelled && event.payload.progress.done >= 3) {
        cancelled = true;
        void client.call("annotations.control", { jobId: event.payload.jobId, action: "cancel" });
      }
      return ended(event.payload);
    });
    const started = await client.call("annotations.start", { name: "Study job", annotators, target: { kind: "study", experimentId: "parks-study" }, parallel: 1 });
    expect(started.jobId).toBe("experiments/parks-study/annotations/Study-job");
    const last = (await stopped.done).at(-1);
    expect(last?.name === "annotations.progress" && last.payload.progress.state).toBe("cancelled");
    expect(await failure(client.call("annotations.control", { jobId: started.jobId, action: "pause" }))).toMatch(/is not running/);

    const done = collectUntil(client, (event) => event.name === "annotations.progress" && ended(event.payload));
    await client.call("annotations.resume", { jobId: started.jobId });
    const final = (await done.done).at(-1);
    expect(final?.name === "annotations.progress" && final.payload.progress).toMatchObject({ state: "finished", done: 14, total: 14 });
  });

  it("imports SynDisco annotation files and a CSV of scores as more annotators, and names bad input", async () => {
    const scheme = testScheme({ dimensions: [{ kind: "scale", name: "toxicity", min: 1, max: 5, labels: [], description: "" }] });
    const legacy = await client.call("annotations.importFile", { file: { fileName: "judge.json", content: syndiscoFixture("annotation-legacy.json") }, scheme });
    expect(legacy).toMatchObject({ jobId: "annotations/import-tiny-judge", discussionId: moderated, annotations: 7, unparsed: 1 });
    const v2 = await client.call("annotations.importFile", { file: { fileName: "v2.json", content: syndiscoFixture("annotation-v2.json") }, scheme, annotatorName: "judge-v2", discussionId: moderated });
    expect(v2).toMatchObject({ annotations: 7, unparsed: 1 });
    expect(await failure(client.call("annotations.importFile", { file: { fileName: "v2.json", content: syndiscoFixture("annotation-v2.json") }, scheme }))).toMatch(/does not name its discussion/);
    const unknown = syndiscoFixture("annotation-legacy.json").replace(moderated, "99999999-0000-4000-8000-000000000000");
    expect(await failure(client.call("annotations.importFile", { file: { fileName: "other.json", content: unknown }, scheme }))).toBe("other.json annotates discussion 99999999-0000-4000-8000-000000000000, which is not in the library or any study");

    const csv = ["discussion_id,comment_index,toxicity", `${moderated},0,0.12`, `${moderated},1,0.91`, `${moderated},99,0.5`, "nope,0,0.3", `${unmoderated},2,0.4`].join("\n");
    const external = await client.call("annotations.importCsv", { file: { fileName: "perspective.csv", content: csv }, annotatorName: "perspective" });
    expect(external).toMatchObject({ jobId: "annotations/perspective", discussions: 2, annotations: 3, dimensions: ["toxicity"] });
    expect(external.problems).toEqual([`row 4: comment_index "99" is not a comment of ${moderated} (0..6)`, 'row 5: discussion "nope" is not in the library or any study']);
    expect(await failure(client.call("annotations.importCsv", { file: { fileName: "x.csv", content: "id,score\n1,2" }, annotatorName: "x" }))).toMatch(/must name the columns discussion_id and comment_index/);

    const { table } = await client.call("annotations.table", { discussionIds: [moderated] });
    const comment1 = table.scores.filter((row) => row.commentIndex === 1);
    expect(comment1.map((row) => row.annotatorId).sort()).toEqual(["annotations/Library-job#a1", "annotations/Library-job#a2", "annotations/import-tiny-judge#tiny-judge", "annotations/import-tiny-judge-v2#judge-v2".replace("import-tiny-judge-v2", "import-judge-v2"), "annotations/perspective#perspective"].sort());
    expect(comment1.find((row) => row.annotatorId === "annotations/perspective#perspective")?.values).toEqual({ toxicity: 0.91 });
    expect(comment1.find((row) => row.annotatorId === "annotations/import-tiny-judge#tiny-judge")?.values).toEqual({ toxicity: 2 });
  });

  it("feeds analysis: per comment and numeric dimension, the mean over every annotator that rated it on the same scale", async () => {
    const source = annotationSource(harness.studio.services.annotations.store);
    // The LLM annotators and the SynDisco files rate toxicity 1–5; the CSV's classifier gives
    // probabilities: two dimensions, never one mean of both.
    expect(await source.dimensions([moderated])).toEqual(["toxicity (1–5)", "toxicity (number)"]);
    const { files, means } = await source.forDiscussion(moderated);
    expect(files.length).toBe(4);
    const { table } = await client.call("annotations.table", { discussionIds: [moderated] });
    const rated = (external: boolean) =>
      table.scores
        .filter((row) => row.commentIndex === 1 && row.annotatorId.endsWith("#perspective") === external)
        .flatMap((row) => (typeof row.values?.toxicity === "number" ? [row.values.toxicity] : []));
    const scale = rated(false);
    expect(scale.length).toBe(4);
    expect(means.get(1)?.["toxicity (1–5)"]).toBeCloseTo(scale.reduce((a, b) => a + b, 0) / scale.length, 12);
    expect(means.get(1)?.["toxicity (number)"]).toBe(0.91);
    expect(rated(true)).toEqual([0.91]);
  });

  it("agreement over a set of discussions (a study's) counts every annotator of them on one scale: jobs and imports", async () => {
    const agreement = await client.call("annotations.agreement", { discussionIds: [moderated] });
    const byLabel = new Map(agreement.dimensions.map((d) => [d.dimension, d]));
    // a1 and a2 of the library job and the two imported SynDisco files rate 1–5; the CSV's
    // probabilities are another variable, with one annotator (no agreement to compute).
    expect(byLabel.get("toxicity (1–5)")).toMatchObject({ annotators: 4, units: 7 });
    expect(byLabel.get("toxicity (number)")).toMatchObject({ annotators: 1 });
    expect(byLabel.has("toxicity")).toBe(false);
    expect(new Set(agreement.comments.map((c) => c.discussionId))).toEqual(new Set([moderated]));
    const scores = await client.call("annotations.scores", {});
    expect(scores.dimensions).toEqual(["toxicity (1–5)", "toxicity (number)"]);
    const mean = scores.discussions.find((d) => d.discussionId === moderated)?.means;
    expect(mean?.["toxicity (number)"]).toBeCloseTo((0.12 + 0.91) / 2, 12);
    expect(mean?.["toxicity (1–5)"]).toBeGreaterThanOrEqual(1);
  });

  it("lists job folders of an earlier session with their counts: finished, stopped and imported", async () => {
    const later = await createStudio({ dataDirectory: harness.dataDirectory, registry: { threads: 1, contextSize: 2048, gpu: false } });
    try {
      // A job stopped after three annotations: its journal is the truth, and it can be continued.
      const study = harness.studio.services.annotations.store.folderOf("experiments/parks-study/annotations/Study-job").directory;
      await cp(study, `${study}-copy`, { recursive: true });
      await rm(path.join(`${study}-copy`, "records"), { recursive: true });
      await writeFile(path.join(`${study}-copy`, "journal.jsonl"), `${await annotationLines(study, 3)}\n`);

      const { jobs, problems } = await later.services.annotations.service.jobs();
      expect(problems).toEqual([]);
      const byId = new Map(jobs.map((job) => [job.jobId, job]));
      expect(byId.get("annotations/Library-job")).toMatchObject({ live: false, discussions: 2, annotators: ["a1", "a2"], progress: { state: "finished", done: 22, total: 22 } });
      expect(byId.get("experiments/parks-study/annotations/Study-job-copy")).toMatchObject({ live: false, progress: { state: "cancelled", done: 3, total: 14 } });
      expect(byId.get("annotations/perspective")).toMatchObject({ name: "Imported: perspective", target: "imported scores of 2 discussions", progress: { state: "finished", done: 3, total: 3 } });
      expect(byId.get("annotations/import-tiny-judge")).toMatchObject({ annotators: ["tiny-judge"], progress: { done: 7, unparsed: 1 } });
    } finally {
      await later.dispose();
    }
  });
});

/** A journal for a finished job, made from its records (the journal is removed when a job finishes). */
async function annotationLines(directory: string, count: number): Promise<string> {
  const lines: string[] = [];
  for (const name of await readdir(path.join(directory, "records"))) {
    const record = JSON.parse(await readFile(path.join(directory, "records", name), "utf8")) as { discussionId: string; annotations: unknown[] };
    for (const annotation of record.annotations) lines.push(JSON.stringify({ kind: "annotation", discussionId: record.discussionId, annotation }));
  }
  return lines.slice(0, count).join("\n");
}
