import { beforeEach, describe, expect, it, vi } from "vitest";

// A test double behind the client interface: the store only sees `studio.call` and `studio.on`.
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const call = vi.fn(async (command: string, input?: unknown): Promise<unknown> => {
  switch (command) {
    case "models.list":
      return { directory: "/m", loaded: [], problems: [], models: [{ path: "/m/tiny.gguf", fileName: "tiny.gguf", source: "folder", info: null, error: null }] };
    case "models.add":
      if ((input as { path: string }).path.endsWith(".txt")) throw new Error('not a GGUF model file (it does not start with "GGUF")');
      return { model: {} };
    case "models.fit":
      return { fits: true, gpuLayers: 0, totalLayers: 3, ram: { needed: 1, free: 2 }, vram: null, explanation: "Fits: CPU only.", contextSize: 4096, sequences: 4 };
    case "models.load":
      return { loaded: [{ path: "/m/tiny.gguf", displayName: "tiny", backend: "llama", gpuLayers: 0 }] };
    case "models.download":
      return { downloadId: "d1", uri: "hf:a/b:Q4", name: "B", state: "starting", progress: null, error: null, file: null };
    default:
      throw new Error(`unexpected ${command}`);
  }
});
vi.mock("../../renderer/app/studio.js", () => ({
  studio: {
    call: (command: string, input: unknown) => call(command, input),
    on: (name: string, listener: Listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  },
}));
const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((listener) => listener(payload));

const { useModelStore, followModelEvents } = await import("../../renderer/features/models/model-store.js");

describe("model store", () => {
  beforeEach(() => {
    call.mockClear();
    useModelStore.setState({ models: [], loaded: [], downloads: {}, fits: {}, loading: {}, error: null, addError: null, shape: { sequences: 4, gpuLayers: "auto" } });
  });

  it("keeps an add error for the field and lists the models after a good add", async () => {
    await expect(useModelStore.getState().modelAdded("/tmp/notes.txt")).resolves.toBe(false);
    expect(useModelStore.getState().addError).toMatch(/GGUF/);
    await expect(useModelStore.getState().modelAdded("/m/tiny.gguf")).resolves.toBe(true);
    expect(useModelStore.getState().addError).toBeNull();
    expect(useModelStore.getState().models.map((model) => model.path)).toEqual(["/m/tiny.gguf"]);
  });

  it("asks for a fit with the chosen shape, and a new shape drops old estimates", async () => {
    useModelStore.getState().shapeChanged({ gpuLayers: 7, sequences: 2 });
    await useModelStore.getState().fitRequested("/m/tiny.gguf");
    expect(call).toHaveBeenCalledWith("models.fit", { path: "/m/tiny.gguf", sequences: 2, gpuLayers: 7 });
    expect(useModelStore.getState().fits["/m/tiny.gguf"]).toMatchObject({ fits: true });
    useModelStore.getState().shapeChanged({ sequences: 3 });
    expect(useModelStore.getState().fits).toEqual({});
  });

  it("shows load progress from progress events while the load runs, then the loaded model", async () => {
    const off = followModelEvents();
    let release!: () => void;
    call.mockImplementationOnce(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { loaded: [{ path: "/m/tiny.gguf", displayName: "tiny", backend: "llama", gpuLayers: 0 }] };
    });
    const loading = useModelStore.getState().loadRequested("/m/tiny.gguf");
    expect(useModelStore.getState().loading).toEqual({ "/m/tiny.gguf": 0 });
    emit("progress", { operationId: "load:/m/tiny.gguf", label: "Loading", done: 0.5, total: 1 });
    emit("progress", { operationId: "import:x", label: "Importing", done: 3, total: 9 });
    expect(useModelStore.getState().loading).toEqual({ "/m/tiny.gguf": 0.5 });
    release();
    await loading;
    expect(useModelStore.getState().loading).toEqual({});
    expect(useModelStore.getState().loaded).toHaveLength(1);
    off();
  });

  it("follows a download's events and lists the models again when it is done", async () => {
    const off = followModelEvents();
    await useModelStore.getState().downloadRequested({ uri: "hf:a/b:Q4", name: "B" });
    const progress = { downloadedBytes: 50, totalBytes: 100, bytesPerSecond: 10, etaSeconds: 5 };
    emit("models.download", { downloadId: "d1", uri: "hf:a/b:Q4", name: "B", state: "downloading", progress, error: null, file: null });
    expect(useModelStore.getState().downloads.d1?.progress).toEqual(progress);
    call.mockClear();
    emit("models.download", { downloadId: "d1", uri: "hf:a/b:Q4", name: "B", state: "done", progress, error: null, file: "/m/b.gguf" });
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith("models.list", {}));
    off();
  });
});
