import { spawn } from "node:child_process";

/**
 * Opens a URL in the user's browser where one can be shown; answers whether it tried. Never in
 * CI or tests (`CI` or `SYNDISCO_NO_BROWSER` set), nor on Linux without a display.
 */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.CI || env.SYNDISCO_NO_BROWSER) return false;
  const command = browserCommand(url, env, platform);
  if (!command) return false;
  try {
    const child = spawn(command[0]!, command.slice(1), { detached: true, stdio: "ignore" });
    // A missing opener is not worth more than the URL already printed.
    child.on("error", () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] | null {
  if (platform === "darwin") return ["open", url];
  // `start`'s first quoted argument is a window title; the empty one keeps the URL an argument.
  if (platform === "win32") return ["cmd", "/c", "start", '""', url.replace(/&/g, "^&")];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return ["xdg-open", url];
}
