//! Setting a paragraph of styled text into lines of positioned glyphs, for
//! any script a child writes in.
//!
//! printpdf draws glyphs where it is told; it does not wrap, shape or order
//! bidirectional text. So a paragraph goes through the steps a browser takes:
//!
//! 1. a font per character by real glyph coverage ([`fonts`]);
//! 2. bidi levels per byte (UAX #9, `unicode-bidi`), the paragraph's
//!    direction from its first strong character;
//! 3. runs of one style, font and level, each shaped with rustybuzz, so
//!    Arabic joins, Ethiopic syllables and marks are placed by the font;
//! 4. line break opportunities (UAX #14, `unicode-linebreak`: spaces, and
//!    between Chinese characters), filled greedily; a word wider than the
//!    line is cut between characters rather than overflowing the page;
//! 5. each line's runs put in visual order (rule L2) and right-aligned when
//!    the paragraph is right-to-left.
//!
//! Every glyph keeps the text it stands for, so the PDF's text is
//! selectable and extracts back to what was written.

pub mod fonts;

use std::ops::Range;

use rustybuzz::{BufferClusterLevel, Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;
use unicode_linebreak::{linebreaks, BreakOpportunity};

pub use fonts::{FontId, Style};

/// An RGB colour, each part 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const INK: Rgb = Rgb(0.13, 0.13, 0.16);
    pub const SOFT: Rgb = Rgb(0.38, 0.38, 0.44);
}

/// A piece of text in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub size: f32,
    pub color: Rgb,
}

impl Span {
    pub fn new(text: impl Into<String>, size: f32) -> Span {
        Span { text: text.into(), style: Style::default(), size, color: Rgb::INK }
    }

    pub fn bold(mut self) -> Span {
        self.style.bold = true;
        self
    }

    pub fn colored(mut self, color: Rgb) -> Span {
        self.color = color;
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left for a left-to-right paragraph, right for a right-to-left one.
    Start,
    Center,
}

/// One glyph, placed relative to its line's left edge and baseline
/// (y grows upwards, as in PDF).
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub font: FontId,
    pub size: f32,
    pub color: Rgb,
    pub id: u16,
    pub x: f32,
    pub y: f32,
    /// The characters this glyph stands for (empty for the second glyph of
    /// a character the font draws in two).
    pub text: String,
}

/// A set line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    /// Width of the ink, trailing spaces excluded.
    pub width: f32,
    pub ascent: f32,
    pub descent: f32,
    /// True when the paragraph runs right to left.
    pub rtl: bool,
}

impl Line {
    /// Baseline-to-baseline distance to the next line.
    pub fn advance(&self) -> f32 {
        (self.ascent + self.descent) * 1.2
    }

    /// The line's text in visual order, for tests and debugging.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// A shaped run: one style, size, font and bidi level.
struct Run {
    range: Range<usize>,
    font: FontId,
    size: f32,
    color: Rgb,
    rtl: bool,
    /// Glyphs in visual order within the run: (glyph id, cluster byte
    /// offset in the paragraph, advance, x offset, y offset), in points.
    glyphs: Vec<(u16, usize, f32, f32, f32)>,
}

/// Set `spans` as one paragraph into lines no wider than `width` points.
pub fn set_paragraph(spans: &[Span], width: f32, align: Align) -> Vec<Line> {
    // A paragraph is one bidi paragraph; hard breaks arrive as '\n' and
    // are mandatory line breaks, so other control characters become spaces.
    let spans: Vec<Span> = spans
        .iter()
        .map(|s| Span { text: s.text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect(), ..s.clone() })
        .collect();
    let spans = &spans[..];
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    if text.trim().is_empty() {
        return Vec::new();
    }
    // Per byte: the span it belongs to and the font it is set in.
    let mut span_of = Vec::with_capacity(text.len());
    let mut font_of = Vec::with_capacity(text.len());
    for (i, span) in spans.iter().enumerate() {
        for (c, font) in span.text.chars().zip(fonts::font_per_char(&span.text, span.style)) {
            for _ in 0..c.len_utf8() {
                span_of.push(i);
                font_of.push(font);
            }
        }
    }

    // A '\n' also ends a bidi paragraph: each line takes the direction of
    // the one it is in.
    let bidi = BidiInfo::new(&text, None);
    let levels = &bidi.levels;

    // Runs: maximal byte ranges of one span, font and level.
    let mut runs = Vec::new();
    let mut start = 0;
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    for pair in boundaries.windows(2) {
        let (i, next) = (pair[0], pair[1]);
        let split = next == text.len()
            || span_of[next] != span_of[i]
            || font_of[next] != font_of[i]
            || levels[next] != levels[i];
        if split {
            let span = &spans[span_of[start]];
            runs.push(shape(&text, start..next, font_of[start], span, levels[start].is_rtl()));
            start = next;
        }
    }

    // Advance per byte offset (summed over the glyphs of a cluster), as
    // prefix sums so any range's width is one subtraction.
    let mut advance_at = vec![0f32; text.len() + 1];
    for run in &runs {
        for &(_, cluster, adv, _, _) in &run.glyphs {
            advance_at[cluster] += adv;
        }
    }
    let mut prefix = vec![0f32; text.len() + 1];
    for i in 0..text.len() {
        prefix[i + 1] = prefix[i] + advance_at[i];
    }
    let width_of = |r: Range<usize>| prefix[r.end] - prefix[r.start];
    let trimmed_end = |r: Range<usize>| {
        let s = &text[r.clone()];
        r.start + s.trim_end().len()
    };

    // Greedy line filling over UAX #14 opportunities.
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut line_start = 0;
    let mut last_fit: Option<usize> = None;
    for (at, kind) in linebreaks(&text) {
        let candidate = line_start..at;
        let fits = width_of(line_start..trimmed_end(candidate.clone())) <= width;
        if !fits {
            match last_fit {
                Some(fit) if fit > line_start => {
                    lines.push(line_start..fit);
                    line_start = fit;
                }
                _ => {}
            }
            // What is left may still be one word wider than the line.
            while width_of(line_start..trimmed_end(line_start..at)) > width {
                let cut = cut_word(&text, line_start..at, width, &width_of);
                lines.push(line_start..cut);
                line_start = cut;
            }
        }
        last_fit = Some(at);
        if kind == BreakOpportunity::Mandatory {
            if at > line_start || lines.is_empty() {
                lines.push(line_start..at);
            }
            line_start = at;
            last_fit = None;
        }
    }

    lines
        .into_iter()
        .filter(|r| !text[r.clone()].trim().is_empty())
        .map(|r| {
            let end = trimmed_end(r.clone());
            let r = r.start..end;
            let para = bidi.paragraphs.iter().find(|p| p.range.contains(&r.start)).unwrap_or(&bidi.paragraphs[0]);
            let rtl_paragraph = para.level.is_rtl();
            let (_, visual) = bidi.visual_runs(para, r.clone());
            let line_width = width_of(r.clone());
            let mut x = match (align, rtl_paragraph) {
                (Align::Center, _) => (width - line_width) / 2.0,
                (Align::Start, true) => width - line_width,
                (Align::Start, false) => 0.0,
            };
            let mut line = Line { rtl: rtl_paragraph, width: line_width, ..Line::default() };
            for level_run in visual {
                // The shaped runs inside this level run, in visual order.
                let mut pieces: Vec<&Run> = runs.iter().filter(|run| run.range.start < level_run.end && level_run.start < run.range.end).collect();
                if pieces.first().is_some_and(|p| p.rtl) {
                    pieces.reverse();
                }
                for run in pieces {
                    line.ascent = line.ascent.max(fonts::ascent(run.font, run.size));
                    line.descent = line.descent.max(fonts::descent(run.font, run.size));
                    let mut clusters: Vec<usize> = run.glyphs.iter().map(|g| g.1).collect();
                    clusters.sort_unstable();
                    clusters.dedup();
                    let mut seen = std::collections::HashSet::new();
                    for &(id, cluster, adv, dx, dy) in &run.glyphs {
                        if cluster < level_run.start || cluster >= level_run.end || cluster >= r.end || cluster < r.start {
                            continue;
                        }
                        // The text of a cluster goes on its first glyph only.
                        let glyph_text = if seen.insert(cluster) {
                            let next = clusters.iter().copied().find(|&c| c > cluster).unwrap_or(run.range.end);
                            text[cluster..next.min(r.end)].to_owned()
                        } else {
                            String::new()
                        };
                        line.glyphs.push(Glyph { font: run.font, size: run.size, color: run.color, id, x: x + dx, y: dy, text: glyph_text });
                        x += adv;
                    }
                }
            }
            if line.ascent == 0.0 {
                line.ascent = spans[0].size;
                line.descent = spans[0].size * 0.3;
            }
            line
        })
        .collect()
}

/// Where to cut a word that does not fit a line on its own: after the
/// last character that still fits (at least one character per line).
fn cut_word(text: &str, range: Range<usize>, width: f32, width_of: &dyn Fn(Range<usize>) -> f32) -> usize {
    let mut cut = None;
    for (offset, c) in text[range.clone()].char_indices() {
        let end = range.start + offset + c.len_utf8();
        if width_of(range.start..end) > width {
            break;
        }
        cut = Some(end);
    }
    cut.unwrap_or_else(|| range.start + text[range.clone()].chars().next().map_or(1, char::len_utf8))
}

fn shape(text: &str, range: Range<usize>, font: FontId, span: &Span, rtl: bool) -> Run {
    let face = &fonts::faces()[font].face;
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    // Character-level clusters: each character maps to its own glyph where
    // the font allows, so extracted text matches what was written.
    buffer.set_cluster_level(BufferClusterLevel::Characters);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let scale = span.size / face.units_per_em() as f32;
    let glyphs = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            let id = u16::try_from(info.glyph_id).unwrap_or(0);
            (id, range.start + info.cluster as usize, pos.x_advance as f32 * scale, pos.x_offset as f32 * scale, pos.y_offset as f32 * scale)
        })
        .collect();
    Run { range, font, size: span.size, color: span.color, rtl, glyphs }
}

#[cfg(test)]
mod tests;
