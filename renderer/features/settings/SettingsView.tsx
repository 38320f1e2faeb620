import { Page } from "../../ui/page.js";
import { EmptyState } from "../../ui/empty-state.js";

export function SettingsView() {
  return (
    <Page title="Settings">
      <EmptyState title="Nothing here yet">Data folder, threads and context size.</EmptyState>
    </Page>
  );
}
