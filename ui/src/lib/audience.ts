// Words and icons for "who can see this?", in a child's language.
import type { Audience } from "../bindings/Audience";
import type { Party } from "../bindings/Party";
import type { Role } from "../bindings/Role";
import { t } from "./i18n/index.svelte";

export const PARTIES: Party[] = ["young-person", "carer", "social-worker", "school", "birth-family", "siblings"];

/** How a party is named on screen; the young person is named by their own name. */
export function partyName(p: Party, child: string): string {
  return p === "young-person" && child ? child : t.parties[p];
}

export function roleName(r: Role): string {
  return t.roles[r];
}

/** The party a role belongs to (roles are the keyed parties). */
export function roleParty(r: Role): Party {
  return r;
}

/** "Only you", "You and Jo's carer"… a short sentence for a page's audience. */
export function audienceSentence(a: Audience, child: string): string {
  const names = PARTIES.filter((p) => a.includes(p)).map((p) => partyName(p, child));
  if (names.length === 0) return t.audience.none;
  if (names.length === 1) return t.audience.only(names[0]);
  return t.audience.list(names);
}

/** True when `next` lets someone new see the page (which needs the young person's agreement). */
export function widens(before: Audience, next: Audience): boolean {
  return next.some((p) => !before.includes(p));
}

export function toggle(a: Audience, p: Party): Audience {
  return a.includes(p) ? a.filter((x) => x !== p) : PARTIES.filter((x) => x === p || a.includes(x));
}
