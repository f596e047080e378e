// The window's language. `t` is the catalogue of the language showing now:
// read it in markup (`{t.book.pages}`) and the markup follows a switch at
// once, because every read goes through the $state below.
import { en, type Catalogue } from "./en";
import { cy } from "./cy";
import type { Lang } from "../../bindings/Lang";
import { wordsFor, type SentError } from "./errors";

export type { Catalogue };
export const LANGS: Lang[] = ["en", "cy"];
export const catalogues: Record<Lang, Catalogue> = { en, cy };

const current = $state({ lang: "en" as Lang });

export function lang(): Lang {
  return current.lang;
}

/** Show the window in `l` (and tell WebKit, screen readers and speech which language it is). */
export function setLang(l: Lang) {
  current.lang = l;
  if (typeof document !== "undefined") document.documentElement.lang = l;
}

/** The other language, for a one-button switch. */
export function otherLang(): Lang {
  return current.lang === "en" ? "cy" : "en";
}

export const t: Catalogue = new Proxy({} as Catalogue, {
  get: (_, key) => catalogues[current.lang][key as keyof Catalogue],
});

/** What a command's error says, in the language showing now. */
export function errorText(e: SentError): string {
  return wordsFor(catalogues[current.lang].errors, e);
}
