/** One server of a profile, as the fleet tracks it. */
export interface FleetEndpoint {
  readonly baseUrl: string;
  readonly chatUrl: string;
  /** Requests in flight now. */
  active: number;
  /** Failures in a row; resets on a success. */
  failures: number;
  /** While now < restUntil, the endpoint gets no requests unless every other one rests too. */
  restUntil: number;
}

export interface FleetAcquireOptions {
  signal?: AbortSignal;
  onWaiting?: (waiting: boolean) => void;
  /** Endpoints this request already failed on; others are preferred while any is up. */
  avoid?: ReadonlySet<FleetEndpoint>;
}

/** A failed endpoint rests 1 s, then 2, 4 ... up to this, before it gets requests again. */
export const MAX_REST_MS = 30_000;

/**
 * The servers of one profile. Each request goes to the endpoint with the fewest requests in
 * flight, never more than `limit` at once per endpoint; when all are full, requests wait their
 * turn, first come first served. An endpoint that failed rests for a while (growing with
 * repeated failures) and gets no new requests while others are up; when all are resting, the
 * least loaded is tried anyway, so a single server is retried as before.
 */
export class ServerFleet {
  readonly endpoints: FleetEndpoint[];
  private readonly waiters: { options: FleetAcquireOptions; grant: (endpoint: FleetEndpoint) => void }[] = [];

  constructor(
    baseUrls: readonly string[],
    public limit: number,
    private readonly now: () => number = Date.now,
  ) {
    if (baseUrls.length === 0) throw new Error("a server fleet needs at least one base URL");
    this.endpoints = baseUrls.map((baseUrl) => ({ baseUrl, chatUrl: `${baseUrl.replace(/\/+$/, "")}/chat/completions`, active: 0, failures: 0, restUntil: 0 }));
  }

  /** An endpoint for one request (release it after); null when aborted while waiting. */
  async acquire(options: FleetAcquireOptions = {}): Promise<FleetEndpoint | null> {
    if (options.signal?.aborted) return null;
    const ready = this.waiters.length === 0 ? this.choose(options.avoid) : null;
    if (ready) {
      ready.active++;
      return ready;
    }
    options.onWaiting?.(true);
    return new Promise<FleetEndpoint | null>((resolve) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index !== -1) this.waiters.splice(index, 1);
        resolve(null);
      };
      const waiter = {
        options,
        grant: (endpoint: FleetEndpoint) => {
          options.signal?.removeEventListener("abort", onAbort);
          options.onWaiting?.(false);
          resolve(endpoint);
        },
      };
      this.waiters.push(waiter);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Ends a request; a failure lets the endpoint rest (`restMs`, e.g. a Retry-After, or its growing backoff). */
  release(endpoint: FleetEndpoint, outcome: "ok" | "failed", restMs?: number): void {
    endpoint.active--;
    if (outcome === "ok") {
      endpoint.failures = 0;
      endpoint.restUntil = 0;
    } else {
      endpoint.failures++;
      endpoint.restUntil = this.now() + (restMs ?? Math.min(MAX_REST_MS, 1000 * 2 ** (endpoint.failures - 1)));
    }
    this.serveWaiters();
  }

  /** Whether every endpoint is in `tried` (time to back off before going round again). */
  triedAll(tried: ReadonlySet<FleetEndpoint>): boolean {
    return this.endpoints.every((endpoint) => tried.has(endpoint));
  }

  private serveWaiters(): void {
    for (let i = 0; i < this.waiters.length; ) {
      const waiter = this.waiters[i] as (typeof this.waiters)[number];
      const endpoint = this.choose(waiter.options.avoid);
      if (!endpoint) {
        // Everyone after it would get the same answer unless it avoids different endpoints.
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      endpoint.active++;
      waiter.grant(endpoint);
    }
  }

  /**
   * Fewest in flight among endpoints with room: first those up and not avoided, then (when every
   * one of those is resting or avoided) any with room. Null when the ones up are all full.
   */
  private choose(avoid: ReadonlySet<FleetEndpoint> = new Set()): FleetEndpoint | null {
    const now = this.now();
    const up = this.endpoints.filter((endpoint) => endpoint.restUntil <= now && !avoid.has(endpoint));
    const pool = up.length > 0 ? up : this.endpoints;
    let best: FleetEndpoint | null = null;
    for (const endpoint of pool) if (endpoint.active < this.limit && (!best || endpoint.active < best.active)) best = endpoint;
    return best;
  }
}

/** One fleet per profile and its servers, shared by every model instance (and discussion) using it. */
const fleets = new Map<string, ServerFleet>();

export function profileFleet(key: string, baseUrls: readonly string[], limit: number): ServerFleet {
  const id = `${key}#${baseUrls.join(" ")}`;
  let fleet = fleets.get(id);
  if (!fleet) fleets.set(id, (fleet = new ServerFleet(baseUrls, limit)));
  fleet.limit = limit;
  return fleet;
}
