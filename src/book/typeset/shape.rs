//! Phase 2, shape: each run set by rustybuzz into glyphs, so Arabic
//! joins, Ethiopic syllables and marks are placed by the font; and the
//! width of any stretch of the text from those glyphs.

use std::ops::Range;

use rustybuzz::{BufferClusterLevel, Direction, UnicodeBuffer};

use super::collect::{Collected, Run};
use super::fonts::{self, FontId};
use super::Rgb;

/// A shaped glyph, in points, before it is placed on a line.
pub(super) struct ShapedGlyph {
    pub id: u16,
    /// Byte offset in the paragraph of the cluster it belongs to.
    pub cluster: usize,
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
}

/// A shaped run: one style, size, font and bidi level.
pub(super) struct ShapedRun {
    pub range: Range<usize>,
    pub font: FontId,
    pub size: f32,
    pub color: Rgb,
    pub rtl: bool,
    /// In visual order within the run.
    pub glyphs: Vec<ShapedGlyph>,
}

pub(super) fn shape(para: &Collected, run: Run) -> ShapedRun {
    let span = &para.spans[run.span];
    let face = &fonts::faces()[run.font].face;
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&para.text[run.range.clone()]);
    buffer.set_direction(if run.rtl { Direction::RightToLeft } else { Direction::LeftToRight });
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
        .map(|(info, pos)| ShapedGlyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            cluster: run.range.start + info.cluster as usize,
            advance: pos.x_advance as f32 * scale,
            dx: pos.x_offset as f32 * scale,
            dy: pos.y_offset as f32 * scale,
        })
        .collect();
    ShapedRun { range: run.range, font: run.font, size: span.size, color: span.color, rtl: run.rtl, glyphs }
}

/// How wide any byte range of the paragraph is: advances summed per
/// cluster, as prefix sums so a width is one subtraction.
pub(super) struct Widths {
    prefix: Vec<f32>,
}

impl Widths {
    pub fn new(len: usize, runs: &[ShapedRun]) -> Widths {
        let mut advance_at = vec![0f32; len + 1];
        for run in runs {
            for glyph in &run.glyphs {
                advance_at[glyph.cluster] += glyph.advance;
            }
        }
        let mut prefix = vec![0f32; len + 1];
        for i in 0..len {
            prefix[i + 1] = prefix[i] + advance_at[i];
        }
        Widths { prefix }
    }

    pub fn of(&self, range: Range<usize>) -> f32 {
        self.prefix[range.end] - self.prefix[range.start]
    }
}
