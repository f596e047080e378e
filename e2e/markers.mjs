// Long, unique words typed into pages during the end-to-end run: if one of
// them turns up outside the binder, a page's words leaked.
export const MARKERS = {
  narrative: "Zebracornflower",
  restricted: "Quillbarrowmoth",
  caption: "Marmalightkestrel",
};
export const MARKERS_LIST = Object.values(MARKERS);
