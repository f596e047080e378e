//! Phase 4, reorder: each line's runs put in visual order (UAX #9 rule
//! L2), its glyphs placed from the left edge, right-aligned when the
//! paragraph runs right to left, centred when asked.

use std::collections::HashSet;
use std::ops::Range;

use unicode_bidi::BidiInfo;

use super::collect::Collected;
use super::fonts;
use super::linebreak::trimmed_end;
use super::shape::{ShapedRun, Widths};
use super::{Align, Glyph, Line};

/// The laid-out parts of a paragraph that every line is cut from.
pub(super) struct Shaped<'a> {
    pub para: &'a Collected,
    pub bidi: &'a BidiInfo<'a>,
    pub runs: &'a [ShapedRun],
    pub widths: &'a Widths,
}

/// The line for byte `range`, or `None` when it holds only spaces.
pub(super) fn line(shaped: &Shaped<'_>, range: Range<usize>, width: f32, align: Align) -> Option<Line> {
    let Shaped { para, bidi, runs, widths } = *shaped;
    let text = &para.text;
    if text[range.clone()].trim().is_empty() {
        return None;
    }
    let r = range.start..trimmed_end(text, range);
    let paragraph = bidi.paragraphs.iter().find(|p| p.range.contains(&r.start)).unwrap_or(&bidi.paragraphs[0]);
    let rtl_paragraph = paragraph.level.is_rtl();
    let (_, visual) = bidi.visual_runs(paragraph, r.clone());
    let line_width = widths.of(r.clone());
    let mut x = match (align, rtl_paragraph) {
        (Align::Center, _) => (width - line_width) / 2.0,
        (Align::Start, true) => width - line_width,
        (Align::Start, false) => 0.0,
    };
    let mut line = Line { rtl: rtl_paragraph, width: line_width, ..Line::default() };
    for level_run in visual {
        // The shaped runs inside this level run, in visual order.
        let mut pieces: Vec<&ShapedRun> = runs.iter().filter(|run| run.range.start < level_run.end && level_run.start < run.range.end).collect();
        if pieces.first().is_some_and(|p| p.rtl) {
            pieces.reverse();
        }
        for run in pieces {
            line.ascent = line.ascent.max(fonts::ascent(run.font, run.size));
            line.descent = line.descent.max(fonts::descent(run.font, run.size));
            let mut clusters: Vec<usize> = run.glyphs.iter().map(|g| g.cluster).collect();
            clusters.sort_unstable();
            clusters.dedup();
            let mut seen = HashSet::new();
            for glyph in &run.glyphs {
                let cluster = glyph.cluster;
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
                line.glyphs.push(Glyph { font: run.font, size: run.size, color: run.color, id: glyph.id, x: x + glyph.dx, y: glyph.dy, text: glyph_text });
                x += glyph.advance;
            }
        }
    }
    if line.ascent == 0.0 {
        line.ascent = para.spans[0].size;
        line.descent = para.spans[0].size * 0.3;
    }
    Some(line)
}
