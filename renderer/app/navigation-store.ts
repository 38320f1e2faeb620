import { create } from "zustand";

export const views = ["personas", "designer", "transcript", "library", "models", "experiments", "studies", "annotation", "settings"] as const;
export type View = (typeof views)[number];

interface NavigationState {
  view: View;
  /** The discussion the transcript view shows (live or from the library). */
  openDiscussion: { kind: "live" | "library"; id: string } | null;
  viewChanged: (view: View) => void;
  discussionOpened: (discussion: { kind: "live" | "library"; id: string }) => void;
  /** Back to the transcript's start panel. */
  discussionClosed: () => void;
}

function initialView(): View {
  const hash = typeof location === "undefined" ? "" : location.hash.replace(/^#/, "");
  return (views as readonly string[]).includes(hash) ? (hash as View) : "personas";
}

export const useNavigationStore = create<NavigationState>((set) => ({
  view: initialView(),
  openDiscussion: null,
  viewChanged: (view) => {
    if (typeof history !== "undefined") history.replaceState(null, "", `${location.pathname}${location.search}#${view}`);
    set({ view });
  },
  discussionOpened: (discussion) => set({ openDiscussion: discussion, view: "transcript" }),
  discussionClosed: () => set({ openDiscussion: null }),
}));
