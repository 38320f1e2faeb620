import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { z } from "zod";

const bodySchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  stream: z.boolean(),
  stream_options: z.object({ include_usage: z.boolean() }).optional(),
  temperature: z.number(),
  top_p: z.number(),
  max_tokens: z.number(),
  seed: z.number(),
  stop: z.array(z.string()).optional(),
  response_format: z.unknown().optional(),
});
export type ChatBody = z.infer<typeof bodySchema>;
export type Handler = (body: ChatBody, res: ServerResponse, index: number) => Promise<void> | void;

/** A loopback server speaking just enough of the OpenAI streaming protocol. */
export class FakeServer {
  private server!: Server;
  handler: Handler = (_, res) => stream(res, ["Hello"]);
  requests: { body: ChatBody; headers: IncomingHttpHeaders }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  baseUrl = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    this.baseUrl = `http://127.0.0.1:${address.port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    if (req.url !== "/v1/chat/completions" || req.method !== "POST") return void res.writeHead(404).end();
    const body = bodySchema.parse(JSON.parse(raw));
    const index = this.requests.push({ body, headers: req.headers }) - 1;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.handler(body, res, index);
    } finally {
      this.inFlight--;
    }
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function stream(
  res: ServerResponse,
  deltas: string[],
  options: { usage?: { prompt_tokens: number; completion_tokens: number }; finish?: string; delayMs?: number } = {},
): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream" });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send({ choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  for (const content of deltas) {
    if (options.delayMs) await pause(options.delayMs);
    send({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  }
  send({ choices: [{ index: 0, delta: {}, finish_reason: options.finish ?? "stop" }] });
  if (options.usage) send({ choices: [], usage: { ...options.usage, total_tokens: 0 } });
  res.end("data: [DONE]\n\n");
}
