import net from "node:net";

/** The host a model URI downloads from: Hugging Face for `hf:` URIs, the URL's own host otherwise. */
export function downloadHost(uri: string): { host: string; port: number } {
  if (uri.startsWith("hf:")) return { host: "huggingface.co", port: 443 };
  const url = new URL(uri);
  return { host: url.hostname, port: url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443 };
}

const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "ECONNRESET"]);

/**
 * Connects once to where a download would go, so an offline machine hears "cannot reach <host>"
 * at once instead of a library's "fetch failed" (or a transfer that retries for minutes).
 * Answers null when the host answered, or the sentence to show.
 */
export async function unreachableReason(uri: string, timeoutMs = 8000, connect: typeof net.connect = net.connect): Promise<string | null> {
  const { host, port } = downloadHost(uri);
  const code = await new Promise<string | null>((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: string | null) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish("ETIMEDOUT"));
    socket.once("connect", () => finish(null));
    socket.once("error", (error: NodeJS.ErrnoException) => finish(error.code ?? "ECONNREFUSED"));
  });
  if (code === null) return null;
  const shown = port === 443 || port === 80 ? host : `${host}:${port}`;
  return UNREACHABLE.has(code) ? `cannot reach ${shown} (${code}): check the network connection, then retry` : `cannot reach ${shown}: ${code}`;
}
