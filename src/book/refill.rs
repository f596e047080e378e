//! Ring binder refills: which pages to print since the last print for an
//! audience, how to number them so they slot in, and the print record.
//!
//! A print record (table `prints`) keeps, for the whole binder as it then
//! stood for that audience, each unit's page labels and a fingerprint of
//! what its pages showed: HMAC-SHA256 under a key derived from the common
//! key, so the plaintext record reveals nothing of the words.
//!
//! Labels: a full print numbers pages 1, 2, 3… from the cover. A changed
//! unit keeps its labels (extra pages get letters after its last one,
//! spare old pages are taken out); a new unit is lettered after the last
//! page of the unit before it ("12a", "12b", … "12z", "12za"). Letters sort
//! by length then alphabet, so labels always have one physical order.

use std::collections::{BTreeSet, HashMap, HashSet};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::page::{Mark, Page, Sides};
use super::typeset::{Align, Rgb, Span};
use super::{compose::Composer, Unit, Words};
use crate::audience::Party;
use crate::error::{Error, Result};
use crate::keys::Keyring;
use crate::membership::Membership;
use crate::signed::records::{self, Record};
use crate::store::{Db, PrintRow};

/// One unit as it was printed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Printed {
    pub id: String,
    pub labels: Vec<String>,
    pub fingerprint: String,
}

/// Where a refill's pages go.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Insert {
    pub title: String,
    pub pages: Vec<String>,
    /// The page they follow; `None` when they replace pages of the same number.
    pub after: Option<String>,
    /// Old pages these take the place of.
    pub replaces: Vec<String>,
}

/// What a print will contain and how it is numbered.
pub struct Plan {
    pub refill: bool,
    pub printed: HashSet<String>,
    pub labels: HashMap<String, Vec<String>>,
    pub inserts: Vec<Insert>,
    pub remove: Vec<String>,
    /// The binder as it will stand after this print, for the record.
    map: Vec<Printed>,
    /// When the last print was (refills only).
    pub since: Option<String>,
}

/// The last print's record for `audience`.
pub struct LastPrint {
    at: String,
    units: Vec<Printed>,
}

/// In a signed binder, the newest print record that verifies: one put in
/// with `sqlite3` (which could claim every page was printed, so a refill
/// would leave new ones out) is passed over, and `check` names it.
pub(crate) fn last_print(db: Db<'_>, log: Option<&Membership>, binder_id: &str, audience: Party) -> Result<Option<LastPrint>> {
    let Some(row) = db.prints(Some(audience))?.into_iter().find(|row| log.is_none_or(|state| print_problem(state, binder_id, row).is_none()))
    else {
        return Ok(None);
    };
    let units = serde_json::from_str(&row.page_map).map_err(|_| Error::damaged("a print record is unreadable"))?;
    Ok(Some(LastPrint { at: row.at, units }))
}

fn print_problem(state: &Membership, binder_id: &str, row: &PrintRow) -> Option<&'static str> {
    records::problem(state, binder_id, &Record::Print(row.facts()), row.proof.as_deref()).err()
}

fn fingerprint(key: &[u8; 32], pages: &[Page]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length works for HMAC");
    for page in pages {
        mac.update(b"\x00page");
        for mark in &page.marks {
            let text = match mark {
                Mark::Glyph { font, size, id, x, y, text, .. } => format!("g{font}/{size}/{id}/{x:.1}/{y:.1}/{text}"),
                Mark::Picture { picture, x, y, w, h, .. } => format!("p{picture}/{x:.1}/{y:.1}/{w:.1}/{h:.1}"),
                Mark::Path { points, .. } => format!("l{}", points.len()),
            };
            mac.update(text.as_bytes());
            mac.update(b"\x00");
        }
    }
    mac.finalize().into_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A page label split for ordering: number, then letters by length and alphabet.
fn order_key(label: &str) -> (u64, usize, String) {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    let letters = label[digits.len()..].to_owned();
    (digits.parse().unwrap_or(0), letters.len(), letters)
}

fn letters(k: usize) -> String {
    let zs = (k - 1) / 26;
    let last = (b'a' + ((k - 1) % 26) as u8) as char;
    format!("{}{last}", "z".repeat(zs))
}

/// `count` new labels after `after`, unused so far.
fn allocate(after: &str, count: usize, used: &mut BTreeSet<(u64, usize, String)>) -> Vec<String> {
    let (number, _, _) = order_key(after);
    let mut k = used.iter().filter(|(n, _, _)| *n == number).map(|(_, len, l)| if *len == 0 { 0 } else { (len - 1) * 26 + (l.as_bytes()[len - 1] - b'a') as usize + 1 }).max().unwrap_or(0);
    (0..count)
        .map(|_| {
            k += 1;
            let label = format!("{number}{}", letters(k));
            used.insert(order_key(&label));
            label
        })
        .collect()
}

/// Decide what to print. `front` is how many pages come before the units
/// in a full print (cover and contents).
pub(crate) fn plan(units: &[Unit], last: Option<&LastPrint>, key: &[u8; 32], front: usize) -> Plan {
    let fingerprints: Vec<String> = units.iter().map(|u| fingerprint(key, &u.pages)).collect();
    let Some(last) = last else {
        // A full print: every page numbered from the cover.
        let mut next = front + 1;
        let mut plan = Plan { refill: false, printed: HashSet::new(), labels: HashMap::new(), inserts: Vec::new(), remove: Vec::new(), map: Vec::new(), since: None };
        plan.map.push(Printed { id: "front".into(), labels: (1..=front).map(|n| n.to_string()).collect(), fingerprint: String::new() });
        for (unit, fp) in units.iter().zip(fingerprints) {
            let labels: Vec<String> = (next..next + unit.pages.len()).map(|n| n.to_string()).collect();
            next += unit.pages.len();
            plan.printed.insert(unit.id.clone());
            plan.labels.insert(unit.id.clone(), labels.clone());
            plan.map.push(Printed { id: unit.id.clone(), labels, fingerprint: fp });
        }
        return plan;
    };

    let old: HashMap<&str, &Printed> = last.units.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut used: BTreeSet<_> = last.units.iter().flat_map(|p| &p.labels).map(|l| order_key(l)).collect();
    let mut plan = Plan { refill: true, printed: HashSet::new(), labels: HashMap::new(), inserts: Vec::new(), remove: Vec::new(), map: Vec::new(), since: Some(last.at.clone()) };
    let front = last.units.iter().find(|p| p.id == "front").cloned();
    let mut previous_last: Option<String> = front.as_ref().and_then(|f| f.labels.last().cloned());
    if let Some(front) = front {
        plan.map.push(front);
    }
    for (unit, fp) in units.iter().zip(fingerprints) {
        let labels = match old.get(unit.id.as_str()) {
            Some(was) if was.fingerprint == fp => was.labels.clone(),
            Some(was) => {
                let keep = was.labels.len().min(unit.pages.len());
                let mut labels: Vec<String> = was.labels[..keep].to_vec();
                let extra = unit.pages.len() - keep;
                let last_label = labels.last().cloned().or_else(|| previous_last.clone()).unwrap_or_else(|| "1".into());
                let added = allocate(&last_label, extra, &mut used);
                labels.extend(added.iter().cloned());
                plan.remove.extend(was.labels[keep..].iter().cloned());
                plan.inserts.push(Insert { title: unit.title.clone(), pages: labels.clone(), after: None, replaces: was.labels.clone() });
                plan.printed.insert(unit.id.clone());
                labels
            }
            None => {
                let after = previous_last.clone().unwrap_or_else(|| "1".into());
                let labels = allocate(&after, unit.pages.len(), &mut used);
                plan.inserts.push(Insert { title: unit.title.clone(), pages: labels.clone(), after: Some(after), replaces: Vec::new() });
                plan.printed.insert(unit.id.clone());
                labels
            }
        };
        previous_last = labels.last().cloned().or(previous_last);
        plan.labels.insert(unit.id.clone(), labels.clone());
        plan.map.push(Printed { id: unit.id.clone(), labels, fingerprint: fp });
    }
    // Units no longer in the book for this audience: their pages come out.
    let now: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    for was in &last.units {
        if was.id != "front" && !now.contains(was.id.as_str()) {
            plan.remove.extend(was.labels.iter().cloned());
        }
    }
    plan.remove.sort_by_key(|l| order_key(l));
    plan
}

/// The refill's first page: what to put where, and what to take out.
pub(crate) fn instructions(called: &str, plan: &Plan, sides: Sides, words: &Words) -> Vec<Page> {
    let mut book = Composer::new(sides, 0);
    book.new_page(None, Some(words.get("refill-bookmark").into()), false);
    let say = |book: &mut Composer, text: String| {
        book.paragraph(&[Span::new(text, 12.0)], Align::Start, 0.0);
        book.space(4.0);
    };
    book.paragraph(&[Span::new(words.fill("refill-title", &[("name", called)]), 22.0).bold()], Align::Start, 0.0);
    book.space(6.0);
    if let Some(since) = &plan.since {
        let day = since.get(..10).unwrap_or(since);
        book.paragraph(&[Span::new(words.fill("refill-since", &[("day", day)]), 11.0).colored(Rgb::SOFT)], Align::Start, 0.0);
    }
    book.space(10.0);
    // Pages as what is put in, and as they are named anywhere else (Welsh
    // mutates the first: "Rhowch dudalen 12a").
    let put = |pages: &[String]| match pages {
        [one] => words.fill("refill-put-page", &[("page", one)]),
        [first, .., last] => words.fill("refill-put-pages", &[("first", first), ("last", last)]),
        [] => words.get("refill-no-pages").into(),
    };
    let named = |pages: &[String]| match pages {
        [one] => words.fill("refill-page", &[("page", one)]),
        [first, .., last] => words.fill("refill-pages", &[("first", first), ("last", last)]),
        [] => words.get("refill-no-pages").into(),
    };
    for insert in &plan.inserts {
        match &insert.after {
            Some(after) => say(&mut book, words.fill("refill-after", &[("pages", &put(&insert.pages)), ("title", &insert.title), ("after", after)])),
            None => say(&mut book, words.fill("refill-replace", &[("old", &named(&insert.replaces)), ("pages", &put(&insert.pages)), ("title", &insert.title)])),
        }
    }
    if !plan.remove.is_empty() {
        book.space(6.0);
        let pages = plan.remove.join(", ");
        let text = if plan.remove.len() == 1 { words.fill("refill-remove-one", &[("pages", &pages)]) } else { words.fill("refill-remove-many", &[("pages", &pages)]) };
        say(&mut book, text);
    }
    let mut pages = book.finish();
    if sides == Sides::Two && pages.len() % 2 == 1 {
        pages.push(Page::default());
    }
    pages
}

/// Note the print: when, for whom, by whom, how many pages, and the map.
pub(crate) fn record(db: Db<'_>, keys: &Keyring, binder_id: &str, audience: Party, plan: &Plan, pages: usize) -> Result<()> {
    let page_map = serde_json::to_string(&plan.map).map_err(|e| Error::Unexpected { detail: e.to_string() })?;
    let mut row = PrintRow {
        at: crate::store::now(),
        audience: audience.as_str().to_owned(),
        member: keys.actor().member_id().map(str::to_owned),
        pages: pages as i64,
        refill: plan.refill,
        page_map,
        proof: None,
    };
    row.proof = records::sign_as(binder_id, &Record::Print(row.facts()), keys);
    db.insert_print(&row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_sort_by_number_then_letters() {
        let mut labels = vec!["12a", "2", "12", "12za", "12b", "12z", "3"];
        labels.sort_by_key(|l| order_key(l));
        assert_eq!(labels, ["2", "3", "12", "12a", "12b", "12z", "12za"]);
    }

    #[test]
    fn new_labels_follow_the_last_letter_used_for_that_number() {
        let mut used: BTreeSet<_> = ["12", "12a", "13"].iter().map(|l| order_key(l)).collect();
        assert_eq!(allocate("12", 2, &mut used), ["12b", "12c"]);
        assert_eq!(allocate("13", 1, &mut used), ["13a"]);
        let mut many: BTreeSet<_> = BTreeSet::new();
        let labels = allocate("4", 27, &mut many);
        assert_eq!((labels[0].as_str(), labels[25].as_str(), labels[26].as_str()), ("4a", "4z", "4za"));
    }
}
