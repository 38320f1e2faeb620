import { useEffect, useRef } from "react";

/**
 * A keyboard shortcut such as "mod+enter", "mod+.", "alt+1" or "space" ("mod" is Ctrl, or Cmd on
 * macOS). Ignored while typing in a field unless `inFields` is set.
 */
export function useShortcut(combo: string, action: (event: KeyboardEvent) => void, options: { enabled?: boolean; inFields?: boolean } = {}): void {
  const latest = useRef(action);
  latest.current = action;
  const enabled = options.enabled ?? true;
  const inFields = options.inFields ?? false;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!matches(combo, event)) return;
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (typing && !inFields) return;
      event.preventDefault();
      latest.current(event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [combo, enabled, inFields]);
}

export function matches(combo: string, event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  const parts = combo.toLowerCase().split("+");
  const key = parts.pop();
  const mac = typeof navigator !== "undefined" && /mac/i.test(navigator.platform);
  const mod = parts.includes("mod");
  if (mod && !(mac ? event.metaKey : event.ctrlKey)) return false;
  if (!mod && (event.ctrlKey || event.metaKey)) return false;
  if (parts.includes("alt") !== event.altKey) return false;
  if (parts.includes("shift") !== event.shiftKey) return false;
  const pressed = event.key.toLowerCase();
  return key === "space" ? pressed === " " : pressed === key;
}
