import { describe, expect, it } from "vitest";
import { MAX_REST_MS, ServerFleet, type FleetEndpoint } from "../../electron/llm/server-fleet.js";

const urls = ["http://a/v1", "http://b/v1", "http://c/v1"];
const names = (endpoints: (FleetEndpoint | null)[]) => endpoints.map((endpoint) => endpoint?.baseUrl.slice(7, 8) ?? null);

describe("ServerFleet", () => {
  it("sends each request to the server with the fewest in flight, at most the limit on each", async () => {
    const fleet = new ServerFleet(urls, 2);
    const first = await Promise.all(Array.from({ length: 6 }, () => fleet.acquire()));
    expect(names(first)).toEqual(["a", "b", "c", "a", "b", "c"]);
    // b finishes one: it now has the fewest in flight.
    fleet.release(first[1] as FleetEndpoint, "ok");
    expect(names([await fleet.acquire()])).toEqual(["b"]);
    expect(fleet.endpoints.map((endpoint) => endpoint.active)).toEqual([2, 2, 2]);
  });

  it("makes requests wait when every server is full, first come first served, and says so", async () => {
    const fleet = new ServerFleet(urls.slice(0, 2), 1);
    const a = (await fleet.acquire()) as FleetEndpoint;
    const b = (await fleet.acquire()) as FleetEndpoint;
    const waits: string[] = [];
    const served: string[] = [];
    const queued = ["x", "y"].map((name) =>
      fleet.acquire({ onWaiting: (waiting) => waits.push(`${name} ${waiting}`) }).then((endpoint) => (served.push(`${name}@${names([endpoint])[0]}`), endpoint as FleetEndpoint)),
    );
    fleet.release(b, "ok");
    fleet.release(a, "ok");
    await Promise.all(queued);
    expect(served).toEqual(["x@b", "y@a"]);
    expect(waits).toEqual(["x true", "y true", "x false", "y false"]);
  });

  it("rests a failed server: no new requests while others are up, again after its rest; alone it is still tried", async () => {
    let now = 1_000;
    const fleet = new ServerFleet(urls.slice(0, 2), 4, () => now);
    const a = (await fleet.acquire()) as FleetEndpoint;
    fleet.release(a, "failed");
    expect(names(await Promise.all([fleet.acquire(), fleet.acquire(), fleet.acquire()]))).toEqual(["b", "b", "b"]);
    now += 1_000;
    expect(names([await fleet.acquire()])).toEqual(["a"]);
    // Repeated failures rest it longer, up to a cap.
    for (let i = 0; i < 10; i++) {
      a.active++;
      fleet.release(a, "failed");
    }
    expect(a.restUntil - now).toBe(MAX_REST_MS);

    const single = new ServerFleet(urls.slice(0, 1), 1, () => now);
    const only = (await single.acquire()) as FleetEndpoint;
    single.release(only, "failed");
    expect(await single.acquire()).toBe(only);
  });

  it("prefers servers a request has not failed on yet; null when stopped while waiting", async () => {
    const fleet = new ServerFleet(urls.slice(0, 2), 1);
    const a = fleet.endpoints[0] as FleetEndpoint;
    expect(names([await fleet.acquire({ avoid: new Set([a]) })])).toEqual(["b"]);
    expect(fleet.triedAll(new Set([a]))).toBe(false);
    expect(fleet.triedAll(new Set(fleet.endpoints))).toBe(true);
    await fleet.acquire();
    const stop = new AbortController();
    const waiting = fleet.acquire({ signal: stop.signal });
    stop.abort();
    expect(await waiting).toBeNull();
  });
});
