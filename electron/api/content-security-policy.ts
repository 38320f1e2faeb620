/**
 * The renderer's Content-Security-Policy, for both the desktop window and web mode: only our
 * own bundled scripts and styles, no inline script, no eval, no plugins, no framing, no
 * form posts. `connect` adds where the page may open connections (web mode's WebSocket).
 */
export function contentSecurityPolicy(options: { connect?: readonly string[] } = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(options.connect ?? [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}
