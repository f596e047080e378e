import { describe, expect, it } from "vitest";
import { audienceSentence, toggle, widens } from "../src/lib/audience";

describe("who can see this", () => {
  it("names the young person by their own name", () => {
    expect(audienceSentence(["young-person"], "Amira")).toBe("Only Amira");
    expect(audienceSentence(["young-person", "carer", "social-worker"], "Amira")).toBe("Amira, Carer and Social worker");
    expect(audienceSentence([], "Amira")).toBe("No one yet");
  });
  it("keeps parties in book order when one is added", () => {
    expect(toggle(["social-worker"], "young-person")).toEqual(["young-person", "social-worker"]);
    expect(toggle(["young-person", "carer"], "carer")).toEqual(["young-person"]);
  });
  it("asks for consent only when someone new would see the page", () => {
    expect(widens(["carer"], ["carer", "school"])).toBe(true);
    expect(widens(["carer", "school"], ["carer"])).toBe(false);
    expect(widens(["carer"], ["carer"])).toBe(false);
  });
});
