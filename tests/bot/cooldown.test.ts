import { describe, expect, it } from "vitest";
import { Cooldown, describeWait } from "../../src/bot/cooldown.ts";
import { FakeClock } from "./helpers.ts";

describe("cooldown", () => {
  it("given five asks in the window, the sixth waits until the first leaves it", () => {
    const clock = new FakeClock();
    const cooldown = new Cooldown({ limit: 5, seconds: 30, clock });
    for (let i = 0; i < 5; i++) {
      expect(cooldown.take("rosa")).toEqual({ ok: true, remaining: 4 - i });
      clock.advance(2000);
    }
    expect(cooldown.take("rosa")).toEqual({ ok: false, retryAfterMs: 20_000 });
    clock.advance(19_999);
    expect(cooldown.take("rosa").ok).toBe(false);
    clock.advance(1);
    expect(cooldown.take("rosa").ok).toBe(true);
  });

  it("counts each member separately", () => {
    const clock = new FakeClock();
    const cooldown = new Cooldown({ limit: 1, seconds: 60, clock });
    expect(cooldown.take("rosa").ok).toBe(true);
    expect(cooldown.take("rosa").ok).toBe(false);
    expect(cooldown.take("leon").ok).toBe(true);
  });

  it("given a refused ask, it does not count it (waiting is not punished)", () => {
    const clock = new FakeClock();
    const cooldown = new Cooldown({ limit: 2, seconds: 10, clock });
    cooldown.take("rosa");
    cooldown.take("rosa");
    for (let i = 0; i < 5; i++) cooldown.take("rosa");
    clock.advance(10_000);
    expect(cooldown.take("rosa").ok).toBe(true);
    expect(cooldown.take("rosa").ok).toBe(true);
  });

  it("given an invalid limit, it refuses to be built", () => {
    expect(() => new Cooldown({ limit: 0, seconds: 30, clock: new FakeClock() })).toThrow(/limit/);
    expect(() => new Cooldown({ limit: 1, seconds: 0, clock: new FakeClock() })).toThrow(/seconds/);
  });

  it("says how long to wait in words, rounded up", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(12_001)).toBe("13 seconds");
    expect(describeWait(60_000)).toBe("1 minute");
    expect(describeWait(125_000)).toBe("2 minutes 5 seconds");
  });
});
