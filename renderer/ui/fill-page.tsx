import type { ReactNode } from "react";

/**
 * A view's frame like Page, for views whose content scrolls itself (virtualized lists): the body
 * fills the height left under the header and never scrolls as a whole.
 */
export function FillPage({ title, subtitle, actions, children }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="flex h-full min-h-0 flex-col">
      <header className="flex min-h-[57px] items-center justify-between gap-4 border-b border-slate-200 px-6 py-3 dark:border-slate-800">
        <div className="min-w-0">
          <h2 className="truncate text-lg font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
          {subtitle && <div className="truncate text-xs text-slate-500 dark:text-slate-400">{subtitle}</div>}
        </div>
        <div className="flex shrink-0 items-center gap-2">{actions}</div>
      </header>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </section>
  );
}
