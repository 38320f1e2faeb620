import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { StudioError } from "../studio-error.js";
import { experimentCommands } from "../../../shared/contract-experiments.js";

type ExperimentCommandName = keyof typeof experimentCommands;
type ExperimentHandlers = Pick<Handlers, ExperimentCommandName>;

export function experimentHandlers(_services: StudioServices): ExperimentHandlers {
  const pending = async (): Promise<never> => {
    throw new StudioError("unavailable", "experiments are not wired up yet");
  };
  return Object.fromEntries(Object.keys(experimentCommands).map((name) => [name, pending])) as unknown as ExperimentHandlers;
}
