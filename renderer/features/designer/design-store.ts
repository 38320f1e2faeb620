import { create } from "zustand";
import type { DesignSummary } from "../../../shared/contract.js";
import type { ModelEntry } from "../../../shared/domain/model-info.js";
import type { DiscussionDesign } from "../../../shared/domain/design.js";
import type { ModelRef } from "../../../shared/domain/model-ref.js";
import { studio } from "../../app/studio.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { useToastStore } from "../../ui/toast-store.js";
import { emptyDesignForm, formFromDesign, seedCommentDraft, type DesignForm } from "./design-form.js";

interface DesignState {
  form: DesignForm;
  /** The form as last opened, saved or started afresh: anything else is unsaved. */
  baseline: DesignForm;
  /** Id the design was saved under; null until it is saved. */
  designId: string | null;
  savedDesigns: DesignSummary[];
  models: ModelEntry[];
  /** OpenAI-compatible server profiles from the Models page, offered beside the local files. */
  serverModels: ModelRef[];
  modelsStatus: "idle" | "loading" | "ready" | "failed";
  starting: boolean;
  error: string | null;

  formChanged: (patch: Partial<DesignForm>) => void;
  participantToggled: (username: string, chosen: boolean) => void;
  participantsReplaced: (usernames: string[]) => void;
  seedCommentAdded: () => void;
  seedCommentChanged: (key: number, patch: { author?: string; text?: string }) => void;
  seedCommentRemoved: (key: number) => void;
  seedCommentMoved: (key: number, offset: -1 | 1) => void;
  designStartedAfresh: () => void;
  modelsRequested: () => Promise<void>;
  designsRequested: () => Promise<void>;
  designSaved: (design: DiscussionDesign) => Promise<void>;
  designOpened: (id: string) => Promise<void>;
  /** Shows a design that ran (a discussion's), as a new unsaved design. */
  designShown: (design: DiscussionDesign) => void;
  /** Opens the example design shipped with the app, keeping the model chosen so far. */
  exampleOpened: () => Promise<void>;
  /** Starts the discussion and opens its live transcript. */
  discussionStarted: (design: DiscussionDesign) => Promise<void>;
  errorDismissed: () => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const useDesignStore = create<DesignState>((set, get) => {
  const edit = (patch: Partial<DesignForm>) => set({ form: { ...get().form, ...patch } });
  const initial = emptyDesignForm();
  return {
    form: initial,
    baseline: initial,
    designId: null,
    savedDesigns: [],
    models: [],
    serverModels: [],
    modelsStatus: "idle",
    starting: false,
    error: null,

    formChanged: edit,
    participantToggled: (username, chosen) => {
      const { participants, moderator } = get().form;
      const others = participants.filter((name) => name !== username);
      const humanParticipants = get().form.humanParticipants.filter((name) => chosen || name !== username);
      edit({ participants: chosen ? [...others, username] : others, humanParticipants, ...(chosen && moderator === username ? { moderator: "" } : {}) });
    },
    participantsReplaced: (usernames) => {
      const { moderator } = get().form;
      edit({ participants: [...new Set(usernames)], ...(usernames.includes(moderator) ? { moderator: "" } : {}) });
    },
    seedCommentAdded: () => edit({ seedComments: [...get().form.seedComments, seedCommentDraft(get().form.participants[0] ?? "")] }),
    seedCommentChanged: (key, patch) => edit({ seedComments: get().form.seedComments.map((comment) => (comment.key === key ? { ...comment, ...patch } : comment)) }),
    seedCommentRemoved: (key) => edit({ seedComments: get().form.seedComments.filter((comment) => comment.key !== key) }),
    seedCommentMoved: (key, offset) => {
      const comments = [...get().form.seedComments];
      const from = comments.findIndex((comment) => comment.key === key);
      const to = from + offset;
      if (from < 0 || to < 0 || to >= comments.length) return;
      [comments[from], comments[to]] = [comments[to]!, comments[from]!];
      edit({ seedComments: comments });
    },
    designStartedAfresh: () => {
      const form = { ...emptyDesignForm(), model: get().form.model };
      set({ form, baseline: form, designId: null });
    },

    modelsRequested: async () => {
      set({ modelsStatus: "loading" });
      try {
        const [{ models }, { settings }, { profiles }] = await Promise.all([
          studio.call("models.list", {}),
          studio.call("settings.get", {}),
          studio.call("models.profiles", {}),
        ]);
        set({ models, serverModels: profiles.map((profile) => profile.ref), modelsStatus: "ready" });
        if (get().form.model === null) {
          const usable = models.filter((model) => model.error === null);
          const path = settings.defaultModelPath ?? usable[0]?.path ?? null;
          // Choosing the model for the user is no change of theirs.
          const untouched = get().form === get().baseline;
          if (path) edit({ model: { backend: "llama", path } });
          if (path && untouched) set({ baseline: get().form });
        }
      } catch (error) {
        set({ modelsStatus: "failed", error: `Could not list models: ${message(error)}` });
      }
    },
    designsRequested: async () => {
      try {
        set({ savedDesigns: (await studio.call("designs.list", {})).designs });
      } catch (error) {
        set({ error: `Could not list saved designs: ${message(error)}` });
      }
    },
    designSaved: async (design) => {
      try {
        const id = get().designId;
        const form = get().form;
        const summary = await studio.call("designs.save", id ? { id, design } : { design });
        set({ designId: summary.id, baseline: form, error: null });
        useToastStore.getState().toastShown({ message: `Saved “${summary.name}”` });
        await get().designsRequested();
      } catch (error) {
        set({ error: `Could not save the design: ${message(error)}` });
      }
    },
    designOpened: async (id) => {
      try {
        const { summary, design } = await studio.call("designs.load", { id });
        const form = formFromDesign(design);
        set({ form, baseline: form, designId: summary.id, error: null });
      } catch (error) {
        set({ error: `Could not open the design: ${message(error)}` });
      }
    },
    designShown: (design) => set({ form: formFromDesign(design), baseline: emptyDesignForm(), designId: null, error: null }),
    exampleOpened: async () => {
      try {
        const { design } = await studio.call("designs.example", {});
        const form = { ...formFromDesign(design), model: design.model ?? get().form.model };
        // Not saved yet: it is a new design of the user's, to change and save.
        set({ form, baseline: emptyDesignForm(), designId: null, error: null });
      } catch (error) {
        set({ error: `Could not open the example design: ${message(error)}` });
      }
    },
    discussionStarted: async (design) => {
      if (get().starting) return;
      set({ starting: true });
      try {
        const { discussionId } = await studio.call("discussion.start", { design });
        set({ starting: false, error: null });
        useNavigationStore.getState().discussionOpened({ kind: "live", id: discussionId });
      } catch (error) {
        set({ starting: false, error: `Could not start the discussion: ${message(error)}` });
      }
    },
    errorDismissed: () => set({ error: null }),
  };
});
