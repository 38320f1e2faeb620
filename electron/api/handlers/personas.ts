import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";

type PersonaHandlers = Pick<Handlers, Extract<keyof Handlers, `personas.${string}`>>;

export function personaHandlers({ personas, personaSets, resources }: StudioServices): PersonaHandlers {
  return {
    "personas.list": () => personas.list(),
    "personas.save": async ({ persona }) => ({ persona: await personas.save(persona) }),
    "personas.delete": async ({ username }) => ({ deleted: await personas.delete(username) }),
    "personas.importFile": ({ file, onConflict }) => personas.importFile(file, onConflict),
    "personas.exportFile": ({ usernames }) => personas.exportFile(usernames),
    "personas.loadStarterSet": async () => {
      const file = resources.starterPersonas;
      return personas.importFile({ fileName: path.basename(file), content: await readFile(file, "utf8") }, "skip");
    },
    "personas.sets": async () => ({ sets: await personaSets.list() }),
    "personas.saveSet": async ({ set }) => ({ sets: await personaSets.save(set) }),
    "personas.deleteSet": async ({ name }) => ({ sets: await personaSets.delete(name) }),
    "personas.migrateSets": ({ sets }) => personaSets.merge(sets),
  };
}
