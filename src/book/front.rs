//! The front of the book: the cover (the title and picture the young
//! person chose) and the contents, numbered from the laid-out units.

use std::collections::HashMap;

use super::compose::{self, Composer};
use super::page::{self, Page, Sides, BODY};
use super::render::heading;
use super::select::Selection;
use super::typeset::{self, Align, Rgb, Span, Style};
use super::{Unit, Words};
use crate::picture::Size;

pub(super) fn cover(selection: &Selection, sides: Sides) -> Vec<Page> {
    let mut book = Composer::new(sides, 0);
    book.new_page(None, Some(selection.title.clone()), false);
    book.space(90.0);
    book.paragraph(&[Span::new(selection.title.clone(), 34.0).bold()], Align::Center, 0.0);
    book.space(30.0);
    match &selection.cover {
        Some(picture) => {
            if let Some(print) = picture.copies.iter().find(|c| c.size == Size::Print) {
                book.picture(&picture.id, (print.width, print.height), 440.0, 100.0);
            }
        }
        None => {
            let width = book.width();
            book.drawing(300.0, |page, left, top| {
                let cx = left + width / 2.0;
                for (i, colour) in [Rgb(0.99, 0.86, 0.80), Rgb(0.88, 0.93, 0.99), Rgb(0.90, 0.96, 0.90)].into_iter().enumerate() {
                    page.marks.push(Page::circle(cx - 80.0 + 80.0 * i as f32, top - 150.0, 70.0, Some(colour), None));
                }
            });
        }
    }
    let mut pages = book.finish();
    if sides == Sides::Two {
        pages.push(Page::default());
    }
    pages
}

pub(super) fn contents(units: &[Unit], labels: &HashMap<String, Vec<String>>, sides: Sides, words: &Words) -> Vec<Page> {
    let mut book = Composer::new(sides, 2);
    let title = words.get("contents");
    book.new_page(None, Some(title.into()), false);
    heading(&mut book, title);
    for unit in units {
        let label = labels.get(&unit.id).and_then(|l| l.first()).cloned().unwrap_or_default();
        let (size, style, indent) = if unit.section.is_some() { (14.0, Style { bold: true, italic: false }, 0.0) } else { (BODY, Style::default(), 14.0) };
        if unit.section.is_some() {
            book.space(8.0);
        }
        let width = book.width() - indent - 40.0;
        let lines = typeset::set_paragraph(&[Span { text: unit.title.clone(), style, size, color: Rgb::INK }], width, Align::Start);
        let first_baseline_room = lines.first().map_or(0.0, |l| l.ascent + l.descent);
        if first_baseline_room > book.room() {
            book.new_page(None, None, false);
        }
        let top = book.room() + page::BOTTOM;
        book.lines(&lines, indent);
        let left = book.left();
        let right = left + book.width();
        if let Some(first) = lines.first() {
            let page = book.pages.last_mut().expect("a page");
            let number = typeset::set_paragraph(&[Span::new(label, size)], 40.0, Align::Start);
            if let Some(n) = number.first() {
                compose::place_line(page, n, right - n.width, top - first.ascent);
            }
        }
    }
    let mut pages = book.finish();
    if sides == Sides::Two && pages.len() % 2 == 1 {
        pages.push(Page::default());
    }
    pages
}
