import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import type { ExperimentSpec } from "../../../shared/domain/index.js";
import { specModels } from "../../../shared/domain/design-helpers.js";
import { checkModelPaths } from "../path-access.js";
import { modelsDirectory } from "./models.js";

type ExperimentHandlers = Pick<Handlers, Extract<keyof Handlers, `experiments.${string}`>>;

export function experimentHandlers(services: StudioServices): ExperimentHandlers {
  const { experiments, experimentSpecs } = services;
  const checked = async (spec: ExperimentSpec) => void (await checkModelPaths(services.paths, specModels(spec), await modelsDirectory(services)));
  return {
    "experiments.plan": async ({ spec, parallel }) => (await checked(spec), experiments.plan(spec, parallel)),
    "experiments.start": async ({ spec, parallel }) => (await checked(spec), experiments.start(spec, parallel)),
    "experiments.control": async ({ experimentId, action }) => experiments.control(experimentId, action),
    "experiments.list": async () => ({ experiments: experiments.list() }),
    "experiments.saveSpec": ({ spec }) => experimentSpecs.save(spec),
    "experiments.specs": () => experimentSpecs.list(),
    "experiments.loadSpec": async ({ id }) => ({ spec: await experimentSpecs.load(id) }),
    "experiments.runSpec": async ({ experimentId }) => ({ spec: experiments.spec(experimentId) }),
  };
}
