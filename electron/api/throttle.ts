/**
 * Calls `action` at most once per `intervalMs` with the latest value; the last value of a burst is
 * delivered when the interval ends (or at `flush`), so a listener always sees where things ended.
 */
export function throttled<T>(action: (value: T) => void, intervalMs: number): ((value: T) => void) & { flush(): void; cancel(): void } {
  let last = 0;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    action(value);
  };
  const call = (value: T) => {
    pending = { value };
    const wait = intervalMs - (Date.now() - last);
    if (wait <= 0) fire();
    else timer ??= setTimeout(fire, wait);
  };
  return Object.assign(call, { flush: fire, cancel: () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  } });
}
