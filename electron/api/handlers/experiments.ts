import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type ExperimentHandlers = Pick<Handlers, Extract<keyof Handlers, `experiments.${string}`>>;

export function experimentHandlers({ experiments, experimentSpecs }: StudioServices): ExperimentHandlers {
  return {
    "experiments.plan": ({ spec, parallel }) => experiments.plan(spec, parallel),
    "experiments.start": ({ spec, parallel }) => experiments.start(spec, parallel),
    "experiments.control": async ({ experimentId, action }) => experiments.control(experimentId, action),
    "experiments.list": async () => ({ experiments: experiments.list() }),
    "experiments.saveSpec": ({ spec }) => experimentSpecs.save(spec),
    "experiments.specs": async () => ({ specs: await experimentSpecs.list() }),
    "experiments.loadSpec": async ({ id }) => ({ spec: await experimentSpecs.load(id) }),
  };
}
