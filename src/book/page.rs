//! A laid-out page: what to draw where, in points from the bottom left of
//! an A4 sheet, before anything is written as PDF.

use super::typeset::{FontId, Rgb};

pub const WIDTH: f32 = 595.28;
pub const HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
/// The binding side: room for a 4-hole ring punch (holes sit 9.5 mm in).
pub const INNER: f32 = 25.0 * MM;
pub const OUTER: f32 = 16.0 * MM;
pub const TOP: f32 = 18.0 * MM;
pub const BOTTOM: f32 = 22.0 * MM;
/// The size of body text, in points.
pub const BODY: f32 = 12.0;

/// How the sheets will be printed, which decides the binding side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Sides {
    /// Two-sided: the wide margin is on the left of odd pages and the
    /// right of even ones.
    #[default]
    Two,
    /// One-sided: every sheet is punched on its left.
    One,
}

/// One thing drawn on a page.
#[derive(Clone, Debug)]
pub enum Mark {
    Glyph { font: FontId, size: f32, color: Rgb, id: u16, x: f32, y: f32, text: String },
    /// A picture's print copy, drawn into the box (x, y is its bottom left).
    Picture { picture: String, pixels: (u32, u32), x: f32, y: f32, w: f32, h: f32 },
    /// A path; `curve` marks points that are Bézier control points.
    Path { points: Vec<(f32, f32, bool)>, closed: bool, fill: Option<Rgb>, stroke: Option<(Rgb, f32)> },
}

/// A page of the book.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub marks: Vec<Mark>,
    /// The number printed at its foot ("7", "7a"); `None` on the cover.
    pub label: Option<String>,
    /// Outline entry pointing at this page (section or page title).
    pub bookmark: Option<String>,
    /// The entry this page shows, for refills and the print record.
    pub entry: Option<String>,
}

impl Page {
    /// Left edge of the text column on the `index`-th sheet face (0-based
    /// in the printed file).
    pub fn left_margin(sides: Sides, recto: bool) -> f32 {
        match (sides, recto) {
            (Sides::One, _) | (Sides::Two, true) => INNER,
            (Sides::Two, false) => OUTER,
        }
    }

    pub fn text_width() -> f32 {
        WIDTH - INNER - OUTER
    }

    /// A circle as four Bézier arcs.
    pub fn circle(cx: f32, cy: f32, r: f32, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) -> Mark {
        const K: f32 = 0.552_284_8;
        let k = K * r;
        let points = vec![
            (cx + r, cy, false),
            (cx + r, cy + k, true),
            (cx + k, cy + r, true),
            (cx, cy + r, false),
            (cx - k, cy + r, true),
            (cx - r, cy + k, true),
            (cx - r, cy, false),
            (cx - r, cy - k, true),
            (cx - k, cy - r, true),
            (cx, cy - r, false),
            (cx + k, cy - r, true),
            (cx + r, cy - k, true),
            (cx + r, cy, false),
        ];
        Mark::Path { points, closed: true, fill, stroke }
    }

    pub fn line(points: &[(f32, f32)], color: Rgb, width: f32) -> Mark {
        Mark::Path { points: points.iter().map(|&(x, y)| (x, y, false)).collect(), closed: false, fill: None, stroke: Some((color, width)) }
    }

    pub fn rect(x: f32, y: f32, w: f32, h: f32, fill: Rgb) -> Mark {
        Mark::Path { points: vec![(x, y, false), (x + w, y, false), (x + w, y + h, false), (x, y + h, false)], closed: true, fill: Some(fill), stroke: None }
    }
}
