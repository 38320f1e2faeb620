import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type PersonaHandlers = Pick<Handlers, "personas.list" | "personas.save" | "personas.delete" | "personas.importFile" | "personas.exportFile">;

export function personaHandlers({ personas }: StudioServices): PersonaHandlers {
  return {
    "personas.list": () => personas.list(),
    "personas.save": async ({ persona }) => ({ persona: await personas.save(persona) }),
    "personas.delete": async ({ username }) => ({ deleted: await personas.delete(username) }),
    "personas.importFile": ({ file, replaceExisting }) => personas.importFile(file, replaceExisting),
    "personas.exportFile": ({ usernames }) => personas.exportFile(usernames),
  };
}
