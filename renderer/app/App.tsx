import { useSyncExternalStore } from "react";
import { studio } from "./studio.js";
import { useNavigationStore, views, type View } from "./navigation-store.js";
import { useThemeStore } from "./theme-store.js";
import { useShortcuts } from "./use-shortcut.js";
import { Toasts } from "../ui/toasts.js";
import { ViewBoundary } from "../ui/view-boundary.js";
import { reportError } from "./report-error.js";
import { PersonasView } from "../features/personas/PersonasView.js";
import { DesignerView } from "../features/designer/DesignerView.js";
import { TranscriptView } from "../features/transcript/TranscriptView.js";
import { LibraryView } from "../features/library/LibraryView.js";
import { ModelsView } from "../features/models/ModelsView.js";
import { ExperimentsView } from "../features/experiments/ExperimentsView.js";
import { SettingsView } from "../features/settings/SettingsView.js";
import { AnnotationView } from "../features/annotation/AnnotationView.js";
import { StudiesView } from "../features/studies/StudiesView.js";

const labels: Record<View, string> = {
  personas: "Personas",
  designer: "Designer",
  transcript: "Transcript",
  library: "Library",
  models: "Models",
  experiments: "Experiments",
  studies: "Studies",
  annotation: "Annotation",
  settings: "Settings",
};

const screens: Record<View, () => React.JSX.Element> = {
  personas: PersonasView,
  designer: DesignerView,
  transcript: TranscriptView,
  library: LibraryView,
  models: ModelsView,
  experiments: ExperimentsView,
  studies: StudiesView,
  annotation: AnnotationView,
  settings: SettingsView,
};

const viewShortcuts = views.map((_view, index) => `alt+${index + 1}`);
// The connection is state outside React: read it when the transport says it changed (also a
// change between the first render and the subscription, which an effect would miss).
const subscribeToConnection = (changed: () => void) => studio.onConnection(changed);
const connectionNow = () => studio.connection;

export function App() {
  const view = useNavigationStore((state) => state.view);
  const viewChanged = useNavigationStore((state) => state.viewChanged);
  const theme = useThemeStore((state) => state.theme);
  const themeToggled = useThemeStore((state) => state.themeToggled);
  const connection = useSyncExternalStore(subscribeToConnection, connectionNow);
  useShortcuts(viewShortcuts, (index) => viewChanged(views[index]!), { inFields: true });
  const Screen = screens[view];
  return (
    <div className="flex h-full bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <nav aria-label="Main" className="flex w-52 shrink-0 flex-col gap-1 border-r border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-900">
        <div className="px-2 pb-4 pt-1">
          <div className="text-base font-bold tracking-tight">SynDisco Studio</div>
          <div data-testid="connection" className="mt-1 flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
            <span className={`inline-block h-2 w-2 rounded-full ${connection === "open" ? "bg-emerald-500" : connection === "connecting" ? "bg-amber-400" : "bg-rose-500"}`} />
            {studio.transport.kind === "desktop" ? "Desktop" : "Web mode"}: {connection}
          </div>
        </div>
        {views.map((target, index) => (
          <button
            key={target}
            type="button"
            aria-current={view === target ? "page" : undefined}
            title={`Alt+${index + 1}`}
            onClick={() => viewChanged(target)}
            className={`rounded-md px-3 py-2 text-left text-sm font-medium ${view === target ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"}`}
          >
            {labels[target]}
          </button>
        ))}
        <div className="mt-auto px-2">
          <button type="button" onClick={themeToggled} className="text-xs text-slate-500 hover:underline dark:text-slate-400">
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </button>
        </div>
      </nav>
      <main className="flex min-w-0 flex-1 flex-col">
        {connection === "refused" && (
          <div role="alert" data-testid="connection-refused" className="border-b border-rose-300 bg-rose-50 px-6 py-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100">
            The studio was restarted and no longer accepts this tab. Open the address it printed when it started (<code>http://…/?token=…</code>) in this tab; your data is in the data folder, nothing was lost.
          </div>
        )}
        <div className="min-h-0 flex-1">
          {/* Keyed by view: opening another view starts with no error shown. */}
          <ViewBoundary key={view} view={labels[view]} onError={reportError}>
            <Screen />
          </ViewBoundary>
        </div>
      </main>
      <Toasts />
    </div>
  );
}
