#!/usr/bin/env node
/**
 * Web mode: `npm run serve -- [--port n] [--host addr] [--model file.gguf] [--data dir] [--allow dir]`.
 * The same router as the desktop app, over a WebSocket, with the built renderer over HTTP.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { defaultDataDirectory } from "./app-paths.js";
import { createStudio } from "./api/studio.js";
import { confinedPaths } from "./api/path-access.js";
import { startWebServer } from "./api/web/web-server.js";
import { isLoopback } from "./api/web/web-auth.js";
import { openInBrowser } from "./open-browser.js";

const HELP = `Usage: npm run serve -- [options]

  --port <n>       port to listen on (default: a free one)
  --host <addr>    address to bind (default 127.0.0.1; anything else exposes the studio to the network)
  --model <file>   a GGUF file to load at start and list among the models
  --data <dir>     data folder (default ${defaultDataDirectory()})
  --catalog <file> a model catalog (JSON, as resources/model-catalog.json) to offer instead of ours
  --allow <dir>    a further folder the browser may read models from and set as the models
                   folder (repeatable); otherwise only the data folder and the --model file
  --open           open the URL in the browser (where there is one; never when CI is set)
  --help           this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      model: { type: "string" },
      data: { type: "string" },
      allow: { type: "string", multiple: true, default: [] },
      open: { type: "boolean", default: false },
      catalog: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(HELP);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const host = values.host;
  if (!isLoopback(host)) {
    console.warn(`warning: listening on ${host}: anyone who can reach this address and has the token can run models and read your data folder.`);
  }
  const dataDirectory = path.resolve(values.data ?? defaultDataDirectory());
  const allowed = await Promise.all(values.allow.map(folderFromCommandLine));
  const studio = await createStudio({
    dataDirectory,
    appLabel: "syndisco-studio (web)",
    modelCatalog: values.catalog,
    // Whoever holds the token may name files only where the person starting the server said.
    paths: confinedPaths([dataDirectory, ...allowed], values.model ? [values.model] : []),
    router: { onInternalError: (command, error) => console.error(`${command} failed:`, error) },
  });
  const { interrupted } = studio.startup;
  if (interrupted.length > 0) console.log(`recovered ${interrupted.length} interrupted run(s) into the Library: ${interrupted.join(", ")}`);
  if (values.model) {
    console.log(`loading ${values.model} ...`);
    await studio.preloadModel(values.model);
  }
  const staticDirectory = fileURLToPath(new URL("../out/renderer", import.meta.url));
  const server = await startWebServer({ router: studio.router, events: studio.events, host, port, staticDirectory });
  console.log(`SynDisco Studio (web mode), data in ${dataDirectory}`);
  console.log(`Open: ${server.url}`);
  if (values.open && openInBrowser(server.url)) console.log("(opened in your browser)");
  const shutdown = async () => {
    await server.close();
    await studio.dispose();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}

async function folderFromCommandLine(folder: string): Promise<string> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`--allow ${folder}: not a folder`);
  return path.resolve(folder);
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
