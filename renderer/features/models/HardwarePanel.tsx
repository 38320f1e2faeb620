import { Section } from "../../ui/section.js";
import { formatBytes } from "../../ui/format.js";
import { useModelStore } from "./model-store.js";

const backendNames = { cuda: "CUDA", metal: "Metal", vulkan: "Vulkan", cpu: "CPU" } as const;

/** What llama.cpp runs on here and how much memory is free for models. */
export function HardwarePanel() {
  const hardware = useModelStore((state) => state.hardware);
  if (!hardware) return <Section title="Hardware">Detecting…</Section>;
  return (
    <Section title="Hardware">
      <dl data-testid="hardware" className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Backend</dt>
          <dd className="font-semibold" data-testid="hardware-backend">
            {backendNames[hardware.backend]}
          </dd>
          {hardware.deviceNames.length > 0 && <dd className="text-xs text-slate-500">{hardware.deviceNames.join(", ")}</dd>}
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">VRAM free</dt>
          <dd>{hardware.vram ? `${formatBytes(hardware.vram.free)} of ${formatBytes(hardware.vram.total)}` : "no GPU in use"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">RAM free</dt>
          <dd>
            {formatBytes(hardware.ram.free)} of {formatBytes(hardware.ram.total)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">CPU cores</dt>
          <dd>{hardware.cpuCores}</dd>
        </div>
      </dl>
    </Section>
  );
}
