import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { profilePool } from "../../engine/population/profile.js";

type PopulationHandlers = Pick<Handlers, Extract<keyof Handlers, `populations.${string}`>>;

export function populationHandlers({ populations, populationDraws }: StudioServices): PopulationHandlers {
  return {
    "populations.list": () => populations.list(),
    "populations.save": ({ spec }) => populations.save(spec),
    "populations.load": async ({ id }) => ({ spec: await populations.load(id) }),
    "populations.delete": async ({ id }) => {
      await populations.remove(id);
      return { deleted: true as const };
    },
    "populations.draw": (request) => populationDraws.draw(request),
    "populations.cancelDraw": async ({ operationId }) => ({ cancelled: populationDraws.cancel(operationId) }),
    "populations.profile": async ({ spec, personas }) => profilePool(spec, personas),
    "populations.savePool": ({ name, personas, record }) => populationDraws.savePool(name, personas, record),
  };
}
