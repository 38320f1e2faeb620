import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function LibraryView() {
  return (
    <Page title="Library">
      <EmptyState title="Nothing here yet">Discussions you run or import appear here.</EmptyState>
    </Page>
  );
}
