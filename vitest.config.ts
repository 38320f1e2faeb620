import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // llama.cpp tests are CPU-bound; on 2 cores running files in parallel only slows them.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: { name: "node", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**", "test/renderer/**"], environment: "node" },
      },
      {
        extends: true,
        plugins: [react()],
        test: { name: "renderer", include: ["test/renderer/**/*.test.{ts,tsx}"], environment: "jsdom" },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], environment: "node", globalSetup: ["test/e2e/build-renderer.ts"] },
      },
    ],
  },
});
