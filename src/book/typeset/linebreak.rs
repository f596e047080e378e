//! Phase 3, break: line break opportunities (UAX #14, `unicode-linebreak`:
//! spaces, and between Chinese characters), filled greedily; a word wider
//! than the line is cut between characters rather than overflowing the page.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::shape::Widths;

/// Where `range` of `text` ends without its trailing spaces.
pub(super) fn trimmed_end(text: &str, range: Range<usize>) -> usize {
    range.start + text[range].trim_end().len()
}

/// The lines of `text` as byte ranges (trailing spaces included), none
/// wider than `width` once trimmed.
pub(super) fn break_lines(text: &str, widths: &Widths, width: f32) -> Vec<Range<usize>> {
    let width_of = |r: Range<usize>| widths.of(r);
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut line_start = 0;
    let mut last_fit: Option<usize> = None;
    for (at, kind) in linebreaks(text) {
        let candidate = line_start..at;
        let fits = width_of(line_start..trimmed_end(text, candidate.clone())) <= width;
        if !fits {
            match last_fit {
                Some(fit) if fit > line_start => {
                    lines.push(line_start..fit);
                    line_start = fit;
                }
                _ => {}
            }
            // What is left may still be one word wider than the line.
            while width_of(line_start..trimmed_end(text, line_start..at)) > width {
                let cut = cut_word(text, line_start..at, width, widths);
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
}

/// Where to cut a word that does not fit a line on its own: after the
/// last character that still fits (at least one character per line).
fn cut_word(text: &str, range: Range<usize>, width: f32, widths: &Widths) -> usize {
    let mut cut = None;
    for (offset, c) in text[range.clone()].char_indices() {
        let end = range.start + offset + c.len_utf8();
        if widths.of(range.start..end) > width {
            break;
        }
        cut = Some(end);
    }
    cut.unwrap_or_else(|| range.start + text[range.clone()].chars().next().map_or(1, char::len_utf8))
}
