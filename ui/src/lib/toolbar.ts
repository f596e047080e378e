// The Markdown toolbar's edits: pure functions of (text, selection), so they
// are tested without a browser.
import { en } from "./i18n/en";

export interface Edit {
  text: string;
  start: number;
  end: number;
}

export type Tool = "bold" | "italic" | "heading" | "list" | "quote";

const WRAP: Record<string, string> = { bold: "**", italic: "*" };
const PREFIX: Record<string, string> = { heading: "## ", list: "- ", quote: "> " };

/** Words put in to be styled when nothing is selected (in the window's language). */
export interface Placeholders {
  bold: string;
  italic: string;
}

export function apply(tool: Tool, text: string, start: number, end: number, words: Placeholders = { bold: en.editor.strongWords, italic: en.editor.gentleWords }): Edit {
  if (tool in WRAP) {
    const mark = WRAP[tool];
    const chosen = text.slice(start, end) || (tool === "bold" ? words.bold : words.italic);
    const before = text.slice(0, start);
    const after = text.slice(end);
    // Pressing again on a wrapped selection unwraps it.
    if (before.endsWith(mark) && after.startsWith(mark) && !(mark === "*" && before.endsWith("**"))) {
      return { text: before.slice(0, -mark.length) + chosen + after.slice(mark.length), start: start - mark.length, end: start - mark.length + chosen.length };
    }
    return { text: before + mark + chosen + mark + after, start: start + mark.length, end: start + mark.length + chosen.length };
  }
  const prefix = PREFIX[tool];
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEndAt = text.indexOf("\n", end);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const lines = text.slice(lineStart, lineEnd).split("\n");
  const all = lines.every((l) => l.startsWith(prefix));
  const changed = lines.map((l) => (all ? l.slice(prefix.length) : prefix + l)).join("\n");
  const delta = changed.length - (lineEnd - lineStart);
  return { text: text.slice(0, lineStart) + changed + text.slice(lineEnd), start: lineStart, end: lineEnd + delta };
}
