import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AnnotationRunner, type AnnotatedDiscussion } from "../../../electron/engine/annotation/annotation-runner.js";
import { annotationRecordPath, syndiscoAnnotationPath } from "../../../electron/storage/annotation-job-files.js";
import { discussionAnnotationsSchema, type AnnotationJobSpec, type CommentAnnotation } from "../../../shared/domain/index.js";
import { ensureTinyModel } from "../../fixtures/tiny-gguf/tiny-model.js";
import { fixtureDiscussion, testAnnotator, testJob } from "../../support/annotations.js";

let modelPath: string;
const directories: string[] = [];
beforeAll(async () => {
  modelPath = await ensureTinyModel();
});
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function jobFolder(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "annotation-job-"));
  directories.push(directory);
  return directory;
}

const discussions: AnnotatedDiscussion[] = [
  { log: fixtureDiscussion("discussion-legacy-moderated.json"), file: "moderated.json" },
  { log: fixtureDiscussion("discussion-legacy-unmoderated.json"), file: "unmoderated.json" },
];

function runner(spec: AnnotationJobSpec, directory: string, extra: { reuse?: "exact" | "none"; parallel?: number; onAnnotation?: (discussionId: string, annotation: CommentAnnotation) => void } = {}) {
  return new AnnotationRunner(spec, discussions, {
    jobId: "annotations/test",
    directory,
    parallel: extra.parallel ?? 2,
    registry: { threads: 1, contextSize: 2048, reuse: extra.reuse ?? "exact" },
    onAnnotation: extra.onAnnotation,
  });
}

async function records(directory: string) {
  return Promise.all(discussions.map(async ({ log }) => discussionAnnotationsSchema.parse(JSON.parse(await readFile(annotationRecordPath(directory, log.id), "utf8")))));
}

describe("an annotation job on llama.cpp (tiny model)", () => {
  it("rates every comment by every annotator, every answer parsed, with records, SynDisco files and no journal left", async () => {
    const directory = await jobFolder();
    const spec = testJob(modelPath);
    const progress = await runner(spec, directory).run();
    const commentCount = discussions.reduce((sum, d) => sum + d.log.comments.length, 0);
    expect(progress).toMatchObject({ state: "finished", total: 2 * commentCount, done: 2 * commentCount, unparsed: 0, failed: 0 });
    for (const record of await records(directory)) {
      expect(record.annotators.map((a) => a.name).sort()).toEqual(["a1", "a2"]);
      expect(record.annotators.find((a) => a.name === "a2")?.persona).toBeNull();
      for (const annotation of record.annotations) {
        expect([1, 2, 3, 4, 5]).toContain(annotation.values?.toxicity);
        expect(["for", "against", "unclear"]).toContain(annotation.values?.stance);
        expect(JSON.parse(annotation.raw)).toEqual(annotation.values);
        expect(annotation.stats?.promptTokens).toBeGreaterThan(0);
      }
    }
    const legacy = JSON.parse(await readFile(syndiscoAnnotationPath(directory, "a1", discussions[0]!.log.id), "utf8")) as { conv_id: string; ctx_length: number; logs: [string, string][] };
    expect(legacy.conv_id).toBe(discussions[0]!.log.id);
    expect(legacy.ctx_length).toBe(2);
    expect(legacy.logs.map(([comment]) => comment)).toEqual(discussions[0]!.log.comments.map((c) => c.text));
    expect(await readdir(directory)).not.toContain("journal.jsonl");
  });

  it("reuses each annotator's prompt prefix exactly: fewer tokens evaluated, the same answers as evaluating every prompt afresh", async () => {
    const spec = testJob(modelPath);
    const reused = await runner(spec, await jobFolder(), { parallel: 1 }).run();
    const naiveFolder = await jobFolder();
    const naive = await runner(spec, naiveFolder, { reuse: "none", parallel: 1 }).run();
    expect(reused.promptTokens.total).toBe(naive.promptTokens.total);
    expect(naive.promptTokens.evaluated).toBe(naive.promptTokens.total);
    expect(reused.promptTokens.evaluated).toBeLessThan(naive.promptTokens.total * 0.7);
    const reusedFolder = directories[directories.length - 2]!;
    const answers = async (directory: string) => (await records(directory)).flatMap((r) => r.annotations.map((a) => [a.annotator, a.commentIndex, a.raw, a.seed]));
    expect(await answers(reusedFolder)).toEqual(await answers(naiveFolder));
  });

  it("without moderator comments, those are neither rated nor in any annotator's history", async () => {
    const directory = await jobFolder();
    await runner(testJob(modelPath, { includeModeratorComments: false }), directory).run();
    const [moderated] = await records(directory);
    const moderatorIndexes = discussions[0]!.log.comments.flatMap((c, i) => (c.name === "moderator" ? [i] : []));
    expect(moderatorIndexes.length).toBeGreaterThan(0);
    expect(moderated!.annotations.some((a) => moderatorIndexes.includes(a.commentIndex))).toBe(false);
  });

  it("a cancelled job continues where it stopped when run again, ending with what an uninterrupted run makes", async () => {
    const spec = testJob(modelPath);
    const whole = await jobFolder();
    await runner(spec, whole).run();

    const directory = await jobFolder();
    let made = 0;
    const first = runner(spec, directory, { onAnnotation: () => (++made === 9 ? first.cancel() : undefined) });
    const stopped = await first.run();
    expect(stopped.state).toBe("cancelled");
    expect(stopped.done).toBeGreaterThanOrEqual(9);
    expect(stopped.done).toBeLessThan(stopped.total);
    expect((await stat(path.join(directory, "journal.jsonl"))).size).toBeGreaterThan(0);

    const resumedMade: CommentAnnotation[] = [];
    const resumed = await runner(spec, directory, { onAnnotation: (_, a) => resumedMade.push(a) }).run();
    expect(resumed).toMatchObject({ state: "finished", done: stopped.total });
    expect(resumedMade.length).toBe(stopped.total - stopped.done);
    const strip = async (folder: string) => (await records(folder)).map((r) => r.annotations.map(({ stats: _stats, ...rest }) => rest).sort((a, b) => a.annotator.localeCompare(b.annotator) || a.commentIndex - b.commentIndex));
    expect(await strip(directory)).toEqual(await strip(whole));
  });

  it("refuses a folder holding another job, and names an annotator whose model file is missing, writing nothing", async () => {
    const directory = await jobFolder();
    await runner(testJob(modelPath, { annotators: [testAnnotator("solo", modelPath)] }), directory, { parallel: 1 }).run();
    await expect(runner(testJob(modelPath), directory).run()).rejects.toThrow(/holds a different annotation job \("test job"\)/);

    const empty = await jobFolder();
    const missing = testJob(modelPath, { annotators: [testAnnotator("ghost", path.join(empty, "no-such-model.gguf"))] });
    await expect(runner(missing, empty).run()).rejects.toThrow(/annotator "ghost": .*no-such-model\.gguf/);
    expect(await readdir(empty)).toEqual([]);
  });
});
