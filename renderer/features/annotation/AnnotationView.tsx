import { useEffect } from "react";
import { ErrorBanner } from "../../ui/error-banner.js";
import { Page } from "../../ui/page.js";
import { useLibraryStore } from "../library/library-store.js";
import { AnnotatorsSection } from "./AnnotatorsSection.js";
import { ImportScoresSection } from "./ImportScoresSection.js";
import { JobsSection } from "./JobsSection.js";
import { SchemesSection } from "./SchemesSection.js";
import { listenForAnnotationProgress, useAnnotationStore } from "./annotation-store.js";

export function AnnotationView() {
  const pageOpened = useAnnotationStore((state) => state.pageOpened);
  const libraryRequested = useLibraryStore((state) => state.libraryRequested);
  const error = useAnnotationStore((state) => state.error);
  const notice = useAnnotationStore((state) => state.notice);
  const errorDismissed = useAnnotationStore((state) => state.errorDismissed);
  useEffect(() => {
    listenForAnnotationProgress();
    void pageOpened();
    void libraryRequested();
  }, [pageOpened, libraryRequested]);
  return (
    <Page title="Annotation">
      <div className="flex max-w-6xl flex-col gap-4">
        {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
        {notice && !error && (
          <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200">
            {notice}
          </p>
        )}
        <SchemesSection />
        <AnnotatorsSection />
        <JobsSection />
        <ImportScoresSection />
      </div>
    </Page>
  );
}
