//! The two pictures the book draws itself: the life map (a winding path
//! of the places a child has lived, schools and events, in date order) and
//! "my people" (circles, closest people in the middle).

use super::compose::{centred, Composer};
use super::page::Page;
use super::typeset::{Rgb, Span};
use crate::entry::PlaceKind;

const PATH: Rgb = Rgb(0.55, 0.62, 0.75);

fn kind_colour(kind: PlaceKind) -> Rgb {
    match kind {
        PlaceKind::Home | PlaceKind::Placement => Rgb(0.95, 0.55, 0.45),
        PlaceKind::School => Rgb(0.40, 0.65, 0.85),
        PlaceKind::Country => Rgb(0.45, 0.72, 0.50),
        PlaceKind::Hospital => Rgb(0.70, 0.55, 0.80),
        PlaceKind::Event | PlaceKind::Other => Rgb(0.95, 0.75, 0.30),
    }
}

/// A stop on the life map.
pub struct Stop {
    pub name: String,
    pub when: String,
    pub kind: PlaceKind,
}

const PER_ROW: usize = 3;
const ROW: f32 = 120.0;
const DOT: f32 = 15.0;

/// Draw the stops, three to a row, the path turning at the end of each
/// row like a road on a board game.
pub fn life_map(book: &mut Composer, stops: &[Stop]) {
    let rows: Vec<&[Stop]> = stops.chunks(PER_ROW).collect();
    // Whether the row above is on the same page, so the road can come down from it.
    let mut row_above = false;
    for (r, row) in rows.iter().enumerate() {
        let leftwards = r % 2 == 1;
        let number_base = r * PER_ROW;
        let come_from = row_above && ROW <= book.room();
        let width = book.width();
        book.drawing(ROW, |page, left, top| {
            let y = top - 22.0;
            let x_of = |i: usize| {
                let col = if leftwards { PER_ROW - 1 - i } else { i };
                left + width * (2 * col + 1) as f32 / (2 * PER_ROW) as f32
            };
            // The road: down from the row above (whose last stop sits
            // above this row's first), then along the row.
            if come_from {
                let bend = left + if leftwards { width - 12.0 } else { 12.0 };
                page.marks.push(super::page::Mark::Path {
                    points: vec![(x_of(0), y, false), (bend, y, true), (bend, y + ROW, true), (x_of(0), y + ROW, false)],
                    closed: false,
                    fill: None,
                    stroke: Some((PATH, 4.0)),
                });
            }
            if row.len() > 1 {
                page.marks.push(Page::line(&[(x_of(0), y), (x_of(row.len() - 1), y)], PATH, 4.0));
            }
            for (i, stop) in row.iter().enumerate() {
                let x = x_of(i);
                page.marks.push(Page::circle(x, y, DOT, Some(kind_colour(stop.kind)), Some((Rgb(1.0, 1.0, 1.0), 2.0))));
                let number = (number_base + i + 1).to_string();
                centred(page, &[Span::new(number, 11.0).bold().colored(Rgb(1.0, 1.0, 1.0))], x, y - 4.0, 40.0);
                let mut below = y - DOT - 14.0;
                below -= centred(page, &[Span::new(stop.name.clone(), 10.5).bold()], x, below, width / PER_ROW as f32 - 10.0);
                if !stop.when.is_empty() {
                    centred(page, &[Span::new(stop.when.clone(), 9.0).colored(Rgb::SOFT)], x, below, width / PER_ROW as f32 - 10.0);
                }
            }
        });
        row_above = true;
    }
}

/// Someone in "my people".
pub struct Person {
    pub name: String,
    pub relationship: String,
    pub ring: usize,
    pub pet: bool,
}

const RINGS: [(f32, Rgb); 3] = [(105.0, Rgb(0.99, 0.86, 0.80)), (165.0, Rgb(0.88, 0.93, 0.99)), (225.0, Rgb(0.90, 0.96, 0.90))];
const ME: f32 = 42.0;

/// Circles around the child: ring 0 holds the closest people.
pub fn people(book: &mut Composer, me: &str, people: &[Person]) {
    let height = 2.0 * RINGS[2].0 + 16.0;
    let width = book.width();
    book.drawing(height, |page, left, top| {
        let (cx, cy) = (left + width / 2.0, top - RINGS[2].0 - 8.0);
        for &(r, fill) in RINGS.iter().rev() {
            page.marks.push(Page::circle(cx, cy, r, Some(fill), Some((Rgb(1.0, 1.0, 1.0), 2.0))));
        }
        page.marks.push(Page::circle(cx, cy, ME, Some(Rgb(0.98, 0.70, 0.35)), None));
        centred(page, &[Span::new(me, 13.0).bold()], cx, cy - 4.0, 2.0 * ME - 6.0);
        for ring in 0..RINGS.len() {
            let inner = if ring == 0 { ME } else { RINGS[ring - 1].0 };
            let radius = (inner + RINGS[ring].0) / 2.0;
            let here: Vec<&Person> = people.iter().filter(|p| p.ring == ring).collect();
            // Start each ring at a different angle so names don't line up.
            let start = std::f32::consts::FRAC_PI_2 + ring as f32 * 0.5;
            // A crowded ring gets smaller, narrower names rather than overlaps.
            let room = (std::f32::consts::TAU * radius / here.len().max(1) as f32 - 6.0).min(86.0);
            let size = if room < 60.0 { 8.0 } else { 10.0 };
            for (i, person) in here.iter().enumerate() {
                let angle = start + std::f32::consts::TAU * i as f32 / here.len() as f32;
                let (x, y) = (cx + radius * angle.cos(), cy + radius * angle.sin());
                let name = if person.pet { format!("🐾 {}", person.name) } else { person.name.clone() };
                let used = centred(page, &[Span::new(name, size).bold()], x, y + 2.0, room);
                if !person.relationship.is_empty() && room >= 60.0 {
                    centred(page, &[Span::new(person.relationship.clone(), 8.0).colored(Rgb::SOFT)], x, y + 2.0 - used, room);
                }
            }
        }
    });
}
