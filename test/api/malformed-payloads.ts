import { commands, type CommandName } from "../../shared/contract.js";
import { testDesign, testPersona } from "../support/designs.js";
import { testExperimentSpec } from "../support/experiments.js";
import { testAnnotator, testScheme } from "../support/annotations.js";
import { testPoolRecord, testPopulationSpec } from "../support/populations.js";

/** One valid input per command; mutations of it make the malformed ones. */
export function validInputs(modelPath: string): Record<CommandName, Record<string, unknown>> {
  const design = testDesign(modelPath);
  const file = { fileName: "f.json", content: "[]" };
  return {
    "personas.list": {},
    "personas.save": { persona: testPersona("Ann") },
    "personas.delete": { username: "Ann" },
    "personas.importFile": { file, onConflict: "skip" },
    "personas.exportFile": { usernames: ["Ann"] },
    "designs.list": {},
    "designs.save": { id: "d1", design },
    "designs.load": { id: "d1" },
    "designs.example": {},
    "designs.promptPreview": { design },
    "personas.loadStarterSet": {},
    "personas.sets": {},
    "personas.saveSet": { set: { name: "panel", usernames: ["Ann"] } },
    "personas.deleteSet": { name: "panel" },
    "personas.migrateSets": { sets: [{ name: "panel", usernames: ["Ann"] }] },
    "discussion.start": { design, startPaused: true },
    "discussion.stop": { discussionId: "x" },
    "discussion.pause": { discussionId: "x" },
    "discussion.resume": { discussionId: "x" },
    "discussion.step": { discussionId: "x" },
    "discussion.retrySave": { discussionId: "x" },
    "discussion.saveElsewhere": { discussionId: "x", directory: "elsewhere" },
    "discussion.submitHumanComment": { discussionId: "x", text: "hi" },
    "discussion.chooseSpeaker": { discussionId: "x", speaker: "Ann" },
    "discussion.previewSpeaker": { design },
    "discussion.subscribe": { discussionId: "x", sinceIndex: 0 },
    "discussion.list": {},
    "library.list": {},
    "library.open": { id: "x" },
    "library.importFiles": { files: [file] },
    "library.export": { id: "x", format: "csv" },
    "library.search": { text: "park" },
    "models.list": {},
    "diagnostics.errors": {},
    "diagnostics.report": { where: "view Library", message: "x is undefined", stack: "TypeError: x is undefined\n    at LibraryView" },
    "models.info": { path: "m.gguf" },
    "settings.get": {},
    "settings.update": { changes: { threads: 2 } },
    "settings.restartEngine": {},
    "models.add": { path: "m.gguf" },
    "models.remove": { path: "m.gguf" },
    "models.hardware": {},
    "models.fit": { path: "m.gguf", sequences: 2, contextSize: 1024, gpuLayers: "auto" },
    "models.load": { path: "m.gguf", sequences: 2, gpuLayers: 0 },
    "models.unload": { path: "m.gguf" },
    "models.loaded": {},
    "models.catalog": {},
    "models.download": { uri: "hf:owner/repo:Q4_K_M" },
    "models.downloadControl": { downloadId: "x", action: "pause" },
    "models.downloads": {},
    "models.profiles": {},
    "models.saveProfile": { profile: { name: "srv", baseUrl: "http://127.0.0.1:9/v1", modelName: "m", maxConcurrent: 2 } },
    "models.deleteProfile": { id: "x" },
    "models.setApiKey": { name: "LAB_KEY", key: "sk-test" },
    "models.deleteApiKey": { name: "LAB_KEY" },
    "experiments.plan": { spec: testExperimentSpec(modelPath), parallel: 2 },
    "experiments.start": { spec: testExperimentSpec(modelPath), parallel: 2 },
    "experiments.control": { experimentId: "x", action: "pause" },
    "experiments.list": {},
    "experiments.saveSpec": { spec: testExperimentSpec(modelPath) },
    "experiments.specs": {},
    "experiments.loadSpec": { id: "x" },
    "experiments.runSpec": { experimentId: "x" },
    "studies.list": {},
    "studies.open": { studyId: "x" },
    "studies.spec": { studyId: "x" },
    "library.archive": { ids: ["x"] },
    "library.restore": { ids: ["x"] },
    "analysis.measure": { studyId: "x" },
    "analysis.summarize": { studyId: "x", request: { measure: { level: "comment", column: "words" }, factors: ["moderator"], unit: "comment" } },
    "analysis.export": { studyId: "x", file: "comments.csv" },
    "annotations.schemes": {},
    "annotations.saveScheme": { id: "s1", scheme: testScheme() },
    "annotations.deleteScheme": { id: "s1" },
    "annotations.annotators": {},
    "annotations.saveAnnotators": { annotators: [{ name: "a1", persona: null, schemeId: "s1", model: { backend: "llama", path: modelPath }, sampling: design.sampling }] },
    "annotations.studies": {},
    "annotations.start": { name: "job", annotators: [testAnnotator("a1", modelPath)], target: { kind: "discussions", ids: ["x"] }, includeModeratorComments: true, syndiscoFormat: "legacy", parallel: 2 },
    "annotations.control": { jobId: "annotations/job", action: "pause" },
    "annotations.resume": { jobId: "annotations/job" },
    "annotations.jobs": {},
    "annotations.table": { discussionIds: ["x"] },
    "annotations.answers": { discussionId: "x", commentIndex: 0 },
    "annotations.agreement": { jobId: "annotations/job" },
    "annotations.scores": {},
    "annotations.importFile": { file, scheme: testScheme(), annotatorName: "judge", discussionId: "x" },
    "annotations.importCsv": { file, annotatorName: "classifier" },
    "populations.list": {},
    "populations.save": { spec: testPopulationSpec() },
    "populations.load": { id: "x" },
    "populations.delete": { id: "x" },
    "populations.draw": { spec: testPopulationSpec(), size: 3, seed: 1, model: null, temperature: 0.5, taken: [], operationId: "draw-1" },
    "populations.cancelDraw": { operationId: "draw-1" },
    "populations.profile": { spec: testPopulationSpec(), personas: [testPersona("Ann")] },
    "populations.savePool": { name: "pool", personas: [testPersona("Ann")], record: testPoolRecord() },
  };
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, 1e300, "", "x".repeat(300), true, [], [null], {}, { nested: { deep: [1] } }, "../../etc/passwd"];
const NOT_OBJECTS: unknown[] = [undefined, null, 0, 42, "", "personas", true, false, [], [{}], 1e308];
const EXTRA_KEYS = ["extra", "__proto__", "constructor", "prototype", "toString"];
const DESIGN_BREAKS: Record<string, unknown>[] = [
  { participants: [] },
  { turns: -1 },
  { turns: 1.5 },
  { historyWindow: 0 },
  { model: { backend: "nope", path: "m.gguf" } },
  { model: { backend: "llama", path: "" } },
  { sampling: { temperature: 99 } },
  { turnManager: { kind: "chaos" } },
  { seedComments: [{ author: "", text: "x" }] },
  { participants: [{ persona: { username: "" }, role: "user", context: "", instructions: "" }] },
];

export interface MalformedCase {
  command: CommandName;
  label: string;
  input: unknown;
}

/** Inputs every command's schema must refuse, each checked against the schema itself so none is accidentally valid. */
export function malformedCases(modelPath: string): MalformedCase[] {
  const cases: MalformedCase[] = [];
  for (const [command, valid] of Object.entries(validInputs(modelPath)) as [CommandName, Record<string, unknown>][]) {
    const add = (label: string, input: unknown) => cases.push({ command, label, input });
    NOT_OBJECTS.forEach((input) => add(`input ${JSON.stringify(input) ?? "undefined"}`, input));
    for (const key of EXTRA_KEYS) add(`extra key ${key}`, JSON.parse(`{${JSON.stringify(key)}: 1, ${JSON.stringify(valid).slice(1)}`.replace(/, }$/, "}")));
    for (const key of Object.keys(valid)) {
      const { [key]: _removed, ...rest } = valid;
      add(`without ${key}`, rest);
      WRONG_VALUES.forEach((value, index) => add(`${key} = wrong value ${index}`, { ...valid, [key]: value }));
    }
    if ("design" in valid) {
      for (const change of DESIGN_BREAKS) add(`design ${JSON.stringify(change)}`, { ...valid, design: { ...(valid.design as object), ...change } });
    }
  }
  return cases.filter((entry) => !commands[entry.command].input.safeParse(entry.input).success);
}
