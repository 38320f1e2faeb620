import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function PersonasView() {
  return (
    <Page title="Personas">
      <EmptyState title="Nothing here yet">Create personas by hand or import a SynDisco personas file.</EmptyState>
    </Page>
  );
}
