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

  it("given random uses, a clock that sometimes goes back and many members, it answers as a plain filter over every use would", () => {
    const clock = new FakeClock();
    const cooldown = new Cooldown({ limit: 3, seconds: 5, clock });
    // The plain rule: the uses in (now - window, now]; a use counted only when allowed.
    const uses = new Map<string, number[]>();
    const plain = (user: string): ReturnType<Cooldown["take"]> => {
      const now = clock.now();
      const recent = (uses.get(user) ?? []).filter((t) => t > now - 5000 && t <= now);
      if (recent.length >= 3) return { ok: false, retryAfterMs: Math.max(1, recent[0]! + 5000 - now) };
      uses.set(user, [...recent, now]);
      return { ok: true, remaining: 3 - recent.length - 1 };
    };
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      clock.advance(Math.floor(random() * 1200) - (random() < 0.05 ? 4000 : 0));
      const user = `member ${Math.floor(random() * 2)}`;
      expect(cooldown.take(user)).toEqual(plain(user));
    }
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
