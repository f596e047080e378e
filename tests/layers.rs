//! The core's layering, checked by reading its source: the top-level modules
//! of `src/` import each other without a cycle, `error` imports none of
//! them, and only `src/store/` touches SQLite.
//!
//! A module is a file `src/NAME.rs` or a folder `src/NAME/` (all its files
//! count as one module). An edge A -> B is any `crate::B…` path in A: in a
//! `use` (grouped ones too) or inline in code. `super::` and `self::` stay
//! inside their module. Comments and string literals are skipped. Names the
//! crate root re-exports (`crate::Binder`) count as the module they come
//! from. `lib.rs` is the root, not a module; `src/bin/` is outside the
//! library (but is included in the SQLite check).
//!
//! Run with `--nocapture` to see the layers, bottom to top.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[test]
fn the_modules_form_layers_without_a_cycle() {
    let crate_ = Crate::read();
    let graph = crate_.graph();
    let groups = graph.cycle_groups();
    if !groups.is_empty() {
        panic!("{}", graph.describe_cycles(&groups));
    }
    println!("{}", graph.describe_layers());
}

#[test]
fn error_imports_no_crate_module() {
    let crate_ = Crate::read();
    let graph = crate_.graph();
    let uses: Vec<String> = graph
        .edges
        .iter()
        .filter(|((from, _), _)| from == "error")
        .flat_map(|((_, to), at)| at.iter().map(move |at| format!("  error -> {to}   {at}")))
        .collect();
    assert!(uses.is_empty(), "src/error.rs must be a leaf, but it uses:\n{}", uses.join("\n"));
}

#[test]
fn only_the_store_touches_sqlite() {
    let crate_ = Crate::read();
    let mut found = Vec::new();
    for file in &crate_.files {
        if file.rel.starts_with("src/store/") {
            continue;
        }
        for (n, line) in file.code_and_strings.lines().enumerate() {
            if contains_word(line, "rusqlite") || line.contains(".execute(") || line.contains(".prepare(") {
                found.push(format!("  {}:{}: {}", file.rel, n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} line(s) outside src/store/ name rusqlite or run SQL:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The reader itself, on a sample with every form it must handle.
#[test]
fn the_reader_finds_crate_paths_and_skips_comments_and_strings() {
    let sample = r####"
//! Uses crate::doc_comment, which is not an edge.
use crate::{audience::Role, error::{Error, Result}};
use crate::keys;
/* crate::block_comment /* nested crate::deeper */ */
fn f() {
    let s = "crate::in_a_string \" crate::escaped";
    let r = r#"crate::in_a_raw_string "quoted""#;
    let c = '"';
    let lifetime: &'static str = "x";
    crate::picture::store(1_000, crate::date::parse_day::<u8>(x));
    super::sibling();
    self::inner();
}
pub(crate) use crate::Binder as B;
"####;
    let code = strip(sample, false);
    let paths: Vec<(String, usize)> = crate_paths(&tokens(&code)).into_iter().collect();
    let names: Vec<&str> = paths.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["audience", "error", "keys", "picture", "date", "Binder"]);
    assert_eq!(paths[0].1, 3, "the line of the grouped use");
    assert_eq!(paths[3].1, 11, "the line of the inline path");
    let kept = strip(sample, true);
    assert!(kept.contains("crate::in_a_string") && !kept.contains("doc_comment") && !kept.contains("deeper"));
    assert_eq!(code.lines().count(), sample.lines().count(), "line numbers survive");
}

/// The graph's answers, on small made-up graphs.
#[test]
fn the_graph_finds_cycles_and_layers() {
    let graph = |edges: &[(&str, &str)]| Graph {
        modules: edges.iter().flat_map(|(a, b)| [a.to_string(), b.to_string()]).collect(),
        edges: edges.iter().map(|(a, b)| ((a.to_string(), b.to_string()), vec![format!("src/{a}.rs:1")])).collect(),
    };
    let layered = graph(&[("binder", "store"), ("store", "error"), ("entry", "binder"), ("entry", "error")]);
    assert!(layered.cycle_groups().is_empty());
    let layers = layered.describe_layers();
    assert!(layers.contains("0: error\n  1: store\n  2: binder\n  3: entry\n"), "{layers}");

    let tangled = graph(&[("entry", "consent"), ("consent", "binder"), ("binder", "entry"), ("consent", "entry"), ("book", "entry"), ("x", "y"), ("y", "x")]);
    let groups = tangled.cycle_groups();
    assert_eq!(groups.len(), 2);
    assert_eq!(tangled.shortest_cycle(&groups[0]), ["consent", "entry", "consent"]);
    let told = tangled.describe_cycles(&groups);
    assert!(told.contains("group 1 (3 modules, each reaches every other): binder, consent, entry"), "{told}");
    assert!(told.contains("one cycle: consent -> entry -> consent\n    consent -> entry   src/consent.rs:1"), "{told}");
    assert!(told.contains("x -> y   src/x.rs:1") && !told.contains("book ->"), "{told}");
}

/// One source file: its path from the crate root, its top-level module
/// (`None` for `lib.rs` and `src/bin/`), and its text without comments
/// (with and without string literals).
struct File {
    rel: String,
    module: Option<String>,
    code: String,
    code_and_strings: String,
}

struct Crate {
    files: Vec<File>,
    modules: BTreeSet<String>,
    /// Names `lib.rs` re-exports, by the module they come from (`None`: from
    /// another crate).
    reexports: BTreeMap<String, Option<String>>,
}

/// Top-level modules and who uses whom, with where.
struct Graph {
    modules: BTreeSet<String>,
    edges: BTreeMap<(String, String), Vec<String>>,
}

impl Crate {
    fn read() -> Crate {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        walk(&root.join("src"), &mut paths);
        paths.sort();
        let files: Vec<File> = paths
            .iter()
            .map(|path| {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
                let under_src = rel.strip_prefix("src/").unwrap();
                let module = match under_src.split_once('/') {
                    Some(("bin", _)) => None,
                    Some((folder, _)) => Some(folder.to_owned()),
                    None if under_src == "lib.rs" => None,
                    None => Some(under_src.trim_end_matches(".rs").to_owned()),
                };
                File { module, code: strip(&text, false), code_and_strings: strip(&text, true), rel }
            })
            .collect();
        let modules: BTreeSet<String> = files.iter().filter_map(|f| f.module.clone()).collect();
        let lib = files.iter().find(|f| f.rel == "src/lib.rs").expect("src/lib.rs");
        let reexports = reexports(&tokens(&lib.code), &modules);
        Crate { files, modules, reexports }
    }

    fn graph(&self) -> Graph {
        let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for file in &self.files {
            let Some(from) = &file.module else { continue };
            for (name, line) in crate_paths(&tokens(&file.code)) {
                let to = if self.modules.contains(&name) {
                    Some(name.clone())
                } else {
                    // A root re-export, or something the root defines itself
                    // (a macro): the latter is no module's, so no edge.
                    self.reexports.get(&name).cloned().flatten()
                };
                if let Some(to) = to.filter(|to| to != from) {
                    edges.entry((from.clone(), to)).or_default().push(format!("{}:{line}", file.rel));
                }
            }
        }
        Graph { modules: self.modules.clone(), edges }
    }
}

impl Graph {
    fn uses<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.edges.keys().filter(move |(f, _)| f == from).map(|(_, t)| t.as_str())
    }

    fn reachable(&self, from: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(m) = todo.pop() {
            for next in self.uses(&m) {
                if seen.insert(next.to_owned()) {
                    todo.push(next.to_owned());
                }
            }
        }
        seen
    }

    /// The strongly connected groups of more than one module.
    fn cycle_groups(&self) -> Vec<BTreeSet<String>> {
        let reach: BTreeMap<&str, BTreeSet<String>> = self.modules.iter().map(|m| (m.as_str(), self.reachable(m))).collect();
        let mut groups: Vec<BTreeSet<String>> = Vec::new();
        for m in &self.modules {
            if !reach[m.as_str()].contains(m) || groups.iter().any(|g| g.contains(m)) {
                continue;
            }
            groups.push(self.modules.iter().filter(|o| reach[m.as_str()].contains(*o) && reach[o.as_str()].contains(m)).cloned().collect());
        }
        groups
    }

    /// A shortest cycle inside `group`, as the modules along it (first = last).
    fn shortest_cycle(&self, group: &BTreeSet<String>) -> Vec<String> {
        let mut best: Option<Vec<String>> = None;
        for start in group {
            let mut came_from: BTreeMap<String, String> = BTreeMap::new();
            let mut queue = VecDeque::from([start.clone()]);
            'search: while let Some(m) = queue.pop_front() {
                for next in self.uses(&m).filter(|n| group.contains(*n)) {
                    if next == start {
                        // Walk back from `m` to `start` (the one module
                        // with no `came_from`), then read it forwards.
                        let mut path = vec![start.clone(), m.clone()];
                        while let Some(prev) = came_from.get(path.last().unwrap()) {
                            path.push(prev.clone());
                        }
                        path.reverse();
                        if best.as_ref().is_none_or(|b| path.len() < b.len()) {
                            best = Some(path);
                        }
                        break 'search;
                    }
                    if next != start && !came_from.contains_key(next) {
                        came_from.insert(next.to_owned(), m.clone());
                        queue.push_back(next.to_owned());
                    }
                }
            }
        }
        best.expect("a group has a cycle")
    }

    fn describe_cycles(&self, groups: &[BTreeSet<String>]) -> String {
        let mut out = String::new();
        writeln!(out, "{} import cycle group(s) among the top-level modules of src/:", groups.len()).unwrap();
        for (i, group) in groups.iter().enumerate() {
            let names: Vec<&str> = group.iter().map(String::as_str).collect();
            writeln!(out, "\ngroup {} ({} modules, each reaches every other): {}", i + 1, group.len(), names.join(", ")).unwrap();
            let cycle = self.shortest_cycle(group);
            writeln!(out, "  one cycle: {}", cycle.join(" -> ")).unwrap();
            for pair in cycle.windows(2) {
                let at = &self.edges[&(pair[0].clone(), pair[1].clone())];
                writeln!(out, "    {} -> {}   {}", pair[0], pair[1], at[0]).unwrap();
            }
            writeln!(out, "  every use inside the group (where first, and how many):").unwrap();
            for ((from, to), at) in self.edges.iter().filter(|((f, t), _)| group.contains(f) && group.contains(t)) {
                writeln!(out, "    {from} -> {to}   {}{}", at[0], if at.len() > 1 { format!("  ({} uses)", at.len()) } else { String::new() }).unwrap();
            }
        }
        out
    }

    /// Layer 0 uses no other module; each layer uses only those below it.
    fn describe_layers(&self) -> String {
        let mut layer: BTreeMap<String, usize> = BTreeMap::new();
        while layer.len() < self.modules.len() {
            for m in &self.modules {
                if layer.contains_key(m) {
                    continue;
                }
                let below: Option<Vec<usize>> = self.uses(m).map(|d| layer.get(d).copied()).collect();
                if let Some(below) = below {
                    layer.insert(m.clone(), below.iter().max().map_or(0, |l| l + 1));
                }
            }
        }
        let mut by_layer: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (m, l) in &layer {
            by_layer.entry(*l).or_default().push(m);
        }
        let mut out = String::from("The core's modules, bottom layer first (each uses only modules in layers below it):\n");
        for (l, ms) in &by_layer {
            writeln!(out, "  {l}: {}", ms.join(", ")).unwrap();
        }
        out
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn contains_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !line[..i].chars().next_back().is_some_and(ident) && !line[i + word.len()..].chars().next().is_some_and(ident)
    })
}

/// `text` with comments (and, unless `keep_strings`, string and char
/// literals) blanked out; newlines stay, so line numbers do too.
fn strip(text: &str, keep_strings: bool) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, from: &[char]| {
        for &ch in from {
            out.push(if ch == '\n' { '\n' } else { ' ' });
        }
    };
    let literal = |out: &mut String, from: &[char]| {
        if keep_strings {
            out.extend(from);
        } else {
            blank(out, from);
        }
    };
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut i = 0;
    while i < c.len() {
        let rest = &c[i..];
        if rest.starts_with(&['/', '/']) {
            let end = rest.iter().position(|&ch| ch == '\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(&['/', '*']) {
            let (mut depth, mut j) = (0usize, 0);
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j.min(rest.len())]);
            i += j;
        } else if let Some(len) = raw_string_len(rest).filter(|_| i == 0 || !ident(c[i - 1]) || c[i - 1] == 'b') {
            literal(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let len = (j + 1).min(rest.len());
            literal(&mut out, &rest[..len]);
            i += len;
        } else if rest[0] == '\'' && (rest.get(1) == Some(&'\\') || rest.get(2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\u{..}'); otherwise a lifetime.
            let mut j = 1;
            while j < rest.len() && rest[j] != '\'' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let len = (j + 1).min(rest.len());
            literal(&mut out, &rest[..len]);
            i += len;
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    out
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, …) starting here.
fn raw_string_len(rest: &[char]) -> Option<usize> {
    if rest.first() != Some(&'r') {
        return None;
    }
    let hashes = rest[1..].iter().take_while(|&&ch| ch == '#').count();
    if rest.get(1 + hashes) != Some(&'"') {
        return None;
    }
    let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
    let body = 2 + hashes;
    let end = (body..rest.len()).find(|&j| rest[j..].starts_with(&close)).map_or(rest.len(), |j| j + close.len());
    Some(end)
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Path,
    Punct(char),
}

/// Identifiers, `::` and single punctuation, each with its line.
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = code.chars().collect();
    let (mut out, mut line, mut i) = (Vec::new(), 1, 0);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            if !ch.is_ascii_digit() {
                out.push((Tok::Ident(c[start..i].iter().collect()), line));
            }
        } else if c[i..].starts_with(&[':', ':']) {
            out.push((Tok::Path, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// A path named by a use tree: its segments with their lines, and the name
/// it is brought in as.
struct Named {
    segments: Vec<(String, usize)>,
    alias: Option<String>,
}

/// Read the use tree (or a path in code) at `t[i]`, under `prefix`, into
/// `out`; returns the index after it.
fn use_tree(t: &[(Tok, usize)], mut i: usize, mut prefix: Vec<(String, usize)>, out: &mut Vec<Named>) -> usize {
    loop {
        match t.get(i) {
            Some((Tok::Ident(name), line)) => {
                prefix.push((name.clone(), *line));
                i += 1;
                if matches!(t.get(i), Some((Tok::Path, _))) {
                    i += 1;
                    continue;
                }
                let mut alias = None;
                if let (Some((Tok::Ident(as_), _)), Some((Tok::Ident(name), _))) = (t.get(i), t.get(i + 1)) {
                    if as_ == "as" {
                        alias = Some(name.clone());
                        i += 2;
                    }
                }
                out.push(Named { segments: prefix, alias });
                return i;
            }
            Some((Tok::Punct('{'), _)) => {
                i += 1;
                while i < t.len() && t[i].0 != Tok::Punct('}') {
                    let before = i;
                    i = use_tree(t, i, prefix.clone(), out);
                    if t.get(i).map(|t| &t.0) == Some(&Tok::Punct(',')) {
                        i += 1;
                    } else if i == before {
                        i += 1; // not a use tree after all; move on
                    }
                }
                return i + 1;
            }
            Some((Tok::Punct('*'), line)) => {
                prefix.push(("*".into(), *line));
                out.push(Named { segments: prefix, alias: None });
                return i + 1;
            }
            _ => {
                if !prefix.is_empty() {
                    out.push(Named { segments: prefix, alias: None });
                }
                return i;
            }
        }
    }
}

/// The first segment after each `crate::` (what it names at the root), with
/// its line.
fn crate_paths(t: &[(Tok, usize)]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < t.len() {
        if t[i].0 == Tok::Ident("crate".into()) && t[i + 1].0 == Tok::Path {
            let mut named = Vec::new();
            i = use_tree(t, i + 2, Vec::new(), &mut named);
            // `crate::error::{Error, Result}` is one use of `error`.
            let firsts: BTreeSet<(usize, String)> = named.into_iter().map(|n| (n.segments[0].1, n.segments[0].0.clone())).collect();
            found.extend(firsts.into_iter().filter(|(_, first)| !["self", "super", "*"].contains(&first.as_str())).map(|(line, first)| (first, line)));
        } else {
            i += 1;
        }
    }
    found
}

/// `pub use` at the crate root: each name, and the module it comes from.
fn reexports(t: &[(Tok, usize)], modules: &BTreeSet<String>) -> BTreeMap<String, Option<String>> {
    let mut map = BTreeMap::new();
    for i in 0..t.len() {
        if t[i].0 != Tok::Ident("use".into()) {
            continue;
        }
        let mut named = Vec::new();
        use_tree(t, i + 1, Vec::new(), &mut named);
        for n in named {
            let mut segments = n.segments.iter().map(|(s, _)| s.as_str()).skip_while(|s| *s == "crate" || *s == "self");
            let Some(first) = segments.next() else { continue };
            let name = n.alias.clone().unwrap_or_else(|| n.segments.last().unwrap().0.clone());
            map.insert(name, modules.contains(first).then(|| first.to_owned()));
        }
    }
    map
}
