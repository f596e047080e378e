// "Read this page to me", with the speech the system provides: the words go
// to the voices installed on this computer (a voice that says it is not
// local, i.e. a network service, is never used) and nowhere else. Without
// such a voice the button is not shown.
import type { Lang } from "../bindings/Lang";
import { catalogues } from "./i18n/index.svelte";

export const speech = $state({ available: false, speaking: false });

let voices: SpeechSynthesisVoice[] = [];
let said = 0;

function synth(): SpeechSynthesis | null {
  return typeof window !== "undefined" && "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined"
    ? window.speechSynthesis
    : null;
}

function refresh() {
  voices = (synth()?.getVoices() ?? []).filter((v) => v.localService);
  speech.available = voices.length > 0;
}

/** Look for voices now and whenever the system's list changes (WebKit fills it in late). */
export function watchVoices() {
  const s = synth();
  if (!s) return;
  refresh();
  s.addEventListener("voiceschanged", refresh);
}

/** The best voice for `l`: its locale exactly (cy-GB), then the language, then the default. */
export function voiceFor(l: Lang, list: Pick<SpeechSynthesisVoice, "lang" | "default">[] = voices) {
  const norm = (v: { lang: string }) => v.lang.toLowerCase().replace("_", "-");
  const locale = catalogues[l].language.locale.toLowerCase();
  return (
    list.find((v) => norm(v) === locale) ??
    list.find((v) => norm(v) === l || norm(v).startsWith(`${l}-`)) ??
    null
  );
}

export function speak(text: string, l: Lang) {
  const s = synth();
  if (!s || !speech.available) return;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  const voice = voiceFor(l) as SpeechSynthesisVoice | null;
  try {
    if (voice) u.voice = voice;
  } catch {
    /* not a voice this engine made: its language below still chooses one */
  }
  u.lang = voice?.lang ?? catalogues[l].language.locale;
  const mine = ++said;
  u.onend = u.onerror = () => {
    if (mine === said) speech.speaking = false;
  };
  speech.speaking = true;
  s.speak(u);
}

/** On a page turn, leaving a page, and on lock. */
export function stopSpeaking() {
  said++;
  speech.speaking = false;
  synth()?.cancel();
}
