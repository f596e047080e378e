import { describe, expect, it } from "vitest";
import { apply } from "../src/lib/toolbar";

describe("the Markdown toolbar", () => {
  it("wraps the selection in bold and selects the words inside", () => {
    expect(apply("bold", "I love horses", 7, 13)).toEqual({ text: "I love **horses**", start: 9, end: 15 });
  });
  it("unwraps bold when pressed again on the same words", () => {
    expect(apply("bold", "I love **horses**", 9, 15)).toEqual({ text: "I love horses", start: 7, end: 13 });
  });
  it("gives a placeholder to style when nothing is selected", () => {
    const e = apply("italic", "Hi ", 3, 3);
    expect(e.text).toBe("Hi *gentle words*");
    expect(e.text.slice(e.start, e.end)).toBe("gentle words");
  });
  it("makes every selected line a list item, and undoes it", () => {
    const text = "Title\nBiscuit\nLily";
    const listed = apply("list", text, 7, 16);
    expect(listed.text).toBe("Title\n- Biscuit\n- Lily");
    expect(apply("list", listed.text, listed.start, listed.end).text).toBe(text);
  });
  it("turns the current line into a heading without touching others", () => {
    expect(apply("heading", "one\ntwo\nthree", 5, 5).text).toBe("one\n## two\nthree");
  });
});
