import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type DesignHandlers = Pick<Handlers, "designs.list" | "designs.save" | "designs.load">;

export function designHandlers({ designs }: StudioServices): DesignHandlers {
  return {
    "designs.list": () => designs.list(),
    "designs.save": ({ id, design }) => designs.save(design, id),
    "designs.load": ({ id }) => designs.load(id),
  };
}
