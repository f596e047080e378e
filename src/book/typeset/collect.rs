//! Phase 1, collect: the paragraph's text in one string, with the span
//! and the font of every byte, then cut into runs that one shaping call
//! can set (one span, one font, one bidi level).

use std::ops::Range;

use unicode_bidi::Level;

use super::fonts::{self, FontId};
use super::Span;

/// A paragraph's text, and where each byte comes from.
pub(super) struct Collected {
    pub text: String,
    /// The spans with control characters made spaces (all but '\n').
    pub spans: Vec<Span>,
    /// Per byte of `text`: the index of its span.
    span_of: Vec<usize>,
    /// Per byte of `text`: the font that draws its character.
    font_of: Vec<FontId>,
}

/// A stretch of one span, font and direction, not yet shaped.
pub(super) struct Run {
    pub range: Range<usize>,
    pub span: usize,
    pub font: FontId,
    pub rtl: bool,
}

/// The text of `spans`, or `None` when there is nothing to set.
pub(super) fn collect(spans: &[Span]) -> Option<Collected> {
    // A paragraph is one bidi paragraph; hard breaks arrive as '\n' and
    // are mandatory line breaks, so other control characters become spaces.
    let spans: Vec<Span> = spans
        .iter()
        .map(|s| Span { text: s.text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect(), ..s.clone() })
        .collect();
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    if text.trim().is_empty() {
        return None;
    }
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
    Some(Collected { text, spans, span_of, font_of })
}

/// Maximal byte ranges of one span, font and bidi level (`levels` per byte).
pub(super) fn runs(para: &Collected, levels: &[Level]) -> Vec<Run> {
    let text = &para.text;
    let mut runs = Vec::new();
    let mut start = 0;
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    for pair in boundaries.windows(2) {
        let (i, next) = (pair[0], pair[1]);
        let split = next == text.len()
            || para.span_of[next] != para.span_of[i]
            || para.font_of[next] != para.font_of[i]
            || levels[next] != levels[i];
        if split {
            runs.push(Run { range: start..next, span: para.span_of[start], font: para.font_of[start], rtl: levels[start].is_rtl() });
            start = next;
        }
    }
    runs
}
