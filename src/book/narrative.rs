//! A narrative page's Markdown as the book sets it, from the tree
//! [`crate::markdown::parse`] reads (the same one the app and the open
//! export show): headings, paragraphs, emphasis, lists, quotes, code and
//! tables. Raw HTML is shown as text; images and links keep only their
//! words.

use super::compose::Composer;
use super::page::BODY;
use super::typeset::{Align, Rgb, Span, Style};
use crate::markdown::{self, Block, Inline};

/// How many points a list level or a quote indents by.
const INDENT: f32 = 18.0;

pub(super) fn narrative(book: &mut Composer, markdown: &str) {
    let mut setter = Setter { book, marker: None };
    setter.blocks(&markdown::parse(markdown), Nesting::default());
}

/// How deep a block sits in lists and quotes.
#[derive(Clone, Copy, Default)]
struct Nesting {
    lists: usize,
    quotes: usize,
}

impl Nesting {
    fn color(self) -> Rgb {
        if self.quotes > 0 { Rgb::SOFT } else { Rgb::INK }
    }
}

struct Setter<'a> {
    book: &'a mut Composer,
    /// A list item's bullet or number, waiting for the item's first words.
    marker: Option<String>,
}

impl Setter<'_> {
    fn blocks(&mut self, blocks: &[Block], at: Nesting) {
        for block in blocks {
            self.block(block, at);
        }
    }

    fn block(&mut self, block: &Block, at: Nesting) {
        // Inside a list, a block lines up with its item's marker.
        let indent = at.lists.saturating_sub(1) as f32 * INDENT + at.quotes as f32 * INDENT;
        match block {
            Block::Paragraph(content) | Block::Plain(content) => {
                let spans = spans(content, at, Style::default(), BODY);
                self.flush(spans, indent);
            }
            Block::Heading { level, content } => {
                let size = match level {
                    1 => 18.0,
                    2 => 15.5,
                    _ => 13.5,
                };
                self.book.space(4.0);
                let spans = spans(content, at, Style { bold: true, italic: false }, size);
                self.flush(spans, at.lists as f32 * INDENT + at.quotes as f32 * INDENT);
            }
            Block::Quote(blocks) => self.blocks(blocks, Nesting { quotes: at.quotes + 1, ..at }),
            Block::List { start, items } => {
                let mut number = *start;
                for item in items {
                    self.marker = Some(match number {
                        Some(n) => {
                            number = Some(n.saturating_add(1));
                            format!("{n}.")
                        }
                        None => "•".to_owned(),
                    });
                    self.blocks(item, Nesting { lists: at.lists + 1, ..at });
                    self.marker = None;
                }
            }
            Block::Code { text, .. } | Block::Raw(text) => {
                let span = Span { text: text.clone(), style: Style::default(), size: BODY, color: at.color() };
                self.flush(vec![span], indent);
            }
            Block::Table { head, rows, .. } => {
                let bold = Style { bold: true, italic: false };
                for (row, style) in std::iter::once((head, bold)).chain(rows.iter().map(|r| (r, Style::default()))) {
                    let mut line = Vec::new();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            line.push(Span { text: " | ".into(), style: Style::default(), size: BODY, color: Rgb::SOFT });
                        }
                        line.extend(spans(cell, at, style, BODY));
                    }
                    self.flush(line, indent);
                }
            }
            Block::Rule => self.book.space(8.0),
        }
    }

    /// Set one paragraph, after the list marker still waiting if any.
    fn flush(&mut self, mut spans: Vec<Span>, indent: f32) {
        if spans.iter().all(|s| s.text.trim().is_empty()) {
            return;
        }
        if let Some(m) = self.marker.take() {
            spans.insert(0, Span::new(format!("{m} "), BODY));
        }
        self.book.paragraph(&spans, Align::Start, indent);
        self.book.space(5.0);
    }
}

/// The words of `content` as spans, one per piece of text as written.
fn spans(content: &[Inline], at: Nesting, style: Style, size: f32) -> Vec<Span> {
    let mut out = Vec::new();
    add_spans(&mut out, content, at.color(), style, size);
    out
}

fn add_spans(out: &mut Vec<Span>, content: &[Inline], color: Rgb, style: Style, size: f32) {
    for inline in content {
        let text = match inline {
            Inline::Text(t) | Inline::Code(t) => t.as_str(),
            Inline::SoftBreak => " ",
            Inline::HardBreak => "\n",
            Inline::Task(true) => "[x] ",
            Inline::Task(false) => "[ ] ",
            Inline::Emphasis(inner) => {
                add_spans(out, inner, color, Style { italic: true, ..style }, size);
                continue;
            }
            Inline::Strong(inner) => {
                add_spans(out, inner, color, Style { bold: true, ..style }, size);
                continue;
            }
            Inline::Strike(inner) | Inline::Link { content: inner, .. } => {
                add_spans(out, inner, color, style, size);
                continue;
            }
        };
        out.push(Span { text: text.to_owned(), style, size, color });
    }
}
