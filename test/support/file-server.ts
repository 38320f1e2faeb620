import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * Serves one file with Range support on 127.0.0.1. `limit` is an absolute byte offset the
 * server will not send past: requests reaching it stall (or lose their socket when `cut` is set),
 * which simulates a slow or broken link at a known point of the file.
 */
export class FileServer {
  private server!: Server;
  limit = Infinity;
  cut = false;
  bytesServed = 0;
  rangeStarts: number[] = [];
  url = "";

  constructor(
    readonly bytes: Uint8Array,
    private readonly fileName = "tiny-17m.gguf",
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    this.url = `http://127.0.0.1:${address.port}/files/${this.fileName}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.url?.startsWith("/files/")) return void res.writeHead(404).end("not found");
    const total = this.bytes.length;
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const start = match ? Number(match[1]) : 0;
    const end = match && match[2] ? Number(match[2]) + 1 : total;
    if (match) this.rangeStarts.push(start);
    res.writeHead(match ? 206 : 200, {
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
      "content-length": String(end - start),
      ...(match ? { "content-range": `bytes ${start}-${end - 1}/${total}` } : {}),
    });
    if (req.method === "HEAD") return void res.end();
    for (let at = start; at < end && !res.destroyed; ) {
      if (at >= this.limit) {
        if (this.cut) return void res.destroy();
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      const next = Math.min(end, at + 256 * 1024, this.limit);
      const ok = res.write(this.bytes.subarray(at, next));
      // Only ranged reads count: ipull's first, header-only GET leaves its body unread.
      if (match) this.bytesServed += next - at;
      at = next;
      if (!ok) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
    }
    res.end();
  }
}
