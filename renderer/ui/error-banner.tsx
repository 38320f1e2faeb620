export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  return (
    <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" className="text-rose-600 hover:underline" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
