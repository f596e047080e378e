import { describe, expect, it } from "vitest";
import { idleReporter, reportInterval } from "../src/lib/idle";

describe("the idle lock's activity reports", () => {
  it("reports the first activity and then at most once per interval", () => {
    const at: number[] = [];
    let now = 0;
    const r = idleReporter(() => at.push(now), 1000);
    for (now = 0; now <= 3000; now += 100) r.activity(now);
    expect(at).toEqual([0, 1000, 2000, 3000]);
  });
  it("reports often enough for short limits and rarely for long ones", () => {
    expect(reportInterval(4)).toBe(1000);
    expect(reportInterval(600)).toBe(30000);
    expect(reportInterval(60)).toBe(15000);
  });
});
