/**
 * Studies and their analysis through the router: the studies list and a study's cells,
 * measuring with progress, summaries, a bad request named, and exports (one dataset file,
 * the whole report as a zip) over the in-process transport and the WebSocket.
 */
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisCommands } from "../../shared/contract-analysis.js";
import { parseCsv } from "../../shared/csv.js";
import { StudioClientError, type StudioClient } from "../../renderer/client/studio-client.js";
import { writeParkStudy, type WrittenStudy } from "../support/analysis-study.js";
import { startHarness, type Harness } from "./studio-harness.js";

describe("studies and analysis commands", () => {
  let harness: Harness;
  let client: StudioClient;
  let study: WrittenStudy;

  beforeAll(async () => {
    harness = await startHarness();
    client = harness.client("in-process");
    study = await writeParkStudy(path.join(harness.dataDirectory, "experiments", "Park-study"), { records: true });
  });
  afterAll(async () => {
    expect(Object.keys(analysisCommands).filter((name) => !harness.handlerCalls.has(name))).toEqual([]);
    await harness.close();
  });

  it("lists every study with its grid, counts and state", async () => {
    const { studies, problems } = await client.call("studies.list", {});
    expect(problems).toEqual([]);
    expect(studies).toHaveLength(1);
    expect(studies[0]).toMatchObject({ studyId: "Park-study", name: "Park study", cells: 2, discussions: 4, counts: { completed: 4 }, state: "finished" });
    expect(studies[0]!.factors.find((factor) => factor.name === "moderator")).toEqual({ name: "moderator", column: "factor_moderator", levels: ["none", "mod"] });
  });

  it("opens a study with its discussions by cell", async () => {
    const detail = await client.call("studies.open", { studyId: "Park-study" });
    expect(detail.cells.map((cell) => [cell.conditions.moderator, cell.discussions.length])).toEqual([["none", 2], ["mod", 2]]);
    const first = detail.cells[1]!.discussions[0]!;
    expect(first).toEqual({ discussionId: study.find("mod", 0).discussionId, repetition: 0, participants: study.find("mod", 0).participants, status: "completed", comments: 7 });
  });

  it("gives a study's spec back to reopen it in Experiments; names a study that cannot be reopened", async () => {
    const { spec } = await client.call("studies.spec", { studyId: "Park-study" });
    expect(spec).toEqual(study.spec);
    await expect(client.call("studies.spec", { studyId: "No-such-study" })).rejects.toMatchObject({ code: "not-found" });
  });

  it("measures with progress and lists the measures and factors to pick from", async () => {
    const progress: number[] = [];
    const off = client.onEvent((event) => {
      if (event.name === "progress" && event.payload.label === "Measuring Park-study") progress.push(event.payload.done);
    });
    const overview = await client.call("analysis.measure", { studyId: "Park-study" });
    off();
    expect(overview.measuredNow).toBe(4);
    expect(overview.counts).toEqual({ completed: 1, imported: 3 });
    expect(overview.measures.map((m) => `${m.level}:${m.column}`)).toContain("comment:diversity");
    expect(overview.measures.map((m) => `${m.level}:${m.column}`)).toContain("discussion:participation_rate");
    expect(progress.at(-1)).toBe(4);
  });

  it("summarizes a measure across conditions, and names a factor the study lacks", async () => {
    const result = await client.call("analysis.summarize", { studyId: "Park-study", request: { measure: { level: "comment", column: "words" }, factors: ["moderator"] } });
    expect(result.conditions.map((c) => [c.condition, c.n])).toEqual([["none", 2], ["mod", 2]]);
    await expect(client.call("analysis.summarize", { studyId: "Park-study", request: { measure: { level: "comment", column: "words" }, factors: ["weather"] } })).rejects.toMatchObject({
      code: "bad-request",
      message: expect.stringContaining('"weather" is not a factor of this study'),
    });
    await expect(client.call("analysis.measure", { studyId: "No-such-study" })).rejects.toBeInstanceOf(StudioClientError);
  });

  it("exports a dataset file and the whole report as a zip, over the WebSocket too", async () => {
    const socket = harness.client("websocket");
    const csv = await socket.call("analysis.export", { studyId: "Park-study", file: "comments.csv" });
    expect(csv).toMatchObject({ fileName: "Park-study-comments.csv", mimeType: "text/csv" });
    const rows = parseCsv(Buffer.from(csv.base64, "base64").toString("utf8"));
    expect(rows[0]).toContain("diversity");
    expect(rows).toHaveLength(1 + 22);
    const report = await client.call("analysis.export", { studyId: "Park-study", file: "report.zip" });
    const files = Object.keys(unzipSync(Buffer.from(report.base64, "base64")));
    expect(files).toEqual(expect.arrayContaining(["dataset/comments.parquet", "dataset/discussions.csv", "dataset/codebook.csv", "analysis.py"]));
  });
});
