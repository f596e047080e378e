import { describe, expect, it } from "vitest";
import { speech, voiceFor } from "../src/lib/speech.svelte";

const v = (lang: string, isDefault = false) => ({ lang, default: isDefault });

describe("read aloud", () => {
  it("picks a voice for the window's language", () => {
    const voices = [v("en-US", true), v("en-GB"), v("cy"), v("fr-FR")];
    expect(voiceFor("en", voices)?.lang).toBe("en-GB");
    expect(voiceFor("cy", voices)?.lang).toBe("cy");
    expect(voiceFor("cy", [v("cy_GB")])?.lang).toBe("cy_GB");
    expect(voiceFor("cy", [v("en-GB", true)])).toBeNull();
    expect(voiceFor("en", [v("cy-GB")])).toBeNull();
  });
  it("is not offered where there is no speech (as in Node)", () => {
    expect(speech.available).toBe(false);
  });
});
