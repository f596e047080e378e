import { describe, expect, it } from "vitest";
import coreErrors from "../src/bindings/CoreError.ts?raw";
import pictureProblems from "../src/bindings/PictureProblem.ts?raw";
import commandErrors from "../src/bindings/CommandError.ts?raw";
import { en } from "../src/lib/i18n/en";
import { cy } from "../src/lib/i18n/cy";
import { wordsFor, type ErrorCode, type ErrorData } from "../src/lib/i18n/errors";
import { asAppError } from "../src/lib/api";
import { setLang } from "../src/lib/i18n/index.svelte";

/**
 * Every code the core and the shell can send, read from the TypeScript that
 * ts-rs generates from their Rust error enums (so no variant can be missed).
 */
function sentCodes(): string[] {
  const codes = new Set<string>();
  for (const ts of [coreErrors, pictureProblems, commandErrors]) for (const m of ts.matchAll(/"code": "([^"]+)"/g)) codes.add(m[1]);
  return [...codes].sort();
}

/** Data for each code's words, as the Rust side would send it (typed: a new code needs a line here). */
type Samples = { [C in ErrorCode]: [ErrorData<C>] extends [never] ? null : ErrorData<C>[] };
const path = "/home/jo/Documents/Life Story Binder/Amira.binder";
const SAMPLES: Samples = {
  "wrong-passphrase": [{ member: "Jo" }],
  "wrong-recovery-key": null,
  "not-a-recovery-key": null,
  "unknown-member": [{ name: "Priya" }],
  "member-exists": [{ name: "Priya" }],
  "not-a-binder": [{ path }],
  "newer-schema": [{ found: 9, supported: 3 }],
  damaged: [{ detail: "the database structure is corrupt" }],
  tampered: [{ what: "Page 3f2a1b2c" }],
  "excessive-work": [{ log_n: 30 }],
  "not-shared": null,
  "key-waiting": null,
  sealed: [{ until: "2031-05-14" }],
  "letter-needs-keeper": null,
  "letter-waiting": [{ until: "2031-05-14" }],
  "not-found": [{ what: "The session" }],
  "ambiguous-id": [{ prefix: "3f2a" }],
  "consent-needed": [{ adding: ["school"] }, { adding: ["school", "birth-family", "siblings"] }],
  "role-key-needed": [{ role: "social-worker" }],
  "no-role-key": [{ role: "carer" }],
  "last-member": null,
  "already-exists": [{ path }],
  "session-open": null,
  "no-open-session": null,
  "duplicate-picture": [{ page: "Page 3f2a1b2c" }, { page: null }],
  "disk-full": null,
  "write-failed": null,
  "too-many-attempts": [{ wait_secs: 8 }],
  cancelled: null,
  "not-a-change-file": [{ path: "/home/jo/for-office.lsc" }],
  "newer-change-file": [{ version: 9 }],
  "foreign-change-file": null,
  "tampered-change-file": null,
  "change-file-old-keys": null,
  "membership-forked": null,
  "keys-replaced": null,
  "not-an-offer": null,
  "foreign-offer": null,
  "forged-offer": null,
  "not-linked": null,
  "confirm-sensitive": null,
  "offer-from-this-binder": null,
  "bad-group-code": null,
  "not-a-choice": (["section", "kind", "place-kind", "closeness", "identity-field", "role", "party", "picture-size", "feeling", "language"] as const).map(
    (of) => ({ of, given: "xyzzy" }),
  ),
  "not-a-day": [{ given: "31/5/2031" }],
  "not-a-date": [{ given: "someday" }],
  "unknown-prompt": [{ id: "favourite-food" }],
  "child-name-needed": null,
  "bad-member-name": [{ max_chars: 60 }],
  "passphrase-too-short": [{ min_chars: 8 }],
  "weak-passphrase": null,
  "member-needed": [{ task: "settings" }, { task: "session" }],
  "keys-for-another-binder": null,
  "may-not-remove-others": null,
  "may-not-admit": [{ role: "carer" }],
  "not-your-page": [{ act: "edit" }, { act: "share" }, { act: "delete" }],
  "awaiting-approval": [{ name: "Lou" }],
  "author-always-sees": [{ role: "young-person" }],
  "kind-cannot-change": [{ from: "person", to: "place" }],
  "move-next-to-itself": null,
  "title-needed": null,
  "title-too-long": [{ max_chars: 200 }],
  "page-too-long": [{ max_chars: 1_000_000 }],
  "caption-too-long": [{ max_chars: 2000 }],
  "picture-body-needed": null,
  "no-pictures-here": [{ kind: "identity" }],
  "no-free-file-name": [{ file: "book" }, { file: "binder" }],
  "nothing-new-to-print": [
    { audience: "school", since: "2026-05-03" },
    { audience: "carer", since: null },
  ],
  "backup-path-not-text": null,
  "restore-onto-itself": null,
  usage: [{ message: "Say who you are with --as NAME." }],
  unexpected: [{ detail: "the page map did not serialise" }],
  io: [{ path }],
  storage: null,
  "picture-empty": null,
  "not-a-picture": null,
  "picture-heic": null,
  "picture-unsupported": [{ format: "AVIF" }],
  "picture-damaged": null,
  "picture-too-large": [
    { width: 50_000, height: 50_000, max_side: 16_384, max_pixels: 100_000_000 },
    { width: 0, height: 0, max_side: 16_384, max_pixels: 100_000_000 },
  ],
  "picture-file-too-big": [{ bytes: 250_000_000, max_bytes: 100_000_000 }],
  locked: null,
  "no-binder": null,
  "no-recovery-key": null,
  "no-book-yet": null,
  "cannot-open-book": [{ path: "/home/jo/Documents/Life Story Binder/Book for school.pdf" }],
  "nothing-arrived": [{ what: "picture" }, { what: "file" }],
  "no-offer-chosen": null,
  "idle-minutes-out-of-range": [{ min: 1, max: 60 }],
};

/** Data fields the words must carry over (a name, a number, a path the person has to find). */
const CARRIED: Partial<Record<ErrorCode, string[]>> = {
  "unknown-member": ["name"],
  "member-exists": ["name"],
  "not-a-binder": ["path"],
  "already-exists": ["path"],
  "not-a-change-file": ["path"],
  io: ["path"],
  "cannot-open-book": ["path"],
  "too-many-attempts": ["wait_secs"],
  "newer-schema": ["found", "supported"],
  "newer-change-file": ["version"],
  "excessive-work": ["log_n"],
  sealed: ["until"],
  "letter-waiting": ["until"],
  "picture-unsupported": ["format"],
  "not-a-choice": ["given"],
  "not-a-day": ["given"],
  "not-a-date": ["given"],
  "unknown-prompt": ["id"],
  "bad-member-name": ["max_chars"],
  "passphrase-too-short": ["min_chars"],
  "title-too-long": ["max_chars"],
  "caption-too-long": ["max_chars"],
  "idle-minutes-out-of-range": ["min", "max"],
};

describe("the words for errors", () => {
  const codes = sentCodes();

  it("reads the codes from the generated bindings", () => {
    expect(codes.length).toBeGreaterThan(70);
    for (const code of ["wrong-passphrase", "picture-heic", "locked", "not-a-choice"]) expect(codes).toContain(code);
  });

  it("has English and Welsh for every code the core and the shell can send, and for no other", () => {
    expect(Object.keys(en.errors).sort(), "en.ts errors").toEqual(codes);
    expect(Object.keys(cy.errors).sort(), "cy.ts errors").toEqual(codes);
    expect(Object.keys(SAMPLES).sort(), "a sample for each code").toEqual(codes);
  });

  it("makes a whole sentence from each code's data, in each language, with its names and numbers", () => {
    for (const code of codes as ErrorCode[]) {
      const samples = (SAMPLES[code] as unknown[] | null) ?? [undefined];
      for (const data of samples) {
        const sent = { code, data, message: "The core's English." };
        const english = wordsFor(en.errors, sent);
        const welsh = wordsFor(cy.errors, sent);
        for (const out of [english, welsh]) {
          expect(out.trim().length, code).toBeGreaterThan(10);
          expect(out, code).not.toMatch(/undefined|NaN|\[object|null|\$\{|The core's English/);
          expect(out, code).toMatch(/[.?!)]$/);
          for (const field of CARRIED[code] ?? []) {
            const value = (data as Record<string, unknown>)[field];
            expect(out, `${code}: ${field}`).toContain(String(value));
          }
        }
        expect(welsh, `${code} is in Welsh`).not.toBe(english);
      }
    }
  });

  it("gives a picture's size and the limits it broke", () => {
    const sent = { code: "picture-too-large", data: { width: 50_000, height: 40_000, max_side: 16_384, max_pixels: 100_000_000 }, message: "" };
    for (const errors of [en.errors, cy.errors]) {
      const out = wordsFor(errors, sent);
      for (const n of ["50000", "40000", "16384", " 100 "]) expect(out).toContain(n);
    }
  });

  it("falls back to the core's English for a code this window doesn't know", () => {
    expect(wordsFor(cy.errors, { code: "from-a-newer-core", message: "Something new." })).toBe("Something new.");
  });

  it("is what a command's failure says in the window's language", () => {
    const sent = { code: "too-many-attempts", data: { wait_secs: 8 }, message: "That passphrase was wrong several times. Wait 8 seconds…" };
    setLang("cy");
    try {
      expect(asAppError({ code: "not-linked", message: "This binder isn't linked…" }).message).toMatch(/^Dydy'r rhwymwr hwn ddim wedi'i gysylltu/);
      expect(asAppError(sent).message).toContain("Arhoswch 8 eiliad");
      expect(asAppError({ code: "wrong-passphrase", data: { member: "Jo" }, message: "…" }).message).toMatch(
        /^Dydy'r cyfrinymadrodd yna ddim yn agor yr allwedd/,
      );
      expect(asAppError(new globalThis.Error("boom")).code).toBe("unexpected");
    } finally {
      setLang("en");
    }
    const english = asAppError(sent);
    expect(english.message).toContain("Wait 8 seconds");
    expect(english.code).toBe("too-many-attempts");
    expect(english.data).toEqual({ wait_secs: 8 });
    expect(asAppError({ code: "wrong-passphrase", data: { member: "Jo" }, message: "…" }).message).toBe(
      "That passphrase doesn't open Jo's key. Check caps lock and try again.",
    );
  });
});
