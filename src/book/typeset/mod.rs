//! Setting a paragraph of styled text into lines of positioned glyphs, for
//! any script a child writes in.
//!
//! printpdf draws glyphs where it is told; it does not wrap, shape or order
//! bidirectional text. So a paragraph goes through the steps a browser
//! takes, one file per phase (as typst's `typst-layout/src/inline/` does):
//!
//! 1. [`collect`]: the spans' text in one string, a font per character by
//!    real glyph coverage ([`fonts`]), bidi levels per byte (UAX #9,
//!    `unicode-bidi`, each paragraph's direction from its first strong
//!    character), and the runs of one span, font and level;
//! 2. [`shape`]: each run shaped with rustybuzz, so Arabic joins, Ethiopic
//!    syllables and marks are placed by the font;
//! 3. [`linebreak`]: line break opportunities (UAX #14,
//!    `unicode-linebreak`: spaces, and between Chinese characters), filled
//!    greedily; a word wider than the line is cut between characters
//!    rather than overflowing the page;
//! 4. [`reorder`]: each line's runs put in visual order (rule L2) and
//!    right-aligned when the paragraph is right-to-left.
//!
//! Every glyph keeps the text it stands for, so the PDF's text is
//! selectable and extracts back to what was written.

mod collect;
pub mod fonts;
mod linebreak;
mod reorder;
mod shape;

use unicode_bidi::BidiInfo;

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

/// Set `spans` as one paragraph into lines no wider than `width` points.
pub fn set_paragraph(spans: &[Span], width: f32, align: Align) -> Vec<Line> {
    let Some(para) = collect::collect(spans) else { return Vec::new() };
    // A '\n' also ends a bidi paragraph: each line takes the direction of
    // the one it is in.
    let bidi = BidiInfo::new(&para.text, None);
    let runs: Vec<shape::ShapedRun> = collect::runs(&para, &bidi.levels).into_iter().map(|run| shape::shape(&para, run)).collect();
    let widths = shape::Widths::new(para.text.len(), &runs);
    let shaped = reorder::Shaped { para: &para, bidi: &bidi, runs: &runs, widths: &widths };
    linebreak::break_lines(&para.text, &widths, width).into_iter().filter_map(|range| reorder::line(&shaped, range, width, align)).collect()
}

#[cfg(test)]
mod tests;
