import { describe, expect, it } from "vitest";
import { day, intlHasMonths } from "../src/lib/words";
import { setLang } from "../src/lib/i18n/index.svelte";

describe("dates in the window's language", () => {
  it("writes a day in English and in Welsh with Intl (Node has full ICU)", () => {
    expect(intlHasMonths("en")).toBe(true);
    expect(intlHasMonths("cy")).toBe(true);
    expect(day("2040-06-01", "en")).toBe("1 June 2040");
    expect(day("2040-06-01", "cy")).toBe("1 Mehefin 2040");
    expect(day("2026-11-23", "cy")).toBe("23 Tachwedd 2026");
  });

  it("falls back to the catalogue's month names where Intl has no Welsh", () => {
    expect(day("2040-06-01", "cy", false)).toBe("1 Mehefin 2040");
    expect(day("2026-02-14", "cy", false)).toBe("14 Chwefror 2026");
    expect(day("2026-11-23", "en", false)).toBe("23 November 2026");
    // Both ways agree on every month.
    for (let m = 1; m <= 12; m++) {
      const d = `2031-${String(m).padStart(2, "0")}-09`;
      expect(day(d, "cy", false)).toBe(day(d, "cy", true));
      expect(day(d, "en", false)).toBe(day(d, "en", true));
    }
  });

  it("follows the language showing, and leaves odd input alone", () => {
    setLang("cy");
    expect(day("2040-06-01")).toBe("1 Mehefin 2040");
    setLang("en");
    expect(day("2040-06-01")).toBe("1 June 2040");
    expect(day("2026-11-23T20:15:00Z")).toMatch(/^2[34] November 2026$/);
    expect(day("")).toBe("");
    expect(day(null)).toBe("");
    expect(day("not a date")).toBe("not a date");
  });
});
