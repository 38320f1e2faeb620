import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function ModelsView() {
  return (
    <Page title="Models">
      <EmptyState title="Nothing here yet">Add a GGUF model from disk or download one.</EmptyState>
    </Page>
  );
}
