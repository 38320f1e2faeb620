import type { Protocol } from "electron";
import { contentSecurityPolicy } from "../api/content-security-policy.js";
import { readStaticFile } from "../api/web/static-files.js";
import { APP_HOST, APP_SCHEME } from "./security.js";

/** Must run before the app is ready: makes studio:// a secure, standard origin. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on studio://app/, with the CSP on every response. */
export function serveRenderer(protocol: Protocol, rendererDirectory: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStaticFile(rendererDirectory, url.pathname) : null;
    if (!file) return new Response("not found", { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { "Content-Type": file.type, "Content-Security-Policy": contentSecurityPolicy(), "X-Content-Type-Options": "nosniff" },
    });
  });
}
