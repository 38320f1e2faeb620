import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function ExperimentsView() {
  return (
    <Page title="Experiments">
      <EmptyState title="Nothing here yet">Cross conditions into a grid and run the whole study.</EmptyState>
    </Page>
  );
}
