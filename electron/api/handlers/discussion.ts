import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import type { LiveDiscussion } from "../live-discussion.js";
import { previewFirstSpeaker } from "../speaker-preview.js";
import { designModels } from "../../../shared/domain/design-helpers.js";
import { checkModelPaths } from "../path-access.js";
import { modelsDirectory } from "./models.js";

type DiscussionHandlers = Pick<
  Handlers,
  | "discussion.start"
  | "discussion.stop"
  | "discussion.pause"
  | "discussion.resume"
  | "discussion.step"
  | "discussion.retrySave"
  | "discussion.saveElsewhere"
  | "discussion.submitHumanComment"
  | "discussion.chooseSpeaker"
  | "discussion.previewSpeaker"
  | "discussion.subscribe"
  | "discussion.list"
>;

const controlResult = (live: LiveDiscussion) => ({ discussionId: live.id, status: live.status });

export function discussionHandlers(services: StudioServices): DiscussionHandlers {
  const { runner, designs, registry } = services;
  return {
    "discussion.start": async ({ design, designId, startPaused }) => {
      const chosen = design ?? (await designs.load(designId as string)).design;
      await checkModelPaths(services.paths, designModels(chosen).values(), await modelsDirectory(services));
      return { discussionId: await runner.start(chosen, startPaused) };
    },
    "discussion.stop": async ({ discussionId }) => controlResult(runner.stop(discussionId)),
    "discussion.pause": async ({ discussionId }) => controlResult(runner.pause(discussionId)),
    "discussion.resume": async ({ discussionId }) => controlResult(runner.resume(discussionId)),
    "discussion.step": async ({ discussionId }) => controlResult(runner.step(discussionId)),
    "discussion.retrySave": async ({ discussionId }) => controlResult(runner.decideSave(discussionId, { action: "retry" })),
    "discussion.saveElsewhere": async ({ discussionId, directory }) => {
      const folder = await services.paths.check(directory, services.layout.root, "the folder");
      return controlResult(runner.decideSave(discussionId, { action: "relocate", directory: folder }));
    },
    "discussion.submitHumanComment": async ({ discussionId, text }) => {
      runner.submitHumanComment(discussionId, text);
      return { accepted: true as const };
    },
    "discussion.chooseSpeaker": async ({ discussionId, speaker }) => {
      runner.chooseSpeaker(discussionId, speaker);
      return { accepted: true as const };
    },
    "discussion.previewSpeaker": async ({ design }) => {
      await checkModelPaths(services.paths, designModels(design).values(), await modelsDirectory(services));
      return previewFirstSpeaker(registry, design);
    },
    "discussion.subscribe": async ({ discussionId, sinceIndex }) => runner.snapshot(discussionId, sinceIndex),
    "discussion.list": async () => ({ discussions: runner.list() }),
  };
}
