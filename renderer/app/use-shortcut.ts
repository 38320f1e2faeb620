import { useEffect, useEffectEvent } from "react";

interface ShortcutOptions {
  enabled?: boolean;
  inFields?: boolean;
}

/**
 * A keyboard shortcut such as "mod+enter", "mod+.", "alt+1" or "space" ("mod" is Ctrl, or Cmd on
 * macOS). Ignored while typing in a field unless `inFields` is set.
 */
export function useShortcut(combo: string, action: (event: KeyboardEvent) => void, options: ShortcutOptions = {}): void {
  useShortcuts([combo], (_index, event) => action(event), options);
}

/**
 * One action for a list of shortcuts ("alt+1".."alt+9", keys 1-9), told which one was pressed:
 * one hook call for the whole list, since hooks cannot be called in a loop.
 */
export function useShortcuts(combos: readonly string[], action: (index: number, event: KeyboardEvent) => void, options: ShortcutOptions = {}): void {
  // The latest action runs without re-subscribing on every render (it closes over render state).
  const pressed = useEffectEvent(action);
  const enabled = options.enabled ?? true;
  const inFields = options.inFields ?? false;
  const list = combos.join("\n");
  useEffect(() => {
    if (!enabled) return;
    const combos = list.split("\n");
    const onKey = (event: KeyboardEvent) => {
      const index = combos.findIndex((combo) => matches(combo, event));
      if (index < 0) return;
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (typing && !inFields) return;
      event.preventDefault();
      pressed(index, event);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [list, enabled, inFields]);
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
