import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { experimentSpecSchema, type ExperimentSpec } from "../../shared/domain/index.js";
import { planExperiment } from "../../electron/engine/experiment-plan.js";
import { buildDiscussionLog } from "../../electron/engine/discussion-log.js";
import { writeExperimentFile } from "../../electron/storage/experiment-files.js";
import { runPaths } from "../../electron/storage/run-files.js";
import { serializeLegacyDiscussion } from "../../electron/storage/legacy-format.js";
import { SeededRandom } from "../../shared/random.js";

export interface AnalysisCorpus {
  folder: string;
  discussions: number;
  comments: number;
}

const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "gu", "ho", "ze", "fi", "ba", "wo"];

/**
 * A study folder shaped like the published study: `cells` x `repetitions` discussions of
 * 7 participants and a moderator, each a seed comment, 15 participant comments of 40-110
 * words and 14 moderator answers (30 comments). Words come from a Zipf-like vocabulary of
 * 3,000 made-up words, so comments share words the way real ones do.
 */
export async function writeAnalysisCorpus(folder: string, repetitions: number): Promise<AnalysisCorpus> {
  const vocabulary = Array.from({ length: 3000 }, (_, index) => {
    let word = "";
    for (let n = index + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
    return word;
  });
  const cumulative: number[] = [];
  vocabulary.reduce((sum, _, rank) => (cumulative.push(sum + 1 / (rank + 1)), sum + 1 / (rank + 1)), 0);
  const total = cumulative[cumulative.length - 1] as number;
  const random = new SeededRandom(2024);
  const word = () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  };
  const sentence = (words: number) => Array.from({ length: words }, word).join(" ") + ".";

  const spec = benchSpec(repetitions);
  const plan = planExperiment(spec);
  await mkdir(folder, { recursive: true });
  await writeExperimentFile(folder, spec, plan);
  let comments = 0;
  for (const planned of plan.discussions) {
    const logged = [{ name: planned.participants[0] as string, text: sentence(20), model: "hardcoded" }];
    for (let turn = 0; turn < 15; turn++) {
      logged.push({ name: planned.participants[turn % 7] as string, text: sentence(40 + Math.floor(random.next() * 70)), model: "bench" });
      if (turn < 14) logged.push({ name: "moderator", text: random.next() < 0.3 ? "" : sentence(10 + Math.floor(random.next() * 30)), model: "bench" });
    }
    comments += logged.length;
    const paths = runPaths(folder, planned.discussionId);
    await mkdir(path.dirname(paths.discussion), { recursive: true });
    await mkdir(path.dirname(paths.runRecord), { recursive: true });
    await writeFile(paths.discussion, serializeLegacyDiscussion(buildDiscussionLog(planned.discussionId, planned.design, logged, "26-01-01-00-00")));
  }
  return { folder, discussions: plan.discussions.length, comments };
}

/** 2 moderator conditions x 3 topics = 6 cells. */
function benchSpec(repetitions: number): ExperimentSpec {
  return experimentSpecSchema.parse({
    name: "analysis bench",
    personaPool: Array.from({ length: 10 }, (_, index) => ({ username: `person${index}`, age: 20 + index })),
    usersPerDiscussion: 7,
    context: "A forum.",
    conditions: {
      moderators: [
        { kind: "moderator", label: "facilitator", persona: { username: "moderator" }, instructions: "Facilitate." },
        { kind: "moderator", label: "silent", persona: { username: "moderator" }, instructions: "Say nothing." },
      ],
      turnManagers: [{ label: "rw", spec: { kind: "random-weighted", pRespond: 0.5 } }],
      models: [{ label: "bench", model: { backend: "llama", path: "bench.gguf" } }],
      topics: ["parks", "taxes", "schools"].map((label) => ({ label, seedComments: [{ author: "person0", text: `About ${label}.` }] })),
      userInstructions: [{ label: "default", text: "Reply." }],
    },
    repetitions,
    turns: 15,
    historyWindow: 3,
    masterSeed: 1,
  });
}
