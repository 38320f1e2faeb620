/** The bench's own logic; its numbers are measured by `npm run bench`, never asserted here. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { benchBackend } from "./bench-backend.js";
import { parseBenchOptions } from "./bench-options.js";
import { median, sampleOf } from "./decode-bench.js";

describe("bench backend", () => {
  it("measures the CPU unless --gpu asks for a GPU", () => {
    expect(benchBackend(false, false)).toEqual({ preference: false, label: "cpu" });
    expect(benchBackend(false, "cuda")).toEqual({ preference: false, label: "cpu" });
  });

  it("with --gpu runs on the GPU node-llama-cpp found, and refuses to record CPU rows as GPU ones", () => {
    expect(benchBackend(true, "cuda")).toEqual({ preference: "auto", label: "cuda" });
    expect(benchBackend(true, "vulkan")).toEqual({ preference: "auto", label: "vulkan" });
    expect(benchBackend(true, "metal")).toEqual({ preference: "auto", label: "metal" });
    expect(() => benchBackend(true, false)).toThrow(/no usable GPU .*run without --gpu/);
  });
});

describe("bench options", () => {
  it("defaults to the study: 60-token replies, 15 turns, 1 to 32 at once, pooling at 8 and 32, decode at 64 sequences", () => {
    expect(parseBenchOptions([])).toMatchObject({
      "model-shape": "tiny",
      "max-tokens": 60,
      turns: 15,
      parallel: [1, 4, 8, 16, 32],
      pooling: [8, 32],
      "decode-sequences": 64,
      "decode-rounds": 10,
      gpu: false,
      json: false,
    });
    expect(parseBenchOptions(["--model-shape", "8b", "--type", "f16", "--gpu", "--parallel", "1,2"])).toMatchObject({ "model-shape": "8b", type: "f16", gpu: true, parallel: [1, 2] });
  });

  it("names what is wrong with a flag", () => {
    expect(() => parseBenchOptions(["--model-shape", "70b"])).toThrow(/--model-shape is one of tiny, 1b, 8b, qwen7b\nusage/);
    expect(() => parseBenchOptions(["--parallel", "1,x"])).toThrow(/--parallel must be a comma-separated list/);
    expect(() => parseBenchOptions(["--only", "decode,speed"])).toThrow(/--only takes a comma-separated list/);
    expect(parseBenchOptions(["--only", "discussion,analysis"]).only).toEqual(["reuse", "analysis"]);
    expect(() => parseBenchOptions(["--model", "a.gguf", "--model-shape", "1b"])).toThrow(/exclude each other/);
  });
});

it("--json gives decode.raw/engine and decode64.raw/engine tokens per second (a tiny run)", async () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "test/bench/bench.ts", "--json", "--only", "decode", "--decode-tokens", "8", "--decode-sequences", "4", "--decode-rounds", "1"],
    { cwd: root },
  );
  type Side = { tokensPerSecond: number; withPromptTokensPerSecond: number };
  const report = JSON.parse(stdout) as Record<string, { sequences: number; raw: Side; engine: Side; ratio: number; pairMedianRatio: number }>;
  for (const [key, sequences] of [["decode", 1], ["decode64", 4]] as const) {
    const row = report[key]!;
    expect(row.sequences).toBe(sequences);
    for (const side of [row.raw, row.engine]) {
      expect(side.tokensPerSecond).toBeGreaterThan(0);
      expect(side.withPromptTokensPerSecond).toBeGreaterThan(0);
    }
    expect(row.ratio).toBeCloseTo(row.engine.tokensPerSecond / row.raw.tokensPerSecond, 6);
    expect(row.pairMedianRatio).toBeGreaterThan(0);
  }
});

describe("decode figures", () => {
  it("count what each sequence made after its first token, over the first first token to the last token", () => {
    // Two sequences: first tokens at 100 and 110 ms, last at 200 and 250 ms; 5 and 9 tokens.
    const sample = sampleOf(
      [
        { tokens: 5, firstAt: 100, endAt: 200 },
        { tokens: 9, firstAt: 110, endAt: 250 },
      ],
      0.3,
      0.25,
    );
    expect(sample).toEqual({ tokens: 14, seconds: 0.3, cpuSeconds: 0.25, decodeTokens: 12, decodeSeconds: 0.15 });
  });

  it("take the middle of the pairs' ratios (a burst on one generation does not move it)", () => {
    expect(median([0.9, 5, 1.0])).toBe(1.0);
    expect(median([0.9, 1.1, 0.1, 1.0])).toBeCloseTo(0.95, 10);
  });
});
