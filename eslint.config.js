import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Import patterns one layer may not use (DESIGN.md "Layers are enforced, not hoped for"). */
const forbid = (files, patterns, why) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message: why }] }] },
});
const electronApp = ["electron", "**/api/*", "**/api/**", "**/cli/*", "**/cli/**", "**/desktop/*", "**/desktop/**", "**/main.js", "**/server.js", "**/cli.js"];
const nodeBuiltins = ["node:*", "fs", "fs/*", "path", "os", "child_process", "worker_threads", "crypto", "http", "https", "net", "stream", "electron", "**/electron/**"];

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // React's rules of hooks and the compiler-era checks (refs, purity, state set in effects...) for
    // every component and hook; missing effect dependencies are errors too, not warnings that pile up.
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, "react-hooks/exhaustive-deps": "error" },
  },
  forbid(["electron/engine/**"], electronApp, "the engine runs under plain Node (tests, CLI, web mode): it imports nothing from api, cli, desktop or Electron"),
  forbid(["electron/llm/**"], [...electronApp, "**/engine/*", "**/engine/**", "**/storage/*", "**/storage/**"], "llm is the lowest layer: it imports nothing from engine, storage, api, cli, desktop or Electron"),
  // Storage sits below the engine too: what it needs of the engine (the SynDisco log builder of a
  // recovered run) is handed in by api, cli or engine code.
  forbid(["electron/storage/**"], [...electronApp, "**/engine/*", "**/engine/**"], "storage is used by api and engine: it imports nothing from engine, api, cli, desktop or Electron"),
  forbid(["renderer/**"], nodeBuiltins, "the renderer runs in a browser: no Node modules, no main-process code (talk to it through the contract)"),
  forbid(["shared/**"], [...nodeBuiltins, "**/renderer/**", "react"], "shared code runs in Node and the browser alike: no Node modules, main-process or renderer code"),
);
