// The unlocked member's own settings: language, text size, a dyslexia-
// friendly font. Stored per member, encrypted, in the binder (the
// `preferences` commands); shown as classes on <html> (app.css). Locking
// puts the window back as it was before: the language that was showing,
// standard text, the usual font. Nothing is kept in the webview's storage.
import { api } from "./api";
import { lang, setLang } from "./i18n/index.svelte";
import type { Lang } from "../bindings/Lang";
import type { Preferences } from "../bindings/Preferences";
import type { TextSize } from "../bindings/TextSize";

export const TEXT_SIZES: TextSize[] = ["standard", "large", "larger"];

export const mine = $state({ preferences: null as Preferences | null });

/** The language showing before the member unlocked, to go back to on lock. */
let windowLang: Lang = "en";
/** Someone switched language on the welcome or unlock screen: whoever unlocks next chose it. */
let chosenWhileLocked = false;

export function show(p: Preferences) {
  setLang(p.language);
  if (typeof document === "undefined") return;
  const html = document.documentElement.classList;
  html.toggle("text-large", p.text_size === "large");
  html.toggle("text-larger", p.text_size === "larger");
  html.toggle("dyslexia-font", p.dyslexia_font);
}

/** Save a change from Settings: shown at once, then stored. */
export async function choose(p: Preferences) {
  const before = mine.preferences;
  mine.preferences = p;
  show(p);
  try {
    mine.preferences = await api.setPreferences(p);
  } catch (e) {
    if (before) show((mine.preferences = before));
    throw e;
  }
}

/** The language switch: for the member when someone is unlocked, else for the window. */
export async function chooseLanguage(l: Lang) {
  if (mine.preferences) return choose({ ...mine.preferences, language: l });
  setLang(l);
  chosenWhileLocked = true;
}

/** Right after unlocking, before the book shows. */
export async function loadPreferences() {
  windowLang = lang();
  let p: Preferences;
  try {
    p = await api.preferences();
  } catch {
    return; // the defaults of the window stay
  }
  if (chosenWhileLocked && p.language !== windowLang) {
    p = { ...p, language: windowLang };
    api.setPreferences(p).catch(() => {});
  }
  chosenWhileLocked = false;
  mine.preferences = p;
  show(p);
}

/** On lock. */
export function forgetPreferences() {
  mine.preferences = null;
  chosenWhileLocked = false;
  show({ language: windowLang, text_size: "standard", dyslexia_font: false });
}
