import { designFileSchema } from "../../../shared/domain/design.js";
import { CorruptFileError, readDataFile } from "../../storage/data-file.js";
import { designModels } from "../../../shared/domain/design-helpers.js";
import { checkModelPaths } from "../path-access.js";
import type { Handlers } from "../router.js";
import { previewPrompts } from "../prompt-preview.js";
import type { StudioServices } from "../services.js";
import { modelsDirectory } from "./models.js";

type DesignHandlers = Pick<Handlers, Extract<keyof Handlers, `designs.${string}`>>;

export function designHandlers(services: StudioServices): DesignHandlers {
  const { designs, resources } = services;
  return {
    "designs.list": () => designs.list(),
    "designs.save": ({ id, design }) => designs.save(design, id),
    "designs.load": ({ id }) => designs.load(id),
    "designs.example": async () => {
      const design = await readDataFile(resources.exampleDesign, designFileSchema);
      if (!design) throw new CorruptFileError(resources.exampleDesign, "the app's example design is missing");
      return { design };
    },
    // Web mode: a preview loads the design's models, so their paths are confined like a start's.
    "designs.promptPreview": async ({ design }) => {
      await checkModelPaths(services.paths, designModels(design).values(), await modelsDirectory(services));
      return previewPrompts(services, design);
    },
  };
}
