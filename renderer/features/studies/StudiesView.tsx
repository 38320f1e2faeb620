import { useEffect } from "react";
import { EmptyState } from "../../ui/empty-state.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FillPage } from "../../ui/fill-page.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { StudyList } from "./StudyList.js";
import { StudyPanel } from "./StudyPanel.js";
import { followStudyEvents, useStudiesStore } from "./studies-store.js";

/** Every study in the data folder: pick one to see its grid, its discussions by cell and its analysis. */
export function StudiesView() {
  const loaded = useStudiesStore((state) => state.loaded);
  const count = useStudiesStore((state) => state.studies.length);
  const error = useStudiesStore((state) => state.error);
  const errorDismissed = useStudiesStore((state) => state.errorDismissed);
  const studiesRequested = useStudiesStore((state) => state.studiesRequested);
  const viewChanged = useNavigationStore((state) => state.viewChanged);
  useEffect(() => {
    const off = followStudyEvents();
    void studiesRequested();
    return off;
  }, [studiesRequested]);
  return (
    <FillPage title="Studies" subtitle={loaded ? (count === 1 ? "1 study" : `${count} studies`) : "Loading…"}>
      {error && (
        <div className="px-6 pt-3">
          <ErrorBanner message={error} onDismiss={errorDismissed} />
        </div>
      )}
      {loaded && count === 0 ? (
        <div className="p-6">
          <EmptyState
            title="No studies yet"
            action={
              <button type="button" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => viewChanged("experiments")}>
                Design a study in Experiments
              </button>
            }
          >
            A study runs a grid of conditions many times. Its discussions, progress and analysis appear here while it runs and after it ends.
          </EmptyState>
        </div>
      ) : (
        <div className="flex min-h-0 flex-1">
          <StudyList />
          <StudyPanel />
        </div>
      )}
    </FillPage>
  );
}
