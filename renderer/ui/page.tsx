import type { ReactNode } from "react";

/** A view's frame: title, optional actions on the right, scrolling content. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex h-full min-h-0 flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-slate-200 px-6 py-3 dark:border-slate-800">
        <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
        <div className="flex items-center gap-2">{actions}</div>
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-6">{children}</div>
    </section>
  );
}
