import { describe, expect, it } from "vitest";
import coreErrors from "../../src/error.rs?raw";
import shellErrors from "../../src-tauri/src/error.rs?raw";
import { errorWords, translatedCodes } from "../src/lib/i18n/errors";
import { asAppError } from "../src/lib/api";
import { setLang } from "../src/lib/i18n/index.svelte";

/** Every error code the core and the app's shell can send. */
function realCodes(): Set<string> {
  const codes = new Set<string>();
  for (const s of [coreErrors, shellErrors]) for (const m of s.matchAll(/(?:=>|new\()\s*"([a-z]+(?:-[a-z]+)*)"/g)) codes.add(m[1]);
  return codes;
}

describe("error messages in Welsh", () => {
  it("names only codes the core or the shell really sends", () => {
    const real = realCodes();
    expect(real.has("wrong-passphrase") && real.has("locked")).toBe(true);
    for (const code of translatedCodes("cy")) expect(real, code).toContain(code);
  });

  it("shows the Welsh words for a code it knows, carrying over the number", () => {
    const english = "That passphrase was wrong several times. Wait 8 seconds, then try again carefully.";
    const welsh = errorWords("too-many-attempts", english, "cy");
    expect(welsh).toContain("Arhoswch 8 eiliad");
    expect(errorWords("picture-unsupported", "This is a AVIF picture, which Life Story Binder can't read.", "cy")).toContain("Llun AVIF");
  });

  it("keeps the core's English for a code it has no words for, and in English", () => {
    expect(errorWords("invalid", "Choose between 1 and 60 minutes.", "cy")).toBe("Choose between 1 and 60 minutes.");
    expect(errorWords("wrong-passphrase", "That passphrase doesn't open Jo's key.", "en")).toBe("That passphrase doesn't open Jo's key.");
  });

  it("is what a command's failure says once the window is in Welsh", () => {
    setLang("cy");
    try {
      expect(asAppError({ code: "not-linked", message: "This binder isn't linked…" }).message).toMatch(/^Dydy'r rhwymwr hwn ddim wedi'i gysylltu/);
    } finally {
      setLang("en");
    }
    expect(asAppError({ code: "not-linked", message: "This binder isn't linked…" }).message).toBe("This binder isn't linked…");
  });
});
