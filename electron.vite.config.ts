import { resolve } from "node:path";
import { defineConfig } from "electron-vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/**
 * Three bundles: main (ESM, Node deps external), preload (CommonJS: sandboxed preloads cannot
 * be ES modules) and the renderer (served from studio:// in the app, over HTTP in web mode).
 */
export default defineConfig({
  main: {
    build: {
      outDir: "out/main",
      rolldownOptions: {
        input: {
          main: resolve(import.meta.dirname, "electron/main.ts"),
          // A child process of its own: node-llama-cpp reads unchecked GGUF headers there (gguf-reader-process.ts).
          "gguf-reader-child": resolve(import.meta.dirname, "electron/llm/gguf-reader-child.mjs"),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: "out/preload",
      // zod and the contract are bundled in: a sandboxed preload can require only "electron".
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(import.meta.dirname, "electron/preload.ts") },
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: "renderer",
    plugins: [react(), tailwindcss()],
    build: {
      outDir: "out/renderer",
      rolldownOptions: { input: { index: resolve(import.meta.dirname, "renderer/index.html") } },
    },
  },
});
