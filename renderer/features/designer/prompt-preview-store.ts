import { create } from "zustand";
import type { PromptPreview } from "../../../shared/contract-designs.js";
import type { DiscussionDesign } from "../../../shared/domain/design.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";

interface PromptPreviewState {
  preview: PromptPreview | null;
  /** The design (as JSON) the preview is for; a newer request wins over an older answer. */
  previewedDesign: string | null;
  loading: boolean;
  error: string | null;
  /** Asks again only for a changed design, unless `fresh` (Refresh: the settings may have changed). */
  previewRequested: (design: DiscussionDesign, fresh?: boolean) => Promise<void>;
}

export const usePromptPreviewStore = create<PromptPreviewState>((set, get) => {
  let latest = "";
  return {
    preview: null,
    previewedDesign: null,
    loading: false,
    error: null,
    previewRequested: async (design, fresh = false) => {
      const key = JSON.stringify(design);
      if (!fresh && key === get().previewedDesign && !get().error) return;
      latest = key;
      set({ loading: true });
      try {
        const preview = await studio.call("designs.promptPreview", { design });
        if (latest === key) set({ preview, previewedDesign: key, loading: false, error: null });
      } catch (error) {
        if (latest === key) set({ loading: false, error: errorMessage(error) });
      }
    },
  };
});
