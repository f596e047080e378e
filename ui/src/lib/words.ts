// The book's parts, kinds and fields in the order they are offered, and
// dates in the window's language. Their names are in the catalogue
// (i18n/en.ts, i18n/cy.ts), keyed by the same ids.
import type { Closeness } from "../bindings/Closeness";
import type { Feeling } from "../bindings/Feeling";
import type { IdentityField } from "../bindings/IdentityField";
import type { Kind } from "../bindings/Kind";
import type { Lang } from "../bindings/Lang";
import type { PlaceKind } from "../bindings/PlaceKind";
import type { Section } from "../bindings/Section";
import { catalogues, lang } from "./i18n/index.svelte";

export const SECTIONS: Section[] = ["present", "past", "future"];

export const KINDS: { id: Kind; icon: string }[] = [
  { id: "narrative", icon: "book" },
  { id: "picture", icon: "picture" },
  { id: "person", icon: "people" },
  { id: "place", icon: "map" },
  { id: "identity", icon: "young-person" },
];

export const CLOSENESS: Closeness[] = ["closest", "close", "further"];
export const PLACE_KINDS: PlaceKind[] = ["home", "placement", "school", "country", "hospital", "event", "other"];
export const IDENTITY_FIELDS: IdentityField[] = ["ethnicity", "culture", "religion", "languages", "disability", "sexual-identity", "gender"];
export const FEELINGS: Feeling[] = ["happy", "calm", "okay", "mixed", "sad", "worried", "angry"];

/** Whether this webview's Intl writes month names in `l` (WebKitGTK uses the system's ICU). */
const intlKnows = new Map<Lang, boolean>();
export function intlHasMonths(l: Lang): boolean {
  let known = intlKnows.get(l);
  if (known === undefined) {
    const c = catalogues[l];
    try {
      const june = new Intl.DateTimeFormat(c.language.locale, { month: "long" }).format(new Date(2020, 5, 15));
      known = june.toLowerCase() === c.months[5].toLowerCase();
    } catch {
      known = false;
    }
    intlKnows.set(l, known);
  }
  return known;
}

/** "23 November 2026" / "23 Tachwedd 2026" from an RFC 3339 time or a YYYY-MM-DD day. */
export function day(at: string | null | undefined, l: Lang = lang(), useIntl = intlHasMonths(l)): string {
  if (!at) return "";
  const d = new Date(at.length === 10 ? `${at}T12:00:00` : at);
  if (isNaN(d.getTime())) return at;
  const c = catalogues[l];
  if (useIntl) return d.toLocaleDateString(c.language.locale, { day: "numeric", month: "long", year: "numeric" });
  return `${d.getDate()} ${c.months[d.getMonth()]} ${d.getFullYear()}`;
}
