//! Narrative pages are Markdown, read here once into a small tree of
//! [`Block`]s and [`Inline`]s that every reader of a page uses: the app and
//! the open export ([`to_html`]), the printed book (`book::narrative`), and
//! plain words ([`to_plain_text`]). Nothing else in the crate parses
//! Markdown.
//!
//! Raw HTML in a page is shown as text, never rendered: a page is the
//! child's words, not a web page. For the same reason Markdown images
//! become their description (pictures are added as pictures, encrypted; an
//! image link would fetch from outside), and a link survives only to
//! `http`, `https` or `mailto` (never `javascript:`, `file:` or `data:`);
//! otherwise its words stay and the link goes. The tree has no place for
//! anything else: no HTML node, no image.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A block of a page, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading { level: u8, content: Vec<Inline> },
    Paragraph(Vec<Inline>),
    /// The words of an item in a tight list, not wrapped in a paragraph.
    Plain(Vec<Inline>),
    Quote(Vec<Block>),
    /// `start` is the first number of a numbered list, `None` for bullets.
    List { start: Option<u64>, items: Vec<Vec<Block>> },
    /// `language` is a fenced block's info word ("" when none).
    Code { language: String, text: String },
    /// A block of raw HTML, kept as the text it is.
    Raw(String),
    Table { columns: Vec<Column>, head: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Rule,
}

/// How a table column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Default,
    Left,
    Center,
    Right,
}

/// Words inside a block.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Text as written (raw inline HTML arrives here, as text).
    Text(String),
    Code(String),
    SoftBreak,
    HardBreak,
    /// A task list's box: ticked or not.
    Task(bool),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    /// A link that is safe to follow (http, https or mailto).
    Link { url: String, title: String, content: Vec<Inline> },
}

/// pulldown-cmark's events, with raw HTML turned into text, and images
/// and unsafe links reduced to their words.
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    // For each open link or image: was its tag dropped?
    let mut dropped: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, options).filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) => {
            dropped.push(true);
            None
        }
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = safe_link(dest_url);
            dropped.push(!safe);
            safe.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => (!dropped.pop().unwrap_or(false)).then_some(event),
        other => Some(other),
    })
}

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

/// A tag being read, not yet closed.
enum Open {
    /// The page itself, a quote or a list item: they hold blocks.
    Page(Vec<Block>),
    Quote(Vec<Block>),
    Item(Vec<Block>),
    List { start: Option<u64>, items: Vec<Vec<Block>> },
    Heading { level: u8, content: Vec<Inline> },
    Paragraph(Vec<Inline>),
    Code { language: String, text: String },
    Raw(String),
    Table { columns: Vec<Column>, head: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Head(Vec<Vec<Inline>>),
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Link { url: String, title: String, content: Vec<Inline> },
    /// A tag with no meaning here: its words go to the one around it.
    Other(Vec<Inline>),
    /// A quote, list or emphasis nested deeper than [`MAX_DEPTH`]: what is
    /// in it goes to the one around it, so the tree stays shallow.
    Through,
}

/// How deep tags may nest in the tree. Markdown can nest quotes, lists
/// and emphasis without end ("> > > …"); every reader of the tree walks it
/// recursively, so deeper ones are flattened into the one at this depth.
const MAX_DEPTH: usize = 32;

/// Read a page's Markdown.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut stack = vec![Open::Page(Vec::new())];
    for event in events(markdown) {
        match event {
            Event::Start(tag) => {
                let nests = matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. });
                stack.push(if nests && stack.len() > MAX_DEPTH { Open::Through } else { open(tag) });
            }
            Event::End(_) => {
                if stack.len() > 1 {
                    let done = stack.pop().expect("more than the page");
                    close(&mut stack, done);
                }
            }
            Event::Text(text) => match top(&mut stack) {
                Some(Open::Code { text: code, .. }) => code.push_str(&text),
                Some(Open::Raw(raw)) => raw.push_str(&text),
                _ => add_inline(&mut stack, Inline::Text(text.into_string())),
            },
            Event::Code(text) => add_inline(&mut stack, Inline::Code(text.into_string())),
            Event::SoftBreak => add_inline(&mut stack, Inline::SoftBreak),
            Event::HardBreak => add_inline(&mut stack, Inline::HardBreak),
            Event::TaskListMarker(done) => add_inline(&mut stack, Inline::Task(done)),
            Event::Rule => blocks_of(&mut stack).push(Block::Rule),
            _ => {}
        }
    }
    while stack.len() > 1 {
        let done = stack.pop().expect("more than the page");
        close(&mut stack, done);
    }
    match stack.pop() {
        Some(Open::Page(blocks)) => blocks,
        _ => Vec::new(),
    }
}

fn open(tag: Tag<'_>) -> Open {
    match tag {
        Tag::Paragraph => Open::Paragraph(Vec::new()),
        Tag::Heading { level, .. } => Open::Heading { level: level as u8, content: Vec::new() },
        Tag::BlockQuote(_) => Open::Quote(Vec::new()),
        Tag::CodeBlock(kind) => {
            let language = match kind {
                CodeBlockKind::Fenced(info) => info.split(' ').next().unwrap_or_default().to_owned(),
                CodeBlockKind::Indented => String::new(),
            };
            Open::Code { language, text: String::new() }
        }
        Tag::HtmlBlock => Open::Raw(String::new()),
        Tag::List(start) => Open::List { start, items: Vec::new() },
        Tag::Item => Open::Item(Vec::new()),
        Tag::Table(alignments) => Open::Table {
            columns: alignments
                .iter()
                .map(|a| match a {
                    Alignment::None => Column::Default,
                    Alignment::Left => Column::Left,
                    Alignment::Center => Column::Center,
                    Alignment::Right => Column::Right,
                })
                .collect(),
            head: Vec::new(),
            rows: Vec::new(),
        },
        Tag::TableHead => Open::Head(Vec::new()),
        Tag::TableRow => Open::Row(Vec::new()),
        Tag::TableCell => Open::Cell(Vec::new()),
        Tag::Emphasis => Open::Emphasis(Vec::new()),
        Tag::Strong => Open::Strong(Vec::new()),
        Tag::Strikethrough => Open::Strike(Vec::new()),
        Tag::Link { dest_url, title, .. } => Open::Link { url: dest_url.into_string(), title: title.into_string(), content: Vec::new() },
        _ => Open::Other(Vec::new()),
    }
}

/// The innermost open tag, passing over flattened ones.
fn top(stack: &mut [Open]) -> Option<&mut Open> {
    stack.iter_mut().rev().find(|o| !matches!(o, Open::Through))
}

/// A closed tag goes into the one around it.
fn close(stack: &mut Vec<Open>, done: Open) {
    let block = match done {
        Open::Through => return,
        Open::Page(blocks) => return blocks_of(stack).extend(blocks),
        Open::Item(blocks) => {
            if let Some(Open::List { items, .. }) = top(stack) {
                items.push(blocks);
            } else {
                blocks_of(stack).extend(blocks);
            }
            return;
        }
        Open::Head(cells) => {
            if let Some(Open::Table { head, .. }) = top(stack) {
                *head = cells;
            }
            return;
        }
        Open::Row(cells) => {
            if let Some(Open::Table { rows, .. }) = top(stack) {
                rows.push(cells);
            }
            return;
        }
        Open::Cell(content) => {
            match top(stack) {
                Some(Open::Head(cells) | Open::Row(cells)) => cells.push(content),
                _ => content.into_iter().for_each(|inline| add_inline(stack, inline)),
            }
            return;
        }
        Open::Emphasis(content) => return add_inline(stack, Inline::Emphasis(content)),
        Open::Strong(content) => return add_inline(stack, Inline::Strong(content)),
        Open::Strike(content) => return add_inline(stack, Inline::Strike(content)),
        Open::Link { url, title, content } => return add_inline(stack, Inline::Link { url, title, content }),
        Open::Other(content) => return content.into_iter().for_each(|inline| add_inline(stack, inline)),
        Open::Quote(blocks) => Block::Quote(blocks),
        Open::List { start, items } => Block::List { start, items },
        Open::Heading { level, content } => Block::Heading { level, content },
        Open::Paragraph(content) => Block::Paragraph(content),
        Open::Code { language, text } => Block::Code { language, text },
        Open::Raw(text) => Block::Raw(text),
        Open::Table { columns, head, rows } => Block::Table { columns, head, rows },
    };
    blocks_of(stack).push(block);
}

/// The innermost open tag that holds blocks (the page, at worst).
fn blocks_of(stack: &mut [Open]) -> &mut Vec<Block> {
    let at = stack.iter().rposition(|o| matches!(o, Open::Page(_) | Open::Quote(_) | Open::Item(_))).unwrap_or(0);
    match &mut stack[at] {
        Open::Page(blocks) | Open::Quote(blocks) | Open::Item(blocks) => blocks,
        _ => unreachable!("the bottom of the stack is the page"),
    }
}

/// Add words to the open tag; straight into a tight list item (or anything
/// else holding blocks) they make a [`Block::Plain`].
fn add_inline(stack: &mut [Open], inline: Inline) {
    match top(stack) {
        Some(
            Open::Heading { content, .. }
            | Open::Paragraph(content)
            | Open::Cell(content)
            | Open::Emphasis(content)
            | Open::Strong(content)
            | Open::Strike(content)
            | Open::Link { content, .. }
            | Open::Other(content),
        ) => content.push(inline),
        Some(Open::Code { text, .. } | Open::Raw(text)) => {
            if let Inline::Text(more) = inline {
                text.push_str(&more);
            }
        }
        _ => {
            let blocks = blocks_of(stack);
            match blocks.last_mut() {
                Some(Block::Plain(content)) => content.push(inline),
                _ => blocks.push(Block::Plain(vec![inline])),
            }
        }
    }
}

/// Safe HTML for the app to show (and the open export to keep): the same
/// HTML pulldown-cmark writes, from the tree.
pub fn to_html(markdown: &str) -> String {
    let mut html = Html { out: String::with_capacity(markdown.len() * 3 / 2), end_newline: true };
    html.blocks(&parse(markdown));
    html.out
}

/// Writes HTML as pulldown-cmark's writer does, down to its newlines.
struct Html {
    out: String,
    /// Whether what is written so far ends a line.
    end_newline: bool,
}

impl Html {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        if !s.is_empty() {
            self.end_newline = s.ends_with('\n');
        }
    }

    /// Write a block's opening tag on a line of its own.
    fn open(&mut self, tag: &str) {
        if !self.end_newline {
            self.write("\n");
        }
        self.write(tag);
    }

    fn text(&mut self, text: &str) {
        escape(&mut self.out, text, false);
        self.end_newline = text.ends_with('\n');
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, content } => {
                self.open(&format!("<h{level}>"));
                self.inlines(content);
                self.write(&format!("</h{level}>\n"));
            }
            Block::Paragraph(content) => {
                self.open("<p>");
                self.inlines(content);
                self.write("</p>\n");
            }
            Block::Plain(content) => self.inlines(content),
            Block::Quote(blocks) => {
                self.open("<blockquote>\n");
                self.blocks(blocks);
                self.write("</blockquote>\n");
            }
            Block::List { start, items } => {
                let (open, close) = match start {
                    None => ("<ul>\n".to_owned(), "</ul>\n"),
                    Some(1) => ("<ol>\n".to_owned(), "</ol>\n"),
                    Some(n) => (format!("<ol start=\"{n}\">\n"), "</ol>\n"),
                };
                self.open(&open);
                for item in items {
                    self.open("<li>");
                    self.blocks(item);
                    self.write("</li>\n");
                }
                self.write(close);
            }
            Block::Code { language, text } => {
                if !self.end_newline {
                    self.write("\n");
                }
                if language.is_empty() {
                    self.write("<pre><code>");
                } else {
                    self.write("<pre><code class=\"language-");
                    escape(&mut self.out, language, true);
                    self.write("\">");
                }
                self.text(text);
                self.write("</code></pre>\n");
            }
            Block::Raw(text) => {
                if !text.is_empty() {
                    self.text(text);
                }
            }
            Block::Table { columns, head, rows } => {
                self.write("<table>");
                self.write("<thead><tr>");
                self.cells(columns, head, "th");
                self.write("</tr></thead><tbody>\n");
                for row in rows {
                    self.write("<tr>");
                    self.cells(columns, row, "td");
                    self.write("</tr>\n");
                }
                self.write("</tbody></table>\n");
            }
            Block::Rule => self.write(if self.end_newline { "<hr />\n" } else { "\n<hr />\n" }),
        }
    }

    fn cells(&mut self, columns: &[Column], cells: &[Vec<Inline>], tag: &str) {
        for (i, cell) in cells.iter().enumerate() {
            let align = match columns.get(i) {
                Some(Column::Left) => " style=\"text-align: left\"",
                Some(Column::Center) => " style=\"text-align: center\"",
                Some(Column::Right) => " style=\"text-align: right\"",
                _ => "",
            };
            self.write(&format!("<{tag}{align}>"));
            self.inlines(cell);
            self.write(&format!("</{tag}>"));
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.text(text),
                Inline::Code(text) => {
                    self.write("<code>");
                    escape(&mut self.out, text, false);
                    self.write("</code>");
                }
                Inline::SoftBreak => self.write("\n"),
                Inline::HardBreak => self.write("<br />\n"),
                Inline::Task(true) => self.write("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n"),
                Inline::Task(false) => self.write("<input disabled=\"\" type=\"checkbox\"/>\n"),
                Inline::Emphasis(content) => self.wrap("em", content),
                Inline::Strong(content) => self.wrap("strong", content),
                Inline::Strike(content) => self.wrap("del", content),
                Inline::Link { url, title, content } => {
                    self.write("<a href=\"");
                    escape_href(&mut self.out, url);
                    if !title.is_empty() {
                        self.write("\" title=\"");
                        escape(&mut self.out, title, true);
                    }
                    self.write("\">");
                    self.inlines(content);
                    self.write("</a>");
                }
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.write(&format!("<{tag}>"));
        self.inlines(content);
        self.write(&format!("</{tag}>"));
    }
}

/// HTML-escape `text`: `&`, `<` and `>`, and quotes too in an attribute.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A link's address in an attribute: bytes that are not safe in a URL are
/// percent-encoded, as pulldown-cmark does.
fn escape_href(out: &mut String, url: &str) {
    const SAFE: &[u8] = b"!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_abcdefghijklmnopqrstuvwxyz~";
    for &byte in url.as_bytes() {
        match byte {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            b if SAFE.contains(&b) => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// The words alone, for search and the language check.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    plain_blocks(&mut out, &parse(markdown));
    out.trim_end().to_owned()
}

fn end_line(out: &mut String) {
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
}

fn plain_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                plain_inlines(out, content);
                end_line(out);
            }
            Block::Plain(content) => plain_inlines(out, content),
            Block::Quote(blocks) => plain_blocks(out, blocks),
            Block::List { items, .. } => {
                for item in items {
                    plain_blocks(out, item);
                    end_line(out);
                }
            }
            Block::Code { text, .. } => {
                out.push_str(text);
                end_line(out);
            }
            Block::Raw(text) => out.push_str(text),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|cell| plain_inlines(out, cell));
                for row in rows {
                    row.iter().for_each(|cell| plain_inlines(out, cell));
                    end_line(out);
                }
            }
            Block::Rule => {}
        }
    }
}

fn plain_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => end_line(out),
            Inline::Task(_) => {}
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strike(content) | Inline::Link { content, .. } => plain_inlines(out, content),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn raw_html_is_shown_as_text_not_rendered() {
        let table = [
            ("<script>alert(1)</script>", "&lt;script&gt;"),
            ("Hi <img src=x onerror=alert(1)> there", "&lt;img src=x onerror=alert(1)&gt;"),
            ("<div>\nblock\n</div>", "&lt;div&gt;"),
        ];
        for (input, expected) in table {
            let html = to_html(input);
            assert!(html.contains(expected), "{input:?} gave {html:?}");
            assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<div"), "{html}");
        }
    }

    #[test]
    fn only_plain_web_and_mail_links_survive_and_images_become_words() {
        let table = [
            ("[x](javascript:alert(1))", "x", "javascript:"),
            ("[home](file:///etc/passwd)", "home", "file:"),
            ("![my dog](https://example.org/dog.png)", "my dog", "<img"),
            ("[click](data:text/html,hi)", "click", "data:"),
        ];
        for (input, words, gone) in table {
            let html = to_html(input);
            assert!(html.contains(words) && !html.contains(gone) && !html.contains("<a"), "{input:?} gave {html:?}");
        }
        assert!(to_html("[NSPCC](https://www.nspcc.org.uk)").contains("<a href=\"https://www.nspcc.org.uk\">NSPCC</a>"));
    }

    #[test]
    fn markdown_structure_survives() {
        let html = to_html("# My cat\n\nShe is *very* fluffy.\n\n- ears\n- tail\n\n> purr");
        for tag in ["<h1>", "<em>very</em>", "<li>ears</li>", "<blockquote>"] {
            assert!(html.contains(tag), "missing {tag} in {html}");
        }
        assert_eq!(to_plain_text("# My cat\n\nShe is *very* fluffy."), "My cat\nShe is very fluffy.");
    }

    #[test]
    fn the_tree_holds_what_the_page_says() {
        let blocks = parse("# Hi\n\n- a *b*\n- [ ] c\n\n> q\n\n![dog](x.png) [ok](https://a.b) [no](javascript:x)");
        let text = |t: &str| Inline::Text(t.into());
        assert_eq!(blocks[0], Block::Heading { level: 1, content: vec![text("Hi")] });
        assert_eq!(
            blocks[1],
            Block::List {
                start: None,
                items: vec![vec![Block::Plain(vec![text("a "), Inline::Emphasis(vec![text("b")])])], vec![Block::Plain(vec![Inline::Task(false), text("c")])]],
            }
        );
        assert_eq!(blocks[2], Block::Quote(vec![Block::Paragraph(vec![text("q")])]));
        assert_eq!(
            blocks[3],
            Block::Paragraph(vec![text("dog"), text(" "), Inline::Link { url: "https://a.b".into(), title: String::new(), content: vec![text("ok")] }, text(" "), text("no")])
        );
    }

    /// The HTML pulldown-cmark's own writer makes of the same events: what
    /// the app showed before the tree, and must still show.
    fn pulldown_html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events(markdown));
        out
    }

    /// `to_plain_text` as it was written over the events, before the tree.
    fn events_plain_text(markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len());
        for event in events(markdown) {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak => out.push(' '),
                Event::HardBreak
                | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow) => {
                    if !out.ends_with('\n') && !out.is_empty() {
                        out.push('\n');
                    }
                }
                _ => {}
            }
        }
        out.trim_end().to_owned()
    }

    const PAGES: &[&str] = &[
        "",
        "Biscuit is my dog.",
        "# Heading one\n\nA paragraph with *emphasis*, **strong**, ~~struck~~, `code`, a [link](https://example.org \"a title\") and ![a picture](https://x/y.png).",
        "## Two\n### Three\n#### Four\n##### Five\n###### Six\nSetext\n===\n\nand\n---",
        "- one\n- two\n  - nested a\n  - nested b\n- three\n\n1. first\n2. second\n\n3) other\n4) more",
        "- loose item\n\n- another loose\n\n  second para\n\n* [ ] to do\n* [x] done",
        "> A quote\n> over lines\n>\n> > deeper\n> - in a list\n\n---\n\n***\n___",
        "```rust extra\nfn main() {}\n```\n\n    indented code\n    more\n\n~~~\n<b>not html</b> & \"quotes\"\n~~~",
        "<div>\nraw html block\n</div>\n\nInline <b>html</b> here.\nA soft break and a hard  \nbreak and another\\\nbreak.",
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* | `3` |\n| x |\n\n| only head |\n|---|",
        "Tom & Jerry <3 \"quoted\" 'single' > less\n\n&amp; &copy; &#65; &nosuch;",
        "<https://auto.link/x?a=1&b='2'> and <me@example.org> and <mailto:me@example.org> [sp ace](https://a.b/c d) [u](https://a.b/ü^`[]{}|\\)",
        "**bold *and italic***, *a **b** c*, ***both***, ~~**x**~~",
        "1. a\n\n   > quote in item\n\n   ```\n   code in item\n   ```\n2. b\n   - c\n     1. d",
        "Line one\n\n\n\nLine two\n\n- \n- empty items\n-",
        "[ref]: https://example.org\n\n[used][ref] and [missing][nope]",
        "A\n***\nB\n- x\n***\n- y",
        "0. zero\n\n18446744073709551615. big",
        "| a |\n|---|\n| <script>x</script> |\n\n<script>alert(1)</script>",
    ];

    #[test]
    fn html_from_the_tree_is_what_pulldown_cmark_writes() {
        for page in PAGES {
            assert_eq!(to_html(page), pulldown_html(page), "for {page:?}");
            assert_eq!(to_plain_text(page), events_plain_text(page), "for {page:?}");
        }
    }

    #[test]
    fn kept_fuzz_inputs_give_the_same_html_or_are_too_deep_for_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/markdown");
        for file in std::fs::read_dir(dir).unwrap() {
            let text = String::from_utf8_lossy(&std::fs::read(file.unwrap().path()).unwrap()).into_owned();
            let html = to_html(&text);
            assert!(!html.contains("<script"));
            let depth = text.lines().map(|l| l.matches('>').count()).max().unwrap_or(0);
            if depth < MAX_DEPTH {
                assert_eq!(html, pulldown_html(&text));
            }
        }
    }

    /// Nesting without end neither overflows the stack (reading, writing
    /// or dropping the tree) nor loses the words.
    #[test]
    fn very_deep_nesting_is_flattened_not_overflowing() {
        for page in ["> ".repeat(20_000) + "deep words", "- ".repeat(5_000) + "deep words", "*".repeat(10_000) + "deep words" + &"*".repeat(10_000)] {
            let html = to_html(&page);
            assert!(html.contains("deep words"));
            assert!(to_plain_text(&page).contains("deep words"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// Any short text made of Markdown's own characters.
        #[test]
        fn any_page_gives_the_html_pulldown_cmark_writes(page in "([-*_#>`|:~!<>&\"'\\[\\]()\\\\ \n.1ab]|x\\.y|https://|- \\[ \\] |    ){0,40}") {
            prop_assert_eq!(to_html(&page), pulldown_html(&page));
            prop_assert_eq!(to_plain_text(&page), events_plain_text(&page));
        }
    }
}
