import { describe, expect, it } from "vitest";
import { detectHardware, estimateFit } from "../../electron/llm/hardware.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

describe("hardware", () => {
  it("reports the backend, memory and cores", async () => {
    const hardware = await detectHardware();
    expect(["cuda", "metal", "vulkan", "cpu"]).toContain(hardware.backend);
    expect(hardware.ram.total).toBeGreaterThan(0);
    expect(hardware.ram.free).toBeGreaterThan(0);
    expect(hardware.cpuCores).toBeGreaterThan(0);
    if (hardware.backend === "cpu") {
      expect(hardware.vram).toBeNull();
      expect(hardware.deviceNames).toEqual([]);
    } else {
      expect(hardware.vram?.total).toBeGreaterThan(0);
    }
  });

  it.runIf(process.env.SYNDISCO_EXPECT_GPU === undefined)("is cpu on a machine without a GPU driver", async () => {
    const { backend } = await detectHardware();
    // CI and the dev box have no GPU; set SYNDISCO_EXPECT_GPU on machines that do.
    expect(backend).toBe("cpu");
  });

  it("estimates that a tiny model fits, and not in 1 MB", async () => {
    const model = await ensureTinyModel();
    const fit = await estimateFit(model, { contextSize: 1024, sequences: 2 });
    expect(fit.fits).toBe(true);
    expect(fit.totalLayers).toBeGreaterThan(0);
    expect(fit.ram.needed).toBeGreaterThan(0);
    expect(fit.ram.needed).toBeLessThan(fit.ram.free);
    expect(fit.explanation).toMatch(/^Fits: .*2 sequences at 1024 tokens needs about/);
    const tight = await estimateFit(model, { contextSize: 1024, sequences: 2, free: { ram: 1_000_000 } });
    expect(tight.fits).toBe(false);
    expect(tight.explanation).toMatch(/^Does not fit: /);
  });

  it("grows with the context", async () => {
    const model = await ensureTinyModel();
    const small = await estimateFit(model, { contextSize: 512, sequences: 1 });
    const large = await estimateFit(model, { contextSize: 4096, sequences: 4 });
    expect(large.ram.needed + (large.vram?.needed ?? 0)).toBeGreaterThan(small.ram.needed + (small.vram?.needed ?? 0));
  });
});
