import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function DesignerView() {
  return (
    <Page title="Designer">
      <EmptyState title="Nothing here yet">Choose participants from the persona pool, a moderator and a turn manager, then run.</EmptyState>
    </Page>
  );
}
