import type { BrowserWindowConstructorOptions, Session, WebContents } from "electron";

/** The app's own pages are served from this privileged scheme, never from file:// (Electron security checklist #18). */
export const APP_SCHEME = "studio";
export const APP_HOST = "app";
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Window options from Electron's security checklist: isolated, sandboxed, no Node in the page. */
export function secureWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: "SynDisco Studio",
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** Whether a URL is one of our own pages: the app scheme, or electron-vite's dev server while developing. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (!devServerUrl) return false;
  const dev = new URL(devServerUrl);
  return parsed.protocol === dev.protocol && parsed.host === dev.host;
}

/** Links the app may hand to the system browser: https only, with a real host and no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname.includes(".") && parsed.username === "" && parsed.password === "";
  } catch {
    return false;
  }
}

/** A frame that may call the router: the top frame of one of our pages. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl: string | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

/**
 * Applied to every web contents the app creates: no navigation away from our pages, no new
 * windows (https links go to the system browser), no <webview>.
 */
export function hardenWebContents(contents: WebContents, devServerUrl: string | undefined, openExternal: (url: string) => void): void {
  contents.on("will-navigate", (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on("will-redirect", (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: "deny" };
  });
}

/** The studio needs no camera, microphone, notifications or geolocation: every permission is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
