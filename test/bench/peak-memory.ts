import { readFile, writeFile } from "node:fs/promises";
import type { Llama } from "node-llama-cpp";
import { sharedLlama, type GpuPreference } from "../../electron/llm/llama-runtime.js";

/**
 * The most memory the process held during a stretch of the bench. On Linux the kernel keeps the
 * peak resident size (VmHWM) and lets a process reset it, which catches short peaks exactly;
 * elsewhere, and for VRAM, it is sampled twice a second.
 */
export class PeakMemory {
  private rss = 0;
  private vram: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  private constructor(
    private readonly kernelPeak: boolean,
    private readonly llama: Llama | null,
  ) {}

  static async start(gpu: GpuPreference): Promise<PeakMemory> {
    const kernelPeak = await writeFile("/proc/self/clear_refs", "5").then(
      () => true,
      () => false,
    );
    const llama = gpu === false ? null : await sharedLlama(gpu);
    const peak = new PeakMemory(kernelPeak, llama?.gpu === false ? null : llama);
    await peak.sample();
    peak.timer = setInterval(() => void peak.sample(), 500);
    return peak;
  }

  async stop(): Promise<{ rss: number; vram: number | null }> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      await this.sample();
    }
    return { rss: this.rss, vram: this.vram };
  }

  private async sample(): Promise<void> {
    this.rss = Math.max(this.rss, this.kernelPeak ? await highWaterMark() : process.memoryUsage.rss());
    if (this.llama) this.vram = Math.max(this.vram ?? 0, (await this.llama.getVramState()).used);
  }
}

async function highWaterMark(): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kib === undefined ? process.memoryUsage.rss() : Number(kib) * 1024;
}
