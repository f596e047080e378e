// The window's state. Everything read from the binder lives here or in a
// screen's own state, and `forgetEverything` drops it all when the binder
// locks: nothing readable is left in the page.
import { api } from "./api";
import { forgetPictures } from "./pictures";
import { forgetPreferences } from "./preferences.svelte";
import { stopSpeaking } from "./speech.svelte";
import type { BinderFile } from "../bindings/BinderFile";
import type { Created } from "../bindings/Created";
import type { Me } from "../bindings/Me";
import type { Member } from "../bindings/Member";
import type { ChildProfile } from "../bindings/ChildProfile";

export type Screen = "welcome" | "create" | "recovery" | "unlock" | "main";
export type View = "book" | "reader" | "page" | "edit" | "sessions" | "oversight" | "siblings" | "print" | "settings";
/** Why the unlock screen is showing (its words are t.app.locked[…]). */
export type LockedBecause = "" | "idle" | "byHand" | "ready";

export const app = $state({
  screen: "welcome" as Screen,
  binder: null as BinderFile | null,
  members: [] as Member[],
  /** The member to preselect on the unlock screen. */
  suggested: null as string | null,
  created: null as Created | null,
  me: null as Me | null,
  profile: null as ChildProfile | null,
  view: "book" as View,
  /** The page being read or edited; `null` on "edit" means a new page. */
  pageId: null as string | null,
  lockedBecause: "" as LockedBecause,
  /** Bumped on every change, so screens reload what they show. */
  version: 0,
});

/** The child's name in the window's sentences, as the core decides it (`Profile::first_name`). */
export function childName(): string {
  return app.profile?.first_name ?? "";
}

export function go(view: View, pageId: string | null = null) {
  app.view = view;
  app.pageId = pageId;
}

export function changed() {
  app.version += 1;
}

/** After a lock (by hand, idle, or a `locked` error): clear everything read. */
export async function forgetEverything(because: LockedBecause) {
  stopSpeaking();
  app.me = null;
  app.profile = null;
  app.pageId = null;
  app.view = "book";
  app.version += 1;
  app.lockedBecause = because;
  app.suggested = null; // the next person chooses who they are
  app.screen = app.binder ? "unlock" : "welcome";
  forgetPreferences();
  await forgetPictures();
  try {
    app.members = await api.members();
  } catch {
    /* the binder was closed: the welcome screen shows */
  }
}

export async function lockNow() {
  await api.lock().catch(() => {});
  await forgetEverything("byHand");
}
