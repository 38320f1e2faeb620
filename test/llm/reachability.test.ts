/** An offline machine hears "cannot reach <host>" at once, not a library's "fetch failed". */
import { createServer } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { downloadHost, unreachableReason } from "../../electron/llm/reachability.js";
import { startDownload } from "../../electron/llm/downloader.js";

it("knows where a model URI downloads from", () => {
  expect(downloadHost("hf:bartowski/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M")).toEqual({ host: "huggingface.co", port: 443 });
  expect(downloadHost("http://mirror.example.org/m.gguf")).toEqual({ host: "mirror.example.org", port: 80 });
  expect(downloadHost("https://127.0.0.1:8443/m.gguf")).toEqual({ host: "127.0.0.1", port: 8443 });
});

it("answers null where the host takes the connection, and names the host and the reason where not", async () => {
  const listening = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const port = (listening.address() as { port: number }).port;
  expect(await unreachableReason(`http://127.0.0.1:${port}/m.gguf`)).toBeNull();
  await new Promise<void>((resolve) => listening.close(() => resolve()));
  // Nothing listens there any more.
  expect(await unreachableReason(`http://127.0.0.1:${port}/m.gguf`)).toBe(`cannot reach 127.0.0.1:${port} (ECONNREFUSED): check the network connection, then retry`);
});

it("a download whose host cannot be reached fails with that sentence before fetching anything", async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), "unreachable-"));
  try {
    const handle = startDownload({ uri: "hf:owner/repo:Q4_K_M", directory, reachable: async () => "cannot reach huggingface.co (ENOTFOUND): check the network connection, then retry" });
    await expect(handle.done).rejects.toThrow(/^cannot reach huggingface\.co \(ENOTFOUND\)/);
    expect(handle.state).toBe("failed");
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
