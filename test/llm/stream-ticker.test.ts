import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StreamTicker } from "../../electron/llm/stream-ticker.js";

describe("StreamTicker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("says due at the start, then once per period that passed, for each reply on its own", () => {
    const ticker = new StreamTicker(16);
    const a = ticker.hold();
    expect(a.due()).toBe(true);
    expect(a.due()).toBe(false);
    vi.advanceTimersByTime(15);
    expect(a.due()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(a.due()).toBe(true);
    expect(a.due()).toBe(false);
    // Several periods without asking: one slice, not a backlog of them.
    vi.advanceTimersByTime(16 * 5);
    expect(a.due()).toBe(true);
    expect(a.due()).toBe(false);

    const b = ticker.hold();
    expect(b.due()).toBe(true);
    vi.advanceTimersByTime(16);
    expect(a.due()).toBe(true);
    expect(b.due()).toBe(true);
    a.release();
    b.release();
  });

  it("runs one timer while any reply holds it and none after the last lets go (twice letting go counts once)", () => {
    const ticker = new StreamTicker(16);
    const a = ticker.hold();
    const b = ticker.hold();
    expect(vi.getTimerCount()).toBe(1);
    a.release();
    a.release();
    expect(ticker.active).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    b.release();
    expect(ticker.active).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    const c = ticker.hold();
    expect(vi.getTimerCount()).toBe(1);
    expect(c.due()).toBe(true);
    c.release();
    expect(vi.getTimerCount()).toBe(0);
  });
});
