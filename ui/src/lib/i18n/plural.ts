// Counting words. Welsh has six plural categories (zero, one, two, few,
// many, other); Intl.PluralRules knows which a number falls in, and each
// message gives only the forms it needs (the rest fall back to `other`).
import type { Lang } from "../../bindings/Lang";

export type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Lang, Intl.PluralRules>();

export function plural(lang: Lang, n: number, forms: Forms): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return forms[r.select(n)] ?? forms.other;
}

/** "a, b and c" in English. */
export function andEn(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * "a, b a c" in Welsh: "ac" before a vowel, and "a" brings the aspirate
 * mutation to the common nouns that follow it (Teulu → Theulu). Names the
 * caller marks as proper (a person's own name) are left as they are.
 */
export function andCy(items: string[], proper: (item: string) => boolean = () => false): string {
  if (items.length <= 1) return items.join("");
  const last = items[items.length - 1];
  return `${items.slice(0, -1).join(", ")} ${withA(last, proper(last))}`;
}

export function withA(word: string, proper = false): string {
  if (/^[aeiouwyâêîôûŵŷ]/i.test(word)) return `ac ${word}`;
  if (!proper) {
    if (/^[cpt](?!h)/i.test(word)) return `a ${word[0]}h${word.slice(1)}`;
  }
  return `a ${word}`;
}
