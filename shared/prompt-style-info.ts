import type { PromptStyle } from "./domain/design.js";

/** What the designer says about each prompt style (the wording itself is in electron/engine/prompt-styles.ts). */
export const promptStyleInfo: Readonly<Record<PromptStyle, { label: string; about: string }>> = {
  "syndisco-2.0": {
    label: "SynDisco 2.0.x",
    about: 'Byte for byte as 2.0.7/2.0.8: JSON prompts, "User NAME posted:" history wrapped at 70 columns; legacy files.',
  },
  "syndisco-2.2": {
    label: "SynDisco 2.2",
    about: '"Comments so far", without the speaker\'s name; type "user" and full personas; 2.1+ files with each comment\'s prompt.',
  },
  "native-chat": {
    label: "Native chat (ours, more prompt reuse)",
    about: "Not SynDisco's: each actor keeps a growing chat (others' comments as user turns in 2.0.x's layout, its own as replies), started over from the window at twice its size; legacy files.",
  },
};
