//! How the CLI prints results: plain words for people, JSON for scripts.

use std::path::Path;

use lifestory::consent::Ledger;
use lifestory::{Body, CheckReport, Entry, Error, LedgerRecord, Listing, Member, MemberAdded, MemberRemoved, Profile, RecoveryKey, RotateReport, SessionLog};
use serde::Serialize;

fn json<T: Serialize + ?Sized>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("output serialises"));
}

pub fn created(file: &Path, recovery: &RecoveryKey, sheet: Option<&Path>, as_json: bool) {
    if as_json {
        json(&serde_json::json!({ "file": file, "recovery_key": recovery.reveal().as_str(), "recovery_sheet": sheet }));
        return;
    }
    println!("Created {}.", file.display());
    println!();
    println!("Recovery key (shown once, never stored in the binder):");
    println!();
    println!("    {}", recovery.reveal().as_str());
    println!();
    println!("Keep it somewhere safe at the agency. With it, access can be restored if every passphrase is lost.");
    if let Some(sheet) = sheet {
        println!("The recovery sheet was written to {}: print it, then delete the file.", sheet.display());
    }
}

pub fn member_added(added: &MemberAdded, as_json: bool) {
    if as_json {
        return json(added);
    }
    if added.awaiting_approval {
        println!(
            "{} is added as a {}, and can unlock once the social worker approves (`lifestory member approve`).",
            added.member.name,
            added.member.role.label()
        );
        return;
    }
    println!("{} can now unlock this binder as the {}.", added.member.name, added.member.role.label());
    if added.new_role_key {
        println!("{} page(s) already shared with the {} are now readable by them.", added.pages_shared, added.member.role.label());
        if added.pages_waiting > 0 {
            println!(
                "{} more page(s) are shared with the {} but you can't read them, so someone who can must unlock once to pass them on.",
                added.pages_waiting,
                added.member.role.label()
            );
        }
    }
}

pub fn members(members: &[Member], as_json: bool) {
    if as_json {
        return json(members);
    }
    for m in members {
        println!("{:<24} {}", m.name, m.role.label());
    }
}

pub fn removed(removed: &MemberRemoved) {
    let (name, role) = (&removed.member.name, removed.member.role.label());
    println!("{name} can no longer unlock this binder.");
    if removed.keys_renewed {
        println!("The {role} key and the binder's shared key were replaced: keys {name} kept open nothing written from now on.");
        println!("A copy or backup {name} kept still holds what they could see up to now.");
    } else if removed.pages_kept_for_role > 0 {
        println!(
            "The {role} key was not replaced: {} page(s) only the {role} can open would be lost. To replace it without losing them, run `lifestory rotate FILE --recovery-key-file SHEET --role {}`, then add the next {role} the same way.",
            removed.pages_kept_for_role,
            removed.member.role.as_str()
        );
    } else if !removed.still_holding.is_empty() {
        println!("{} still share the {role} key, so {name}'s copy of it opens what is shared with the {role} until one of them runs `lifestory rotate` for the {role} role.", removed.still_holding.join(", "));
    } else {
        println!("If they may have kept a copy, run `lifestory rotate` for the {role} role.");
    }
}

pub fn rotated(report: &RotateReport, as_json: bool) {
    if as_json {
        return json(report);
    }
    println!("The {} key was replaced; {} page(s) moved to the new key.", report.role.label(), report.pages_rewrapped);
    if report.pages_waiting > 0 {
        println!("{} page(s) could not be moved because you can't read them.", report.pages_waiting);
    }
    for name in &report.members_to_add_again {
        println!("{name} needs to be added again to get the new key.");
    }
}

pub fn listing(listing: &Listing, as_json: bool) {
    if as_json {
        return json(listing);
    }
    let mut section = None;
    for e in &listing.entries {
        if section != Some(e.section) {
            section = Some(e.section);
            println!("\n{}", e.section.as_str().to_uppercase());
        }
        let flag = if e.sensitive { " (sensitive)" } else { "" };
        println!("  {}  {:<9} {}{}", short(&e.id, 8), e.kind.as_str(), e.title, flag);
    }
    if !listing.sealed.is_empty() {
        println!();
        for l in &listing.sealed {
            match l.for_age {
                Some(age) => println!("  {}  a letter for when you're {age} (it opens on {})", short(&l.id, 8), l.until),
                None => println!("  {}  a letter for later, to open from {}", short(&l.id, 8), l.until),
            }
        }
    }
    if listing.hidden > 0 {
        println!("\n{} page(s) you can't see.", listing.hidden);
    }
    if listing.waiting > 0 {
        println!("{} page(s) shared with you are waiting for their key to reach you.", listing.waiting);
    }
    if !listing.damaged.is_empty() {
        eprintln!(
            "lifestory: {} page(s) failed their checks and were left out. Run `lifestory check` and restore from a backup.",
            listing.damaged.len()
        );
    }
}

pub fn entry(e: &Entry, as_json: bool) {
    if as_json {
        let mut value = serde_json::to_value(e).expect("entry serialises");
        if let Body::Narrative { markdown } = &e.body {
            value["html"] = lifestory::markdown::to_html(markdown).into();
        }
        return json(&value);
    }
    println!("{}", e.title);
    println!("{} · {} · by {} · shared with {}", e.section, e.kind.as_str(), e.author_name, e.audience);
    if let Some(d) = &e.date {
        println!("When: {}", d.text);
    }
    if e.sensitive {
        println!("Marked sensitive.");
    }
    println!();
    match &e.body {
        Body::Narrative { markdown } => println!("{markdown}"),
        Body::Place { place, from, to, why } => {
            let span = |d: &Option<lifestory::ApproxDate>| d.as_ref().map_or("?".to_owned(), |d| d.text.clone());
            println!("{place:?} · {} to {}", span(from), span(to));
            if !why.is_empty() {
                println!("{why}");
            }
        }
        Body::Person { relationship, closeness, pet, note } => {
            println!("{relationship}{} · {closeness:?}", if *pet { " (pet)" } else { "" });
            if !note.is_empty() {
                println!("{note}");
            }
        }
        Body::Identity { field, text } => println!("{field:?}: {text}"),
        Body::Picture { note } => {
            if !note.is_empty() {
                println!("{note}");
            }
        }
    }
}

pub fn pictures(pictures: &[lifestory::Picture], as_json: bool) {
    if as_json {
        return json(&pictures);
    }
    if !pictures.is_empty() {
        println!();
    }
    for p in pictures {
        let caption = if p.caption.is_empty() { String::new() } else { format!("  \"{}\"", p.caption) };
        println!("Picture {}  {} × {}{caption}", short(&p.id, 8), p.width, p.height);
    }
}

/// Write `bytes` to a new file: refuses to overwrite, and removes a partly
/// written file on failure so nothing half-written is left.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::AlreadyExists { path: path.to_owned() }
        } else {
            Error::io(path, e)
        }
    })?;
    let written = file.write_all(bytes).and_then(|_| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Progress for a batch of imports: a line per file, and a live counter
/// on a terminal.
pub struct Progress {
    total: usize,
    index: usize,
    failed: usize,
    json: bool,
    tty: bool,
    results: Vec<serde_json::Value>,
}

impl Progress {
    pub fn new(total: usize, json: bool) -> Self {
        use std::io::IsTerminal;
        Progress { total, index: 0, failed: 0, json, tty: std::io::stderr().is_terminal(), results: Vec::new() }
    }

    pub fn start(&mut self, path: &Path) {
        self.index += 1;
        if self.tty {
            eprint!("\rImporting {} of {}: {}\x1b[K", self.index, self.total, name(path));
        }
    }

    pub fn done(&mut self, path: &Path, result: Result<(String, String), Error>) {
        if self.tty {
            eprint!("\r\x1b[K");
        }
        match result {
            Ok((entry, picture)) if self.json => {
                self.results.push(serde_json::json!({"file": name(path), "entry_id": entry, "picture_id": picture}))
            }
            Ok((entry, _)) => println!("{}: added to page {}", name(path), short(&entry, 8)),
            Err(e) => {
                self.failed += 1;
                if self.json {
                    self.results.push(serde_json::json!({"file": name(path), "error": {"code": e.code(), "message": e.to_string()}}));
                } else {
                    eprintln!("{}: {e}", name(path));
                }
            }
        }
    }

    /// Prints the summary; true when every file was imported.
    pub fn finish(self) -> bool {
        if self.json {
            json(&self.results);
        } else if self.total > 1 {
            println!("{} of {} picture(s) imported.", self.total - self.failed, self.total);
        }
        self.failed == 0
    }
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

pub fn shared(record: Option<&LedgerRecord>, as_json: bool) {
    if as_json {
        return json(&record);
    }
    match record {
        None => println!("Nothing changed: it is already shared that way."),
        Some(r) => println!("Now shared with {}. Recorded in the consent ledger.", r.after),
    }
}

pub fn ledger(ledger: &Ledger, as_json: bool) {
    if as_json {
        return json(ledger);
    }
    for r in &ledger.records {
        println!("{}  {}  {}: {} -> {}", short(&r.at, 16), short(&r.entry_id, 8), r.by, r.before, r.after);
        if !r.consent.is_empty() {
            println!("      agreed: {}", r.consent);
        }
    }
    if ledger.other > 0 {
        println!("{} record(s) about pages you can't see.", ledger.other);
    }
    if ledger.refused > 0 {
        println!("{} record(s) not signed by a member, so not shown: run `lifestory check` for which.", ledger.refused);
    }
}

pub fn sessions(log: &SessionLog, as_json: bool) {
    if as_json {
        return json(log);
    }
    match log.days_since_last {
        None => println!("No sessions yet."),
        Some(0) => println!("Last session: today."),
        Some(1) => println!("Last session: yesterday."),
        Some(n) => println!("Last session: {n} days ago."),
    }
    for s in &log.sessions {
        let feeling = s.feeling.map(|f| format!(" · felt {f:?}").to_lowercase()).unwrap_or_default();
        let status = if s.ended_at.is_none() { " (running)" } else { "" };
        println!("  {}  with {} · {} page(s){feeling}{status}", short(&s.started_at, 10), s.facilitator, s.pages_added);
        if !s.setting.is_empty() {
            println!("      at {}", s.setting);
        }
        if s.notes_for_adults {
            println!("      (the notes are for the adults)");
        }
    }
}

pub fn profile(p: &Profile, as_json: bool) {
    if as_json {
        return json(p);
    }
    println!("{}", p.name);
    if let Some(v) = &p.preferred_name {
        println!("Likes to be called: {v}");
    }
    if let Some(v) = &p.pronouns {
        println!("Pronouns: {v}");
    }
    if let Some(v) = &p.date_of_birth {
        println!("Born: {v}");
    }
}

pub fn check(file: &Path, report: &CheckReport, as_json: bool) {
    if as_json {
        return json(report);
    }
    if report.problems.is_empty() {
        println!("{}: healthy ({} page(s), {} member(s)).", file.display(), report.entries, report.members);
    } else {
        eprintln!("{} is damaged:", file.display());
        for p in &report.problems {
            eprintln!("  - {p}");
        }
        eprintln!("Restore it from your latest backup. Nothing was changed.");
    }
}

pub fn handed_over(made: &lifestory::handover::Handover, sheet: Option<&Path>) {
    println!("Made {}'s own copy in {}:", made.binder.file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned()), made.dir.display());
    println!("  {}  ({} page(s), {} picture(s); only they can open it)", made.binder.display(), made.pages, made.pictures);
    println!("  {}  (open index.html in any browser; not encrypted)", made.book.join("index.html").display());
    println!("  {}  (their book to print; not encrypted)", made.pdf.display());
    if made.left_behind > 0 {
        println!("{} page(s) shared with them could not be read by you and were left out: run this as the young person to include them.", made.left_behind);
    }
    if !made.letters_kept.is_empty() {
        println!(
            "{} letter(s) for later stay in this binder, still sealed, until {}: their copy has nobody to keep a letter from them. Open this binder on or after that day and give it to them (print it, or hand over again).",
            made.letters_kept.len(),
            made.letters_kept.join(", ")
        );
    }
    println!();
    println!("Their new recovery key (shown once; print it for them):");
    println!("  {}", &*made.recovery.reveal());
    if let Some(path) = sheet {
        println!("Recovery sheet written to {}.", path.display());
    }
}

/// A live counter on a terminal while a book is written.
pub fn book_progress(progress: lifestory::book::Progress) -> std::ops::ControlFlow<()> {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        match progress {
            lifestory::book::Progress::Reading { done, total } => eprint!("\rReading page {done} of {total}\x1b[K"),
            lifestory::book::Progress::Pictures { done, total } => eprint!("\rAdding picture {done} of {total}\x1b[K"),
        }
    }
    std::ops::ControlFlow::Continue(())
}

pub fn book(report: &lifestory::book::BookReport, as_json: bool) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
    if as_json {
        return json(report);
    }
    let what = if report.refill { "new and changed pages" } else { "the book" };
    println!(
        "Wrote {what} to {}: {} page(s), {} picture(s). It is not encrypted: keep it somewhere safe.",
        report.path.display(),
        report.pages,
        report.pictures
    );
    for insert in &report.insert {
        match &insert.after {
            Some(after) => println!("  Put {} (\"{}\") after page {after}.", insert.pages.join(", "), insert.title),
            None => println!("  Replace {} with {} (\"{}\").", insert.replaces.join(", "), insert.pages.join(", "), insert.title),
        }
    }
    if !report.remove.is_empty() {
        println!("  Take out pages {}: they are no longer in this book.", report.remove.join(", "));
    }
}
pub fn exported(done: &lifestory::Exported, as_json: bool) {
    if as_json {
        return json(done);
    }
    println!(
        "Wrote {} ({} change(s), {} KB). It is encrypted: copy it to the other computer and run `lifestory sync import` there.",
        done.path.display(),
        done.records,
        done.bytes.div_ceil(1024)
    );
}

pub fn imported(done: &lifestory::Imported, as_json: bool) {
    if as_json {
        return json(done);
    }
    if done.nothing_new {
        return println!("Nothing new: this copy already has everything in that file.");
    }
    let m = &done.merged;
    println!(
        "Merged: {} new page(s), {} changed, {} deleted, {} moved, {} picture change(s), {} consent record(s), {} session(s), {} member change(s).",
        m.pages_added, m.pages_changed, m.pages_deleted, m.pages_moved, m.pictures, m.consent_records, m.sessions, m.members
    );
    if m.new_conflicts > 0 {
        println!(
            "{} page(s) were changed on both copies: both versions are kept. See `lifestory sync conflicts` to choose.",
            m.new_conflicts
        );
    }
    if m.membership_forked && !m.membership_theirs {
        println!(
            "Both copies changed who is in the book since they last exchanged: this copy's changes stand (a removal counts before \
             an addition), and the other copy takes them in when it next imports this copy's changes."
        );
    }
    if m.membership_theirs {
        println!(
            "Both copies changed who is in the book since they last exchanged: the other copy's changes stand (a removal counts \
             before an addition). {} change(s) you made here were made again on top of them.",
            m.membership_redone
        );
    }
    if m.membership_undone > 0 {
        println!(
            "{} addition(s) or approval(s) someone else made on this copy were undone: see `lifestory member list`, and ask them to make them again.",
            m.membership_undone
        );
    }
    if m.refused > 0 {
        println!("{} member or key row(s) were not taken in: the book's signed list of members does not have them.", m.refused);
    }
}

pub fn folder_exchanged(done: &lifestory::FolderExchange, as_json: bool) {
    if as_json {
        return json(done);
    }
    for (path, imported) in &done.imported {
        print!("{}: ", name(path));
        self::imported(imported, false);
    }
    for (path, why) in &done.refused {
        eprintln!("{}: {why}", name(path));
    }
    println!("Wrote this copy's changes to {} ({} change(s)).", done.written.path.display(), done.written.records);
}

pub fn conflicts(conflicts: &[lifestory::Conflict], as_json: bool) {
    if as_json {
        return json(conflicts);
    }
    if conflicts.is_empty() {
        return println!("No conflicts: every copy's changes fitted together.");
    }
    let title = |t: &Option<String>| t.clone().unwrap_or_else(|| "(a page you can't read)".into());
    // Values from another copy are shown with `chars().take`, never sliced
    // by bytes, so an odd value can't panic.
    let first = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    for c in conflicts {
        println!("{}  page {}", first(&c.id, 8), first(&c.entry_id, 8));
        println!("      in the book: \"{}\", changed {}", title(&c.current.title), first(&c.current.updated_at, 16));
        match &c.other {
            Some(o) => println!("      set aside:   \"{}\", changed {}", title(&o.title), first(&o.updated_at, 16)),
            None => println!("      set aside:   a deletion on another copy (the page was kept because it was changed here)"),
        }
    }
    println!("Choose with `lifestory sync resolve FILE ID --keep mine|theirs`.");
}

pub fn language(pages: &[lifestory::language::PageLanguage], as_json: bool) {
    if as_json {
        return json(pages);
    }
    if pages.is_empty() {
        println!("Nothing to suggest: every page you can read uses kind words.");
        return;
    }
    for page in pages {
        println!("{}  {}", short(&page.id, 8), page.title);
        for flag in page.title_flags.iter().chain(&page.text_flags) {
            println!("    \"{}\" → {}. {}", flag.found, flag.instead, flag.why);
        }
    }
    println!("These are suggestions; nothing was changed.");
}

pub fn prompts(prompts: &[lifestory::prompts::PromptStatus], as_json: bool) {
    if as_json {
        return json(prompts);
    }
    let mut section = None;
    for p in prompts {
        if section != Some(p.prompt.section) {
            section = Some(p.prompt.section);
            println!("\n{}", p.prompt.section.heading());
        }
        let done = if p.answered_by.is_empty() { " " } else { "✓" };
        println!("  {done} {} {}  [{}]", p.prompt.icon, p.prompt.text, p.prompt.id);
    }
    println!("\nAny prompt can be skipped, and any page can be your own idea. Use --prompt ID with `add` to tick one off.");
}

/// A group code, as people read it aloud and type it.
pub fn group_code(code: &lifestory::GroupCode, new: bool) {
    if new {
        println!("{}", code.display());
        eprintln!("Give this code to the binder of each brother and sister (`lifestory siblings link FILE --code …`). Keep it like a passphrase: it opens every page offered between them.");
    } else {
        println!("Linked to brothers and sisters with the code {}.", code.display());
    }
}

pub fn offered(done: &lifestory::Offered, as_json: bool) {
    if as_json {
        return json(done);
    }
    println!(
        "Wrote {} (\"{}\", {} picture(s), {} KB). It is encrypted with the family's code: give it to a brother's or sister's carer to import.",
        done.path.display(),
        done.title,
        done.pictures,
        done.bytes.div_ceil(1024)
    );
    if done.shared.is_some() {
        println!("The page is now shared with brothers and sisters. Recorded in the consent ledger.");
    }
}

pub fn offer_preview(p: &lifestory::OfferPreview, as_json: bool) {
    if as_json {
        return json(p);
    }
    println!("From {}'s book, offered by {} on {}:", p.from, p.offered_by, p.offered_at.get(..10).unwrap_or_default());
    println!("  \"{}\" ({}, {}), {} picture(s){}", p.title, p.section, p.kind.as_str(), p.pictures, if p.sensitive { ", marked sensitive" } else { "" });
    if p.already_here {
        println!("  It is already in this binder.");
    }
}

pub fn from_sibling(done: &lifestory::FromSibling, as_json: bool) {
    if as_json {
        return json(done);
    }
    if done.already_here {
        println!("\"{}\" from {}'s book is already in this binder ({}): nothing was added.", done.title, done.from, short(&done.entry_id, 8));
    } else {
        println!("Added \"{}\" from {}'s book ({}, {} picture(s)), shared with brothers and sisters.", done.title, done.from, short(&done.entry_id, 8), done.pictures);
    }
}

/// The first `n` characters of a stored string (an id, a timestamp) for
/// display. By characters, never bytes: the string came from a file that
/// anyone can edit, and slicing a hostile one by bytes would panic.
fn short(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(at, _)| &text[..at])
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn short_cuts_by_characters_and_never_panics() {
        let cases = [("3f2a9c1e77", 8, "3f2a9c1e"), ("abc", 8, "abc"), ("aaaaaaaé", 8, "aaaaaaaé"), ("aaaaaaaéz", 8, "aaaaaaaé"), ("ééééééééé", 8, "éééééééé"), ("", 4, "")];
        for (text, n, want) in cases {
            assert_eq!(short(text, n), want, "{text:?}");
        }
    }
}
