import { z } from "zod";
import presetsJson from "../../resources/prompt-presets.json" with { type: "json" };

const presetSchema = z.object({ id: z.string(), label: z.string(), text: z.string() });
export const promptPresetsSchema = z.object({
  contexts: z.array(presetSchema).min(1),
  userInstructions: z.array(presetSchema).min(1),
  moderatorInstructions: z.array(presetSchema).min(1),
});
export type PromptPresets = z.infer<typeof promptPresetsSchema>;

/** Our own default prompts (resources/prompt-presets.json), validated once at load. */
export const promptPresets: PromptPresets = promptPresetsSchema.parse(presetsJson);

export const defaultContext = promptPresets.contexts[0]!.text;
export const defaultUserInstructions = promptPresets.userInstructions[0]!.text;
export const defaultModeratorInstructions = promptPresets.moderatorInstructions[0]!.text;
