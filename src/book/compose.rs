//! Flowing set text and pictures down pages: a cursor that starts a new
//! page when the next line or picture does not fit.

use super::page::{self, Mark, Page, Sides};
use super::typeset::{set_paragraph, Align, Line, Span};

/// A book being laid out, page after page.
pub struct Composer {
    sides: Sides,
    /// Pages already in the book before these (decides which side the
    /// binding margin is on).
    first_index: usize,
    pub pages: Vec<Page>,
    /// Top of the free space on the current page, from the bottom.
    y: f32,
    entry: Option<String>,
}

impl Composer {
    pub fn new(sides: Sides, first_index: usize) -> Composer {
        Composer { sides, first_index, pages: Vec::new(), y: 0.0, entry: None }
    }

    /// Is the page at `index` (0-based over the whole file) a right-hand page?
    fn recto(index: usize) -> bool {
        index % 2 == 0
    }

    pub fn left(&self) -> f32 {
        Page::left_margin(self.sides, Self::recto(self.first_index + self.pages.len().saturating_sub(1)))
    }

    pub fn width(&self) -> f32 {
        Page::text_width()
    }

    /// Start a page. `sheet` starts it on a fresh sheet (a right-hand
    /// page) when printing two-sided, so an entry's pages can be swapped
    /// without touching its neighbours'.
    pub fn new_page(&mut self, entry: Option<&str>, bookmark: Option<String>, sheet: bool) {
        if sheet && self.sides == Sides::Two && !Self::recto(self.first_index + self.pages.len()) {
            let blank_for = self.entry.clone();
            self.pages.push(Page { entry: blank_for, ..Page::default() });
        }
        self.entry = entry.map(str::to_owned);
        self.pages.push(Page { bookmark, entry: self.entry.clone(), ..Page::default() });
        self.y = page::HEIGHT - page::TOP;
    }

    /// Room left on the current page, in points.
    pub fn room(&self) -> f32 {
        self.y - page::BOTTOM
    }

    pub fn space(&mut self, points: f32) {
        self.y -= points;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(None, None, false);
        }
        self.pages.last_mut().expect("a page")
    }

    /// Set and place a paragraph, `indent` points in from the text column.
    pub fn paragraph(&mut self, spans: &[Span], align: Align, indent: f32) {
        let lines = set_paragraph(spans, self.width() - indent, align);
        self.lines(&lines, indent);
    }

    /// Place set lines, turning the page when one doesn't fit.
    pub fn lines(&mut self, lines: &[Line], indent: f32) {
        for line in lines {
            if line.ascent + line.descent > self.room() {
                let entry = self.entry.clone();
                self.new_page(entry.as_deref(), None, false);
            }
            let baseline = self.y - line.ascent;
            let x = self.left() + indent;
            place_line(self.page(), line, x, baseline);
            self.y -= line.advance();
        }
    }

    /// Draw a picture as large as fits the column and `max_height`, on a
    /// new page when less than `min_height` is left.
    pub fn picture(&mut self, picture: &str, pixels: (u32, u32), max_height: f32, min_height: f32) {
        let (pw, ph) = (pixels.0.max(1) as f32, pixels.1.max(1) as f32);
        let fit = |room: f32, width: f32| {
            let h = room.min(max_height).min(width * ph / pw);
            (h * pw / ph, h)
        };
        if fit(self.room(), self.width()).1 < min_height.min(max_height) {
            let entry = self.entry.clone();
            self.new_page(entry.as_deref(), None, false);
        }
        let (w, h) = fit(self.room(), self.width());
        let x = self.left() + (self.width() - w) / 2.0;
        let y = self.y - h;
        self.page().marks.push(Mark::Picture { picture: picture.to_owned(), pixels, x, y, w, h });
        self.y = y - 6.0;
    }

    /// Add a drawing of `height` points made by `draw(page, left, top)`.
    pub fn drawing(&mut self, height: f32, draw: impl FnOnce(&mut Page, f32, f32)) {
        if height > self.room() {
            let entry = self.entry.clone();
            self.new_page(entry.as_deref(), None, false);
        }
        let (left, top) = (self.left(), self.y);
        draw(self.page(), left, top);
        self.y -= height;
    }

    pub fn finish(self) -> Vec<Page> {
        self.pages
    }
}

/// Put a set line's glyphs on a page with its left edge at `x`.
pub fn place_line(page: &mut Page, line: &Line, x: f32, baseline: f32) {
    for g in &line.glyphs {
        page.marks.push(Mark::Glyph { font: g.font, size: g.size, color: g.color, id: g.id, x: x + g.x, y: baseline + g.y, text: g.text.clone() });
    }
}

/// Set `spans` centred on `cx`, at most `width` wide, first baseline at `baseline`.
pub fn centred(page: &mut Page, spans: &[Span], cx: f32, baseline: f32, width: f32) -> f32 {
    let mut y = baseline;
    for line in set_paragraph(spans, width, Align::Center) {
        place_line(page, &line, cx - width / 2.0, y);
        y -= line.advance();
    }
    baseline - y
}
