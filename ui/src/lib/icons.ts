// Simple line icons (24×24, drawn with a 1.8 stroke), so nothing is fetched
// and no emoji font is needed. The prompt library names its pictures with
// emoji; PROMPT_ICONS draws each of them with one of these instead.
export const PATHS: Record<string, string> = {
  "young-person": "M12 2.5l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 16.9 6.3 20l1.2-6.4L2.8 9.2l6.4-.8z",
  carer: "M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6",
  "social-worker": "M4 8h16v11H4zM9 8V5h6v3M4 13h16",
  school: "M2 9l10-5 10 5-10 5zM6 11v5c3 2.5 9 2.5 12 0v-5",
  "birth-family": "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z",
  siblings: "M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3.3 2.7-6 6-6s6 2.7 6 6M10 20c0-3.3 2.7-6 6-6s6 2.7 6 6",
  lock: "M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3",
  book: "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 5v16M8 7h7",
  plus: "M12 5v14M5 12h14",
  print: "M7 9V3h10v6M6 18H4v-7h16v7h-2M7 14h10v7H7z",
  calendar: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
  eye: "M2 12s3.6-6 10-6 10 6 10 6-3.6 6-10 6S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
  picture: "M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15.5 9.5a1.5 1.5 0 1 0 0-.01",
  heart: "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z",
  letter: "M3 6h18v12H3zM3 6l9 7 9-7",
  left: "M15 5l-7 7 7 7",
  right: "M9 5l7 7-7 7",
  check: "M5 12l5 5 9-10",
  map: "M9 4L3 6v14l6-2 6 2 6-2V4l-6 2zM9 4v14M15 6v14",
  people: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4.4 3.6-8 8-8s8 3.6 8 8",
  clipboard: "M8 4h8v3H8zM6 5H5v16h14V5h-1M8 11h8M8 15h6",
  settings: "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1",
  speak: "M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12",
  stop: "M7 7h10v10H7z",
  text: "M4 19l5-14h1l5 14M6 14h7M16 19l2.5-7h.5l2.5 7M17 17h4",
  // Pictures for the prompt library.
  smile: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 14s1.5 2 4 2 4-2 4-2M9 9.5h.01M15 9.5h.01",
  talk: "M4 4h16v12h-9l-5 4v-4H4zM12 13s-3-1.8-3-4a1.6 1.6 0 0 1 3-.9 1.6 1.6 0 0 1 3 .9c0 2.2-3 4-3 4z",
  paw: "M4.4 10a1.6 2 0 1 0 3.2 0 1.6 2 0 1 0-3.2 0M7.9 6.5a1.6 2 0 1 0 3.2 0 1.6 2 0 1 0-3.2 0M12.9 6.5a1.6 2 0 1 0 3.2 0 1.6 2 0 1 0-3.2 0M16.4 10a1.6 2 0 1 0 3.2 0 1.6 2 0 1 0-3.2 0M12 12.5c-3 0-5.5 3.5-5.5 5.5 0 1.6 1.3 2.5 2.8 2.5 1.2 0 1.8-.6 2.7-.6s1.5.6 2.7.6c1.5 0 2.8-.9 2.8-2.5 0-2-2.5-5.5-5.5-5.5z",
  ball: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 8l3 2.2-1.1 3.5h-3.8L9 10.2zM12 8V3.2M15 10.2l4.4-1.6M13.9 13.7l2.8 3.8M10.1 13.7l-2.8 3.8M9 10.2L4.6 8.6",
  "ice-cream": "M6 10a6 6 0 1 1 12 0zM6 10l6 12 6-12M8.5 13.5h7M10 16.5h4",
  medal: "M8 3l3 6.5M16 3l-3 6.5M12 21a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM12 13.5v4",
  home: "M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6",
  suitcase: "M4 8h16v12H4zM9 8V5h6v3M9 8v12M15 8v12",
  thought: "M7 14.5h10a3.75 3.75 0 0 0 .4-7.5A5.25 5.25 0 0 0 7.3 7.2 3.65 3.65 0 0 0 7 14.5zM8 18a1 1 0 1 0 0-.01M5 21a.6.6 0 1 0 0-.01",
  rainbow: "M2.5 18a9.5 9.5 0 0 1 19 0M6 18a6 6 0 0 1 12 0M9.5 18a2.5 2.5 0 0 1 5 0",
  baby: "M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM12 5c0-1.5 1-2.5 2.5-2.5M9.5 12h.01M14.5 12h.01M10 15.5c1.2 1 2.8 1 4 0",
  books: "M4 4h4v16H4zM10 4h4v16h-4zM15.5 5.5l3.4-.9 3.6 14.5-3.4.9zM4 8h4M10 8h4",
  wrench: "M14.7 3.3a5 5 0 0 0-5 6.6L3.6 16a2 2 0 0 0 2.8 2.8l6.1-6.1a5 5 0 0 0 6.6-5l-3 3-2.8-.6-.6-2.8z",
  sparkle: "M11 3l1.8 5.2L18 10l-5.2 1.8L11 17l-1.8-5.2L4 10l5.2-1.8zM18.5 14.5l.8 2.2 2.2.8-2.2.8-.8 2.2-.8-2.2-2.2-.8 2.2-.8z",
  rocket: "M12 2.5c3 2 5 6 4 11l-2 3h-4l-2-3c-1-5 1-9 4-11zM12 7.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM8 13l-3 3 3.5 1M16 13l3 3-3.5 1M10.5 19.5l1.5 2.5 1.5-2.5",
  key: "M7 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM11 12h10M18 12v3M21 12v2.5",
  idea: "M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",
};

/** The prompt library's emoji (assets/prompts/*.json), drawn as line icons. */
export const PROMPT_ICONS: Record<string, string> = {
  "🙂": "smile",
  "⭐": "young-person",
  "🤝": "talk",
  "👫": "siblings",
  "🐾": "paw",
  "⚽": "ball",
  "🍦": "ice-cream",
  "🏅": "medal",
  "🏠": "home",
  "🧳": "suitcase",
  "💭": "thought",
  "🌈": "rainbow",
  "👶": "baby",
  "🏫": "school",
  "📚": "books",
  "🔧": "wrench",
  "🗺": "map",
  "✨": "sparkle",
  "🚀": "rocket",
  "🔑": "key",
};

/** The icon for a prompt's emoji; a light bulb for one not drawn yet. */
export function promptIcon(emoji: string): string {
  return PROMPT_ICONS[emoji.replace(/\uFE0F/g, "")] ?? "idea";
}
