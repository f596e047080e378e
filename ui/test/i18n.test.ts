import { describe, expect, it } from "vitest";
import { en } from "../src/lib/i18n/en";
import { cy } from "../src/lib/i18n/cy";
import { andCy, plural, withA } from "../src/lib/i18n/plural";
import { catalogues, lang, setLang, t } from "../src/lib/i18n/index.svelte";
import { audienceSentence, partyName } from "../src/lib/audience";

type Leaf = { path: string; value: unknown };
function leaves(o: object, prefix = ""): Leaf[] {
  return Object.entries(o).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return v && typeof v === "object" && !Array.isArray(v) ? leaves(v, path) : [{ path, value: v }];
  });
}
const at = (o: object, path: string) => path.split(".").reduce<any>((x, k) => x?.[k], o);

/** Arguments for every message that takes some: a new message must add a line here. */
const SAMPLES: Record<string, unknown[][]> = {
  "app.bookOf": [["Amira"], [""]],
  "audience.only": [["Amira"]],
  "audience.list": [[["Amira", "Carer", "Birth family"]], [["Amira", "School"]]],
  "create.passHint": [[8]],
  "create.tooShort": [[8]],
  "create.savedIn": [["/home/jo/Amira.binder"]],
  "recovery.savedTo": [["/home/jo/sheet.txt"]],
  "unlock.typePass": [["Jo"]],
  "book.moved": [["My dog", 3]],
  "book.up": [["My dog"]],
  "book.down": [["My dog"]],
  "book.letterForAge": [[16]],
  "book.letterOn": [["1 June 2040"]],
  "book.hidden": [[0], [1], [2], [3], [6], [11]],
  "people.label": [["Amira", "Nan, Biscuit"]],
  "lifeMap.label": [[["Oak Tree", "Cardiff"]]],
  "page.from": [["summer 2019"]],
  "page.to": [["2021"]],
  "page.writtenBy": [["Jo", "carer"]],
  "page.confirmDelete": [["My dog"]],
  "who.saved": [["Only Amira"]],
  "who.howAgreed": [["Amira"], [""]],
  "who.example": [["Amira"]],
  "who.chose": [["Amira"]],
  "who.madeVisible": [["Jo"]],
  "editor.edit": [["My dog"]],
  "editor.whoTo": [["Amira"], [""]],
  "editor.maybe": [["family time"]],
  "editor.uploading": [[0, 1], [1, 2], [2, 5]],
  "editor.notPicture": [["notes.pdf"]],
  "editor.sensitive": [["Amira"], [""]],
  "editor.willRead": [["Only Amira"]],
  "editor.howAgreed": [["Amira"], [""]],
  "editor.example": [["Amira"]],
  "reader.hello": [["Amira"]],
  "reader.letterSealed": [["1 June 2040"]],
  "reader.writtenBy": [["Jo"]],
  "reader.count": [[1, 12]],
  "oversight.title": [["Amira"]],
  "oversight.changed": [[1, "3 May 2026"], [4, null]],
  "oversight.waiting": [["Amira"]],
  "oversight.by": [["Priya"]],
  "oversight.background": [["Amira"]],
  "oversight.backgroundHint": [["Amira"]],
  "oversight.pages": [[0], [1], [2], [7]],
  "print.nothingNew": [["3 May 2026"], [null]],
  "print.pages": [[1], [2], [3], [24]],
  "print.detail": [[5, 1], [9, 2]],
  "print.newSince": [["3 May 2026"]],
  "print.progress": [["Reading the pages", 2, 9]],
  "print.fileName": [["Amira"]],
  "print.savedTo": [[24]],
  "print.insert": [[["7"], "My dog", "6", []], [["7", "8"], "Sports day", null, ["7", "8"]]],
  "print.remove": [["12"]],
  "sessions.days": [[1], [2], [5]],
  "sessions.refused": [[1], [3]],
  "sessions.started": [["3 May 2026", "Jo", "kitchen table", 2], ["3 May 2026", "Jo", "", 0]],
  "settings.idleSaved": [[1], [2], [10]],
  "settings.passTooShort": [[8]],
  "settings.added": [["Priya", "social worker"]],
  "settings.addedWaiting": [["Lou", "carer"]],
  "who.refused": [[1], [2], [5]],
  "settings.addedBy": [["Priya"]],
  "settings.approve": [["Lou"]],
  "settings.approved": [["Lou"]],
  "settings.forExample": [["bubble brick spoon goldfish saddle"]],
  "settings.writeItDown": [["bubble brick spoon goldfish saddle"]],
  "settings.remove": [["Dana"]],
  "settings.removeAsk": [["Dana"]],
  "settings.removed": [["Dana"]],
  "settings.removedRenewed": [["Jo", "carer"], ["Sam", "young person"]],
  "settings.removedKeyKept": [["Jo", "carer", 1], ["Jo", "carer", 2], ["Jo", "carer", 5]],
  "settings.removedStillShared": [["Dana", "social worker", ["Priya"]], ["Sam", "carer", ["Jo", "Ifan"]]],
  "settings.olderBackups": [[1], [2], [3], [10]],
  "settings.backupsDeleted": [[1], [2], [3], [10]],
  "sessions.backupFailed": [["the disk is full"]],
  "settings.signed": [[1, 1], [2, 0], [7, 1000]],
  "settings.refusedPages": [[1], [2], [5]],
  "siblings.intro": [["Amira"]],
  "siblings.linkedNow": [["Amira"]],
  "siblings.fileProblem": [["page.lsp", "This file is damaged."]],
  "siblings.from": [["Zara", "Jo", "3 May 2026"]],
  "siblings.signedBy": [["Kim", "Zara"]],
  "siblings.signedByAgency": [["Zara"]],
  "siblings.pictures": [[1], [2], [5]],
  "siblings.whoHere": [["Amira"]],
  "siblings.howAgreedHere": [["Amira"]],
  "siblings.addIt": [["Amira"]],
  "siblings.added": [["Sports day", "Zara"]],
  "siblings.offerHint": [["Amira"]],
  "siblings.howAgreed": [["Amira"]],
  "siblings.howAgreedExample": [["Amira"]],
  "siblings.confirmSensitive": [["Amira"]],
  "siblings.offered": [["Sports day.lsp", 0], ["Sports day.lsp", 2]],
};

/** Messages whose words are all given (e.g. "file: the core's message"), so the same in both. */
const SAME_OUTPUT = new Set(["siblings.fileProblem"]);

/** Strings that are meant to be the same in both languages. */
const SAME = new Set(["app.name", "app.defaultFolder", "editor.italicMark", "editor.dropEnd"]);

describe("the interface catalogue", () => {
  const enLeaves = leaves(en);
  const cyLeaves = leaves(cy);

  it("has every English key in Welsh and no others", () => {
    expect(cyLeaves.map((l) => l.path).sort()).toEqual(enLeaves.map((l) => l.path).sort());
    for (const { path, value } of enLeaves) {
      const other = at(cy, path);
      // An error's words may use its data in one language and not the other.
      if (path.startsWith("errors.")) continue;
      expect(typeof other, path).toBe(typeof value);
      if (Array.isArray(value)) expect((other as unknown[]).length, path).toBe(value.length);
    }
  });

  it("has no empty Welsh, and English only where meant", () => {
    const same: string[] = [];
    for (const { path, value } of cyLeaves) {
      if (typeof value === "string") {
        expect(value.trim().length, path).toBeGreaterThan(0);
        if (value === at(en, path)) same.push(path);
      }
    }
    expect(same.filter((p) => !SAME.has(p))).toEqual([]);
    expect(SAME.size).toBeLessThanOrEqual(5);
  });

  it("gives every message with a name or a count a sensible sentence in both languages", () => {
    // Errors take their data as one object: test/errors.test.ts has a sample for each.
    const functions = enLeaves.filter((l) => typeof l.value === "function" && !l.path.startsWith("errors.")).map((l) => l.path);
    expect(functions.filter((p) => !SAMPLES[p]), "messages without samples").toEqual([]);
    for (const path of functions) {
      for (const args of SAMPLES[path]) {
        const e = at(en, path)(...args) as string;
        const w = at(cy, path)(...args) as string;
        for (const out of [e, w]) {
          expect(typeof out, path).toBe("string");
          expect(out.trim().length, path).toBeGreaterThan(0);
          expect(out, path).not.toMatch(/undefined|NaN|\[object|null|\$\{/);
          // Names and numbers given come through (a count may be spelled with its noun).
          for (const a of args.flat()) if (typeof a === "string" && a && a.length > 1 && path !== "audience.list") expect(out, `${path} ${a}`).toContain(a);
        }
        if (!SAME_OUTPUT.has(path)) expect(w, `${path} is translated`).not.toBe(e);
      }
    }
  });

  it("counts in Welsh with the singular noun and its mutations", () => {
    expect(cy.print.pages(1)).toBe("1 dudalen");
    expect(cy.print.pages(2)).toBe("2 dudalen");
    expect(cy.print.pages(3)).toBe("3 tudalen");
    expect(cy.print.pages(24)).toBe("24 tudalen");
    expect(cy.sessions.days(2)).toBe("2 ddiwrnod");
    expect(cy.sessions.days(5)).toBe("5 diwrnod");
    expect(cy.settings.idleSaved(2)).toBe("Bydd y llyfr yn cloi ar ôl 2 funud heb ei ddefnyddio.");
    expect(cy.editor.uploading(1, 2)).toBe("1 o 2 lun");
    expect(cy.book.hidden(1)).toBe("Mae 1 dudalen yn y ffeil hon sydd heb ei rhannu gyda ti.");
    expect(en.book.hidden(1)).toBe("1 page is in this binder but not shared with you.");
    expect(en.book.hidden(2)).toBe("2 pages are in this binder but not shared with you.");
    expect(en.settings.idleSaved(1)).toBe("The book will lock after 1 minute without use.");
    expect(plural("cy", 0, { zero: "dim", other: "llawer" })).toBe("dim");
    expect(plural("cy", 6, { many: "chwe", other: "llawer" })).toBe("chwe");
  });

  it("joins names the Welsh way: ac before a vowel, a with the aspirate mutation", () => {
    expect(withA("Ysgol")).toBe("ac Ysgol");
    expect(withA("Teulu geni")).toBe("a Theulu geni");
    expect(withA("Gofalwr")).toBe("a Gofalwr");
    expect(withA("Chwiorydd")).toBe("a Chwiorydd");
    expect(withA("Tomos", true)).toBe("a Tomos");
    expect(andCy(["Amira", "Gofalwr", "Teulu geni"])).toBe("Amira, Gofalwr a Theulu geni");
  });
});

describe("switching language", () => {
  it("changes every word read through t, and the page's lang", () => {
    (globalThis as any).document = { documentElement: { lang: "en" } };
    try {
      expect(lang()).toBe("en");
      expect(t.nav.lock).toBe("Lock");
      setLang("cy");
      expect(t.nav.lock).toBe("Cloi");
      expect(document.documentElement.lang).toBe("cy");
      expect(audienceSentence(["young-person", "carer", "birth-family"], "Amira")).toBe("Amira, Gofalwr a Theulu geni");
      expect(audienceSentence(["young-person"], "Amira")).toBe("Dim ond Amira");
      expect(audienceSentence([], "Amira")).toBe("Neb eto");
      expect(partyName("young-person", "")).toBe("Y person ifanc");
      setLang("en");
      expect(t.nav.lock).toBe("Lock");
      expect(audienceSentence(["young-person", "carer"], "Amira")).toBe("Amira and Carer");
    } finally {
      setLang("en");
      delete (globalThis as any).document;
    }
  });

  it("names each language in itself", () => {
    expect(catalogues.en.language.name).toBe("English");
    expect(catalogues.cy.language.name).toBe("Cymraeg");
  });
});
