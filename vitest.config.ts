import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // llama.cpp tests share one CPU-bound process each; running files in parallel on 2 cores only slows them.
    fileParallelism: false,
  },
});
