// Names for the book's parts, kinds and fields, as they appear on screen.
import type { Closeness } from "../bindings/Closeness";
import type { Feeling } from "../bindings/Feeling";
import type { IdentityField } from "../bindings/IdentityField";
import type { Kind } from "../bindings/Kind";
import type { PlaceKind } from "../bindings/PlaceKind";
import type { Section } from "../bindings/Section";

export const SECTIONS: { id: Section; title: string; blurb: string }[] = [
  { id: "present", title: "My present", blurb: "Who I am now, the people around me, what I like." },
  { id: "past", title: "My past", blurb: "Where I've lived and the people and times I remember." },
  { id: "future", title: "My future", blurb: "Hopes, dreams and what I'd like to do." },
];

export const KINDS: { id: Kind; label: string; icon: string }[] = [
  { id: "narrative", label: "Words", icon: "book" },
  { id: "picture", label: "Pictures", icon: "picture" },
  { id: "person", label: "A person or pet", icon: "people" },
  { id: "place", label: "A place or time", icon: "map" },
  { id: "identity", label: "All about me", icon: "young-person" },
];

export const CLOSENESS: { id: Closeness; label: string }[] = [
  { id: "closest", label: "Closest to me" },
  { id: "close", label: "Close" },
  { id: "further", label: "A bit further away" },
];

export const PLACE_KINDS: { id: PlaceKind; label: string }[] = [
  { id: "home", label: "A home" },
  { id: "placement", label: "Where I lived in care" },
  { id: "school", label: "A school" },
  { id: "country", label: "A country" },
  { id: "hospital", label: "A hospital" },
  { id: "event", label: "Something that happened" },
  { id: "other", label: "Somewhere else" },
];

export const IDENTITY_FIELDS: { id: IdentityField; label: string }[] = [
  { id: "ethnicity", label: "My ethnicity" },
  { id: "culture", label: "My culture" },
  { id: "religion", label: "My religion or beliefs" },
  { id: "languages", label: "Languages I speak" },
  { id: "disability", label: "Disability, and what helps me" },
  { id: "sexual-identity", label: "My sexual identity (in my own words)" },
  { id: "gender", label: "My gender (in my own words)" },
];

export const FEELINGS: { id: Feeling; label: string }[] = [
  { id: "happy", label: "Happy" },
  { id: "calm", label: "Calm" },
  { id: "okay", label: "Okay" },
  { id: "mixed", label: "Mixed" },
  { id: "sad", label: "Sad" },
  { id: "worried", label: "Worried" },
  { id: "angry", label: "Angry" },
];

export function label<T extends string>(list: { id: T; label: string }[], id: T): string {
  return list.find((x) => x.id === id)?.label ?? id;
}

/** "23 November 2026" from an RFC 3339 time or a YYYY-MM-DD day. */
export function day(at: string | null | undefined): string {
  if (!at) return "";
  const d = new Date(at.length === 10 ? `${at}T12:00:00` : at);
  return isNaN(d.getTime()) ? at : d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}
