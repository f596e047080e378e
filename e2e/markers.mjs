// Long, unique words typed into pages during the end-to-end run: if one of
// them turns up outside the binder, a page's words leaked.
export const MARKERS = {
  narrative: "Zebracornflower",
  restricted: "Quillbarrowmoth",
  caption: "Marmalightkestrel",
};
export const MARKERS_LIST = Object.values(MARKERS);

// The leak scan searches files WebKit wrote (caches, databases: binary,
// some compressed) where a short word turns up by chance, so a marker must
// be 12 bytes or more, as in the Rust tests (tests/common/leaks.rs).
export const MIN_MARKER_BYTES = 12;
for (const m of MARKERS_LIST) {
  if (Buffer.byteLength(m, "utf8") < MIN_MARKER_BYTES) {
    throw new Error(`leak-scan marker ${JSON.stringify(m)} is under ${MIN_MARKER_BYTES} bytes: it could turn up in binary files by chance`);
  }
}
