import path from "node:path";
import type { ExperimentSpec } from "../../shared/domain/index.js";
import type { Llama } from "node-llama-cpp";
import { estimateFit } from "../llm/hardware.js";
import { specModels } from "../../shared/domain/design-helpers.js";
import { findProfile, type ServerProfileSource } from "../llm/server-resolver.js";
import { profileBaseUrls, type ServerProfile } from "../../shared/domain/server-profile.js";

export interface ParallelismChoice {
  parallel: number;
  reason: string;
}

/**
 * How many discussions to run at once when the user does not say: the most (up to `ceiling`)
 * whose sequences (one per actor, `contextSize` tokens each) fit in the memory free for every
 * local model of the study; a study that only uses servers runs as many as their concurrency allows.
 */
export async function chooseParallelism(
  spec: ExperimentSpec,
  contextSize: number,
  ceiling = 8,
  modelsDirectory?: string,
  /** The process's Llama (the app's may run on the CPU by choice); by default the shared one. */
  llama?: Llama,
  /** The profiles server models are reached through (their concurrency limits); without them, the ceiling. */
  servers?: ServerProfileSource,
): Promise<ParallelismChoice> {
  const actors = spec.usersPerDiscussion + (spec.conditions.moderators.some((m) => m.kind === "moderator") ? 1 : 0);
  const refs = specModels(spec);
  const local = [...new Set(refs.flatMap((ref) => (ref.backend === "llama" ? [modelsDirectory ? path.resolve(modelsDirectory, ref.path) : path.resolve(ref.path)] : [])))];
  if (local.length === 0) {
    const profiles = (await servers?.profiles()) ?? [];
    // A profile with several servers takes its limit on each of them.
    const capacity = (profile: ServerProfile | undefined) => (profile ? profile.maxConcurrent * profileBaseUrls(profile).length : ceiling);
    const limit = Math.min(ceiling * 4, ...refs.map((ref) => (ref.backend === "openai" ? capacity(findProfile(ref, profiles)) : ceiling)));
    return { parallel: Math.max(1, limit), reason: `servers only: up to their concurrency limit (${limit})` };
  }
  let best = 0;
  let lastExplanation = "";
  for (let parallel = 1; parallel <= ceiling; parallel++) {
    const estimates = await Promise.all(local.map((file) => estimateFit(file, { contextSize, sequences: parallel * actors }, llama)));
    if (!estimates.every((estimate) => estimate.fits)) {
      lastExplanation = estimates.find((estimate) => !estimate.fits)?.explanation ?? "";
      break;
    }
    best = parallel;
  }
  if (best === 0) return { parallel: 1, reason: `even one discussion may not fit: ${lastExplanation}` };
  return {
    parallel: best,
    reason: best === ceiling ? `${best} (the default ceiling) fit in free memory at ${contextSize} tokens per actor` : `${best} fit in free memory at ${contextSize} tokens per actor; ${best + 1} would not`,
  };
}
