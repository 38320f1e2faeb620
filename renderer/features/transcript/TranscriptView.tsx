import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function TranscriptView() {
  return (
    <Page title="Transcript">
      <EmptyState title="Nothing here yet">Start a discussion from the designer, or open one from the library.</EmptyState>
    </Page>
  );
}
