// After the end-to-end run: no entry's words may be anywhere the app or its
// webview wrote, except inside the encrypted binder (and the PDF the test
// asked for). Searches every file under the given folders for each marker,
// as UTF-8 and as UTF-16 (how WebKit stores some strings).
import { readdirSync, readFileSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { MARKERS_LIST } from "./markers.mjs";

const [allowed, ...roots] = process.argv.slice(2);
const allow = (path) => path.endsWith(".binder") || (path.endsWith(".pdf") && path.startsWith(allowed));

const needles = MARKERS_LIST.flatMap((m) => [Buffer.from(m, "utf8"), Buffer.from(m, "utf16le")]);
let files = 0;
const found = [];
function walk(path) {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st || st.isSymbolicLink()) return;
  if (st.isDirectory()) return readdirSync(path).forEach((n) => walk(join(path, n)));
  if (!st.isFile() || allow(path)) return;
  files += 1;
  const data = readFileSync(path);
  for (const n of needles) if (data.includes(n)) found.push(`${path}: ${n.toString(n.length === Buffer.byteLength(n.toString("utf8")) ? "utf8" : "utf16le")}`);
}
roots.forEach(walk);
if (found.length) {
  console.error(`Entry text found outside the binder:\n${found.join("\n")}`);
  process.exit(1);
}
console.log(`No entry text in ${files} files under ${roots.join(", ")} (binder and exported PDF excepted).`);
