//! `lifestory`: the command-line adapter over the core. Parses arguments,
//! gets passphrases, calls one core function per command and prints the
//! result (as words, or JSON with `--json`). No rules live here.

mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use lifestory::{
    ApproxDate, Audience, Binder, Body, EntryEdit, Error, Feeling, IdentityField, Keep, KeyCost, Keyring, NewBinder,
    NewEntry, Profile, RecoveryKey, Role, SecretString, Section,
};
use lifestory::siblings::read_offer_file;
use lifestory::{GroupCode, Offer};
use lifestory::book::{page::Sides, BookOptions};

#[derive(Parser)]
#[command(name = "lifestory", version, about = "Life Story Binder: a child's life story book, encrypted, shared only with consent.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Who is acting: a member (passphrase from LIFESTORY_PASSPHRASE or the
/// terminal) or the recovery key.
#[derive(Args)]
struct Who {
    /// Your member name.
    #[arg(long = "as", value_name = "MEMBER", required_unless_present = "recovery_key_file")]
    member: Option<String>,
    /// Use the recovery sheet (or a file holding the recovery key) instead.
    #[arg(long, value_name = "PATH", conflicts_with = "member")]
    recovery_key_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new binder for a child, with its first member.
    New {
        file: PathBuf,
        #[arg(long)]
        child: String,
        #[arg(long = "name", value_name = "MEMBER")]
        member: String,
        #[arg(long)]
        role: Role,
        /// Also write the one-page recovery sheet here.
        #[arg(long, value_name = "PATH")]
        recovery_sheet: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Add, list or remove members.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Give a role a new key and rewrap its pages (after someone leaves).
    Rotate {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        role: Role,
        #[arg(long)]
        json: bool,
    },
    /// Add a page.
    Add(AddArgs),
    /// List the pages you can read.
    List {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        section: Option<Section>,
        #[arg(long)]
        json: bool,
    },
    /// Show one page.
    Show {
        file: PathBuf,
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Change a page's words or flags.
    Edit {
        file: PathBuf,
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        body: BodyText,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        sensitive: Option<bool>,
    },
    /// Put a page somewhere else in the book.
    Move {
        file: PathBuf,
        id: String,
        #[command(flatten)]
        who: Who,
        /// Move it to this section.
        #[arg(long)]
        section: Option<Section>,
        /// Its new place in the section, 1 = first.
        #[arg(long, value_name = "N")]
        to: usize,
    },
    /// Delete a page for good.
    Delete {
        file: PathBuf,
        id: String,
        #[command(flatten)]
        who: Who,
    },
    /// Change who can see a page.
    Share {
        file: PathBuf,
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "AUD,…")]
        add: Option<String>,
        #[arg(long, value_name = "AUD,…")]
        remove: Option<String>,
        /// How the young person agreed (needed when sharing more widely).
        #[arg(long)]
        consent: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import photos, scans or pictures of keepsakes (each becomes a page,
    /// or is attached to an existing page with --attach).
    Photo(PhotoArgs),
    /// Save a decrypted copy of a picture, on purpose, to a file.
    Picture {
        file: PathBuf,
        /// The picture's id, or its page's id.
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        #[arg(long, default_value = "print")]
        size: lifestory::Size,
    },
    /// Write the pages you can read as plain HTML pages and pictures, into a
    /// new folder any browser opens (decrypted: keep it safe).
    ExportHtml {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Prompts for sessions, by section, and which ones a page answers.
    Prompts {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        /// Only prompts for this age (default: the child's age, when their
        /// date of birth is known).
        #[arg(long)]
        age: Option<u32>,
        /// en or cy (Cymraeg).
        #[arg(long, default_value = "en")]
        lang: lifestory::language::Lang,
        #[arg(long)]
        json: bool,
    },
    /// Look through every page you can read for words that label or blame,
    /// and suggest kinder ones (English and Welsh).
    CheckLanguage {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Print the book as an A4 PDF for one audience: only the pages shared
    /// with that audience appear anywhere in it.
    Export {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        /// Who the book is for: young-person, carer, social-worker, school,
        /// birth-family or siblings.
        #[arg(long, value_name = "AUDIENCE")]
        audience: String,
        #[arg(long, value_name = "BOOK.pdf")]
        out: PathBuf,
        /// Only pages added or changed since the last print for this
        /// audience, numbered to slot into the ring binder.
        #[arg(long)]
        since_last_print: bool,
        /// Only these sections (present, past, future); repeatable.
        #[arg(long = "section", value_name = "SECTION")]
        sections: Vec<Section>,
        /// Also print pages marked sensitive.
        #[arg(long)]
        include_sensitive: bool,
        /// For printing on one side of the paper (binding margin always left).
        #[arg(long)]
        one_sided: bool,
        /// The language of the book's own words (headings, contents, the
        /// refill sheet): en or cy (Cymraeg). Pages print as written.
        #[arg(long, default_value = "en")]
        lang: lifestory::language::Lang,
        #[arg(long)]
        json: bool,
    },
    /// Give the young person their own copy: a new binder only they can
    /// open (asks for their new passphrase), and the pages as plain HTML.
    Handover {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        /// A new folder for the copy.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The young person's member name in their copy.
        #[arg(long = "name", value_name = "NAME")]
        name: String,
        /// Also write their new recovery sheet here.
        #[arg(long, value_name = "PATH")]
        recovery_sheet: Option<PathBuf>,
    },
    /// Make a backup now (no passphrase needed: it stays encrypted).
    Backup {
        file: PathBuf,
        /// The folder for backups (default: "NAME backups" beside the binder).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// How many backups to keep in that folder.
        #[arg(long, default_value_t = lifestory::backup::KEEP)]
        keep: usize,
    },
    /// List the backups of a binder, newest first.
    Backups {
        file: PathBuf,
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Put a backup back in place of a binder (the current one is kept aside).
    Restore {
        backup: PathBuf,
        file: PathBuf,
    },
    /// The consent ledger.
    Ledger {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "ID")]
        entry: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Start, end or list sessions.
    #[command(subcommand)]
    Session(SessionCommand),
    /// The child's profile (show, or change with the options).
    Profile {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        preferred_name: Option<String>,
        #[arg(long)]
        pronouns: Option<String>,
        #[arg(long)]
        date_of_birth: Option<String>,
        /// The printed book's title, as the young person chose it.
        #[arg(long)]
        book_title: Option<String>,
        /// The picture for the book's cover (a picture id, as `show` lists).
        #[arg(long, value_name = "PICTURE")]
        cover_picture: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Exchange changes with other copies of this binder (another laptop,
    /// a shared folder).
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Brothers and sisters: link their binders with a shared code, offer a
    /// page to them as an encrypted file, import a page they offered.
    #[command(subcommand)]
    Siblings(SiblingsCommand),
    /// Change your own passphrase (the old one from LIFESTORY_PASSPHRASE or
    /// asked; the new one from LIFESTORY_NEW_PASSPHRASE or asked twice).
    Passphrase {
        file: PathBuf,
        /// Your member name.
        #[arg(long = "as", value_name = "MEMBER")]
        member: String,
    },
    /// Check a binder file for damage (no passphrase needed).
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MemberCommand {
    /// Add a person who can unlock the binder.
    Add {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: Role,
        #[arg(long)]
        json: bool,
    },
    /// Who can unlock the binder.
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a member's key.
    Remove {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        name: String,
    },
    /// Approve someone a carer added (the social worker's countersignature).
    Approve {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        name: String,
    },
    /// Check the membership log: every link signed and allowed, from the first.
    Verify {
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum SyncCommand {
    /// Write an encrypted change file with what changed since the last
    /// exchange, for another copy of this binder.
    Export {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "CHANGES.lsc")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Merge a change file from another copy of this binder.
    Import {
        file: PathBuf,
        changes: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Exchange through a folder every copy can reach (OneDrive, SharePoint,
    /// Nextcloud, a USB stick): import the others' files, write this copy's.
    Folder {
        file: PathBuf,
        dir: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Keep exchanging through a shared folder: now, and whenever another
    /// copy's file there changes or this copy changes (Ctrl-C stops).
    Watch {
        file: PathBuf,
        dir: PathBuf,
        #[command(flatten)]
        who: Who,
        /// How often to look, in seconds.
        #[arg(long, default_value_t = 10)]
        every: u64,
    },
    /// Pages with two versions kept side by side after an exchange.
    Conflicts {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict: keep the version in the book (mine) or the one set
    /// aside (theirs; for a deletion, delete the page).
    Resolve {
        file: PathBuf,
        /// The conflict's id (or its first few characters).
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "mine|theirs", value_parser = parse_keep)]
        keep: Keep,
        /// Who agreed, when the version kept shows the page to more people.
        #[arg(long)]
        consent: Option<String>,
    },
}

#[derive(Subcommand)]
enum SiblingsCommand {
    /// Make a new group code for a family of brothers and sisters (no
    /// binder needed): give the same code to each of their binders.
    NewCode,
    /// Link this binder to its brothers' and sisters' with the family's code.
    Link {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        /// The group code, e.g. 7KQM-2XHT-R9PA-F3DW.
        #[arg(long)]
        code: String,
    },
    /// Forget the group code (pages already offered or imported stay).
    Unlink {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
    },
    /// Show the group code this binder is linked to.
    Show {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
    },
    /// Offer a page (with its pictures) to the brothers and sisters: writes
    /// an encrypted file their carers can import, and marks the page as
    /// shared with them.
    Offer {
        file: PathBuf,
        /// The page's id (or its first few characters).
        id: String,
        #[command(flatten)]
        who: Who,
        #[arg(long, value_name = "PAGE.lsp")]
        out: PathBuf,
        /// How the young person agreed to sharing it with their brothers and sisters.
        #[arg(long)]
        consent: Option<String>,
        /// Needed for a page marked sensitive: the young person was asked.
        #[arg(long)]
        confirm_sensitive: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show what an offered page holds, without importing it.
    Preview {
        file: PathBuf,
        offer: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
    /// Add an offered page to this binder (twice is harmless).
    Import {
        file: PathBuf,
        offer: PathBuf,
        #[command(flatten)]
        who: Who,
        /// Who else here may see it, e.g. young-person (brothers and sisters
        /// and your own role always can).
        #[arg(long, value_name = "AUD,…")]
        share: Option<String>,
        /// How the young person here agreed.
        #[arg(long)]
        consent: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_keep(s: &str) -> Result<Keep, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "mine" | "current" => Ok(Keep::Current),
        "theirs" | "other" => Ok(Keep::Other),
        _ => Err("choose mine (the version in the book) or theirs (the version set aside)".into()),
    }
}

#[derive(Subcommand)]
enum SessionCommand {
    Start {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        /// Where it happens, e.g. "kitchen table".
        #[arg(long, default_value = "")]
        setting: String,
    },
    End {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        feeling: Option<Feeling>,
        #[arg(long, default_value = "")]
        note: String,
    },
    List {
        file: PathBuf,
        #[command(flatten)]
        who: Who,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct BodyText {
    /// The page's text (Markdown for a narrative).
    #[arg(long, conflicts_with = "body_file")]
    body: Option<String>,
    #[arg(long, value_name = "PATH")]
    body_file: Option<PathBuf>,
}

impl BodyText {
    fn read(&self) -> Result<Option<String>, Error> {
        match (&self.body, &self.body_file) {
            (Some(text), _) => Ok(Some(text.clone())),
            (None, Some(path)) => std::fs::read_to_string(path)
                .map(Some)
                .map_err(|e| Error::io(path, e)),
            (None, None) => Ok(None),
        }
    }
}

#[derive(Args)]
struct AddArgs {
    file: PathBuf,
    #[command(flatten)]
    who: Who,
    #[arg(long)]
    section: Section,
    #[arg(long, default_value = "narrative")]
    kind: lifestory::Kind,
    #[arg(long)]
    title: String,
    #[command(flatten)]
    body: BodyText,
    #[command(flatten)]
    sharing: Sharing,
    /// When it happened: 2019-06-14, June 2019, summer 2019…
    #[arg(long)]
    date: Option<String>,
    /// A later-life letter: nobody can open it before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    sealed_until: Option<String>,
    /// Place pages: home, placement, school, country, hospital, event, other.
    #[arg(long, default_value = "home")]
    place_kind: lifestory::PlaceKind,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// Person pages: e.g. "nan", "best friend", "dog".
    #[arg(long, default_value = "")]
    relationship: String,
    /// Person pages: closest, close or further.
    #[arg(long, default_value = "close")]
    closeness: lifestory::Closeness,
    #[arg(long)]
    pet: bool,
    /// Identity pages: ethnicity, culture, religion, languages, disability, sexual-identity, gender.
    #[arg(long)]
    field: Option<IdentityField>,
    /// The prompt this page answers (an id from `lifestory prompts`).
    #[arg(long)]
    prompt: Option<String>,
}

#[derive(Args)]
struct PhotoArgs {
    file: PathBuf,
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<PathBuf>,
    #[command(flatten)]
    who: Who,
    /// The section for new picture pages.
    #[arg(long, required_unless_present = "attach")]
    section: Option<Section>,
    /// Attach to this existing page instead (it keeps its audience).
    #[arg(long, value_name = "ENTRY_ID", conflicts_with_all = ["section", "share", "consent", "sensitive"])]
    attach: Option<String>,
    #[arg(long, default_value = "")]
    caption: String,
    #[command(flatten)]
    sharing: Sharing,
    #[arg(long)]
    json: bool,
}

/// Who may see a new page, and how the young person agreed.
#[derive(Args)]
struct Sharing {
    /// Who else may see it, e.g. young-person,social-worker.
    #[arg(long, value_name = "AUD,…")]
    share: Option<String>,
    /// How the young person agreed to the sharing.
    #[arg(long)]
    consent: Option<String>,
    #[arg(long)]
    sensitive: bool,
}

impl Sharing {
    /// Apply to a page about to be added.
    fn onto(&self, mut page: NewEntry) -> Result<NewEntry, Error> {
        page.share = audience(self.share.as_deref())?;
        page.consent = self.consent.clone();
        page.sensitive = self.sensitive;
        Ok(page)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lifestory: {e}");
            if matches!(e, Error::WeakPassphrase) {
                eprintln!("For example (made up just now, never stored): {}", lifestory::passphrase::suggestion());
            }
            ExitCode::FAILURE
        }
    }
}

fn audience(s: Option<&str>) -> Result<Audience, Error> {
    s.map(Audience::parse_list).transpose().map(Option::unwrap_or_default)
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::New { file, child, member, role, recovery_sheet, json } => {
            let passphrase = passphrase::new_for(&member)?;
            let (binder, recovery) = Binder::create(
                &file,
                NewBinder { child_name: &child, member_name: &member, role, passphrase, cost: KeyCost::NORMAL },
            )?;
            if let Some(path) = &recovery_sheet {
                binder.write_recovery_sheet(path, &recovery)?;
            }
            output::created(&file, &recovery, recovery_sheet.as_deref(), json);
        }
        Command::Member(MemberCommand::Add { file, who, name, role, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            let passphrase = passphrase::new_for(&name)?;
            let added = binder.add_member(&keys, &name, role, &passphrase, KeyCost::NORMAL)?;
            output::member_added(&added, json);
        }
        Command::Member(MemberCommand::List { file, json }) => {
            output::members(&Binder::open(&file)?.members()?, json);
        }
        Command::Member(MemberCommand::Remove { file, who, name }) => {
            let (binder, keys) = unlock(&file, &who)?;
            let removed = binder.remove_member(&keys, &name)?;
            output::removed(&removed);
        }
        Command::Member(MemberCommand::Approve { file, who, name }) => {
            let (binder, keys) = unlock(&file, &who)?;
            let approved = binder.approve_member(&keys, &name)?;
            println!("{} can now unlock this binder.", approved.name);
        }
        Command::Member(MemberCommand::Verify { file }) => {
            let binder = Binder::open(&file)?;
            match binder.integrity()? {
                lifestory::Integrity::Signed { links, members, pages, refused_pages } => {
                    println!("Membership verified: {links} signed links from the first, {members} members.");
                    println!("Pages: {pages} signed by a member the rules let; {refused_pages} not (not shown; `check` names them).");
                    for (member, by) in binder.admitted_by()? {
                        let name = binder.members()?.into_iter().find(|m| m.id == member).map_or(member, |m| m.name);
                        match by {
                            lifestory::AddedBy::Started => println!("  {name}, who started the binder"),
                            lifestory::AddedBy::Recovery => println!("  {name}, added by the recovery key"),
                            lifestory::AddedBy::Member { name: by } => println!("  {name}, added by {by}"),
                        }
                    }
                }
                lifestory::Integrity::Unsigned => println!("This binder was made before membership was signed: it has no membership log to check."),
            }
        }
        Command::Rotate { file, who, role, json } => {
            let binder = Binder::open(&file)?;
            let (keys, passphrase) = unlock_keeping_passphrase(&binder, &who)?;
            let report = binder.rotate(&keys, role, passphrase.as_ref(), KeyCost::NORMAL)?;
            output::rotated(&report, json);
        }
        Command::Add(args) => {
            let (binder, keys) = unlock(&args.file, &args.who)?;
            let new = new_entry(&args)?;
            println!("{}", binder.add_entry(&keys, new)?);
        }
        Command::List { file, who, section, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let listing = binder.list(&keys, section)?;
            output::listing(&listing, json);
            if !listing.damaged.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Show { file, id, who, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            output::entry(&binder.show(&keys, &id)?, json);
            if !json {
                output::pictures(&binder.pictures(&keys, &id)?, false);
            }
        }
        Command::Edit { file, id, who, title, body, date, sensitive } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            let mut edit = EntryEdit { title, sensitive, ..EntryEdit::default() };
            if let Some(text) = body.read()? {
                let current = binder.show(&keys, &id)?.body;
                edit.body = Some(current.with_text(text));
            }
            if let Some(d) = date {
                edit.date = Some(if d.trim().is_empty() { None } else { Some(ApproxDate::parse(&d)?) });
            }
            binder.edit(&keys, &id, edit)?;
            println!("Saved.");
        }
        Command::Move { file, id, who, section, to } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            binder.move_entry(&keys, &id, section, to)?;
            println!("Moved.");
        }
        Command::Delete { file, id, who } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            binder.delete(&keys, &id)?;
            println!("Deleted.");
        }
        Command::Share { file, id, who, add, remove, consent, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            let record = binder.share(&keys, &id, audience(add.as_deref())?, audience(remove.as_deref())?, consent)?;
            output::shared(record.as_ref(), json);
        }
        Command::Photo(args) => return photo(args),
        Command::Picture { file, id, who, out, size } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_picture(&id)?;
            let copy = binder.picture_copy(&keys, &id, size)?;
            output::write_new_file(&out, &copy.bytes)?;
            println!("Wrote {} ({size} copy, {} × {}, {}).", out.display(), copy.width, copy.height, copy.mime);
        }
        Command::ExportHtml { file, who, out } => {
            let (binder, keys) = unlock(&file, &who)?;
            let report = binder.export_html(&keys, &out)?;
            println!(
                "Wrote {} page(s) and {} picture(s) to {}. Open index.html in a browser. It is not encrypted: keep it somewhere safe.",
                report.pages,
                report.pictures,
                out.display()
            );
        }
        Command::Prompts { file, who, age, lang, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let age = match age {
                Some(years) => Some(years),
                None => binder.profile(&keys)?.age_today(),
            };
            let prompts = binder.prompts(&keys, lang, age.map(lifestory::prompts::AgeBand::for_age))?;
            output::prompts(&prompts, json);
        }
        Command::CheckLanguage { file, who, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            output::language(&binder.check_language(&keys)?, json);
        }
        Command::Export { file, who, audience, out, since_last_print, sections, include_sensitive, one_sided, lang, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let options = BookOptions {
                audience: audience.parse()?,
                since_last_print,
                sections,
                include_sensitive,
                sides: if one_sided { Sides::One } else { Sides::Two },
                lang,
            };
            let report = binder.export_book(&keys, &options, &out, &mut output::book_progress)?;
            output::book(&report, json);
        }
        Command::Handover { file, who, out, name, recovery_sheet } => {
            let (binder, keys) = unlock(&file, &who)?;
            let passphrase = passphrase::new_for(&name)?;
            let to = lifestory::handover::HandoverTo { member_name: &name, passphrase, cost: KeyCost::NORMAL };
            let made = binder.handover(&keys, &out, to)?;
            if let Some(path) = &recovery_sheet {
                Binder::open(&made.binder)?.write_recovery_sheet(path, &made.recovery)?;
            }
            output::handed_over(&made, recovery_sheet.as_deref());
        }
        Command::Backup { file, to, keep } => {
            let path = Binder::open(&file)?.backup(to.as_deref(), keep)?;
            println!("Backed up to {}.", path.display());
        }
        Command::Backups { file, to } => {
            for path in lifestory::backup::backups(&file, to.as_deref())? {
                println!("{}", path.display());
            }
        }
        Command::Restore { backup, file } => {
            let restored = lifestory::backup::restore(&backup, &file)?;
            println!("Restored {} from {}.", file.display(), backup.display());
            if let Some(aside) = restored.set_aside {
                println!("The binder that was there is kept as {}.", aside.display());
            }
        }
        Command::Ledger { file, who, entry, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let entry = entry.map(|e| binder.resolve_id(&e)).transpose()?;
            output::ledger(&binder.ledger(&keys, entry.as_deref())?, json);
        }
        Command::Session(SessionCommand::Start { file, who, setting }) => {
            let (binder, keys) = unlock(&file, &who)?;
            binder.start_session(&keys, &setting)?;
            println!("Session started. Pages added now belong to it; end it with `lifestory session end`.");
        }
        Command::Session(SessionCommand::End { file, who, feeling, note }) => {
            let (binder, keys) = unlock(&file, &who)?;
            let ended = binder.end_session_backed_up(&keys, feeling, &note)?;
            println!("Session ended: {} page(s) added.", ended.session.pages_added);
            if let Some(path) = &ended.backup {
                println!("Backed up to {path}.");
            }
            if let Some(e) = &ended.backup_failed {
                eprintln!("lifestory: the session is saved, but the backup failed: {e}");
            }
        }
        Command::Session(SessionCommand::List { file, who, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            output::sessions(&binder.sessions(&keys)?, json);
        }
        Command::Profile { file, who, preferred_name, pronouns, date_of_birth, book_title, cover_picture, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let mut profile: Profile = binder.profile(&keys)?;
            let changing = preferred_name.is_some() || pronouns.is_some() || date_of_birth.is_some() || book_title.is_some() || cover_picture.is_some();
            if let Some(t) = book_title {
                profile.book_title = Some(t).filter(|s| !s.trim().is_empty());
            }
            if let Some(p) = cover_picture {
                profile.cover_picture = if p.trim().is_empty() { None } else { Some(binder.resolve_picture(&p)?) };
            }
            let blank_is_none = |s: String| Some(s).filter(|s| !s.trim().is_empty());
            if let Some(p) = preferred_name {
                profile.preferred_name = blank_is_none(p);
            }
            if let Some(p) = pronouns {
                profile.pronouns = blank_is_none(p);
            }
            if let Some(d) = date_of_birth {
                profile.date_of_birth = blank_is_none(d);
            }
            if changing {
                binder.set_profile(&keys, &profile)?;
            }
            output::profile(&profile, json);
        }
        Command::Sync(SyncCommand::Export { file, who, out, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            output::exported(&binder.sync_export(&keys, &out)?, json);
        }
        Command::Sync(SyncCommand::Import { file, changes, who, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            output::imported(&binder.sync_import(&keys, &changes)?, json);
        }
        Command::Sync(SyncCommand::Folder { file, dir, who, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            let done = binder.exchange_folder(&keys, &dir)?;
            output::folder_exchanged(&done, json);
            if !done.refused.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Sync(SyncCommand::Watch { file, dir, who, every }) => {
            let (binder, keys) = unlock(&file, &who)?;
            println!("Watching {} (every {every} s; Ctrl-C stops).", dir.display());
            binder.watch_folder(&keys, &dir, std::time::Duration::from_secs(every.max(1)), &|| false, &mut |done| match done {
                Ok(done) => output::folder_exchanged(&done, false),
                Err(e) => eprintln!("lifestory: {e} Trying again shortly."),
            })?;
        }
        Command::Sync(SyncCommand::Conflicts { file, who, json }) => {
            let (binder, keys) = unlock(&file, &who)?;
            output::conflicts(&binder.conflicts(&keys)?, json);
        }
        Command::Sync(SyncCommand::Resolve { file, id, who, keep, consent }) => {
            let (binder, keys) = unlock(&file, &who)?;
            binder.resolve_conflict(&keys, &id, keep, consent)?;
            println!("Settled. The other copies follow at the next exchange.");
        }
        Command::Siblings(command) => siblings(command)?,
        Command::Passphrase { file, member } => {
            let binder = Binder::open(&file)?;
            let old = passphrase::existing_for(&member)?;
            let new = passphrase::new_for(&member)?;
            binder.change_passphrase(&member, &old, &new, KeyCost::NORMAL)?;
            println!("{member}'s passphrase is changed. The old one no longer opens this binder (older backups keep it).");
        }
        Command::Check { file, json } => {
            let report = Binder::check(&file)?;
            output::check(&file, &report, json);
            if !report.problems.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn siblings(command: SiblingsCommand) -> Result<(), Error> {
    match command {
        SiblingsCommand::NewCode => output::group_code(&GroupCode::generate(), true),
        SiblingsCommand::Link { file, who, code } => {
            let (binder, keys) = unlock(&file, &who)?;
            let code = GroupCode::parse(&code)?;
            binder.link_siblings(&keys, &code)?;
            output::group_code(&code, false);
        }
        SiblingsCommand::Unlink { file, who } => {
            let (binder, keys) = unlock(&file, &who)?;
            binder.unlink_siblings(&keys)?;
            println!("Unlinked. Pages already offered or imported stay where they are.");
        }
        SiblingsCommand::Show { file, who } => {
            let (binder, keys) = unlock(&file, &who)?;
            match binder.sibling_group(&keys)? {
                Some(code) => output::group_code(&code, false),
                None => println!("Not linked to any brothers' or sisters' binders. `lifestory siblings link` links it."),
            }
        }
        SiblingsCommand::Offer { file, id, who, out, consent, confirm_sensitive, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let id = binder.resolve_id(&id)?;
            let offered = binder.offer_to_siblings(&keys, &id, Offer { consent, confirm_sensitive }, KeyCost::NORMAL, &out)?;
            output::offered(&offered, json);
        }
        SiblingsCommand::Preview { file, offer, who, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            output::offer_preview(&binder.preview_sibling_offer(&keys, &read_offer_file(&offer)?)?, json);
        }
        SiblingsCommand::Import { file, offer, who, share, consent, json } => {
            let (binder, keys) = unlock(&file, &who)?;
            let share = audience(share.as_deref())?;
            output::from_sibling(&binder.import_from_sibling(&keys, &read_offer_file(&offer)?, share, consent)?, json);
        }
    }
    Ok(())
}

/// Import each image in turn; one failure does not stop the others.
fn photo(args: PhotoArgs) -> Result<ExitCode, Error> {
    let (binder, keys) = unlock(&args.file, &args.who)?;
    let attach = args.attach.as_deref().map(|id| binder.resolve_id(id)).transpose()?;
    audience(args.sharing.share.as_deref())?; // a typo in --share stops before any import
    let mut progress = output::Progress::new(args.images.len(), args.json);
    for path in &args.images {
        progress.start(path);
        let result = lifestory::picture::read_image_file(path).and_then(|bytes| match (&attach, args.section) {
            (Some(entry), _) => binder.attach_picture(&keys, entry, &bytes, &args.caption).map(|picture| (entry.clone(), picture)),
            (None, Some(section)) => {
                let page = args.sharing.onto(NewEntry::picture(section, &args.caption))?;
                binder.add_picture(&keys, page, &bytes, &args.caption).map(|a| (a.entry_id, a.picture_id))
            }
            (None, None) => Err(Error::usage("Say which section with --section, or --attach to a page.")),
        });
        progress.done(path, result);
    }
    Ok(if progress.finish() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn new_entry(args: &AddArgs) -> Result<NewEntry, Error> {
    let text = args.body.read()?.unwrap_or_default();
    let body = match args.kind {
        lifestory::Kind::Narrative => Body::Narrative { markdown: text },
        lifestory::Kind::Place => Body::Place {
            place: args.place_kind,
            from: parse_date(args.from.as_deref())?,
            to: parse_date(args.to.as_deref())?,
            why: text,
        },
        lifestory::Kind::Person => Body::Person {
            relationship: args.relationship.clone(),
            closeness: args.closeness,
            pet: args.pet,
            note: text,
        },
        lifestory::Kind::Identity => Body::Identity {
            field: args.field.ok_or_else(|| Error::usage("An identity page needs --field (e.g. --field languages)."))?,
            text,
        },
        lifestory::Kind::Picture => {
            return Err(Error::usage("Pictures are added with `lifestory photo`."))
        }
    };
    let mut new = args.sharing.onto(NewEntry::new(args.section, args.title.clone(), body))?;
    new.date = parse_date(args.date.as_deref())?;
    new.prompt = args.prompt.clone();
    new.sealed_until = args.sealed_until.as_deref().map(lifestory::date::parse_day).transpose()?;
    Ok(new)
}

fn parse_date(s: Option<&str>) -> Result<Option<ApproxDate>, Error> {
    s.map(ApproxDate::parse).transpose()
}

fn unlock(file: &Path, who: &Who) -> Result<(Binder, Keyring), Error> {
    let binder = Binder::open(file)?;
    let (keys, _) = unlock_keeping_passphrase(&binder, who)?;
    Ok((binder, keys))
}

fn unlock_keeping_passphrase(binder: &Binder, who: &Who) -> Result<(Keyring, Option<SecretString>), Error> {
    match (&who.member, &who.recovery_key_file) {
        (_, Some(path)) => {
            let text = zeroize::Zeroizing::new(
                std::fs::read_to_string(path)
                    .map_err(|e| Error::io(path, e))?,
            );
            Ok((binder.unlock_with_recovery(&RecoveryKey::parse(&text)?)?, None))
        }
        (Some(member), None) => {
            let passphrase = passphrase::existing_for(member)?;
            Ok((binder.unlock_guarded(member, &passphrase)?, Some(passphrase)))
        }
        (None, None) => Err(Error::usage("Say who you are with --as NAME.")),
    }
}

mod passphrase {
    use std::io::IsTerminal;

    use lifestory::{Error, SecretString};

    fn from_env(var: &str) -> Option<SecretString> {
        std::env::var(var).ok().map(SecretString::from)
    }

    fn no_terminal(var: &str) -> Error {
        Error::usage(format!("No passphrase: run this in a terminal, or set {var} for scripts."))
    }

    /// The `--as` member's passphrase.
    pub fn existing_for(member: &str) -> Result<SecretString, Error> {
        if let Some(p) = from_env("LIFESTORY_PASSPHRASE") {
            return Ok(p);
        }
        if !std::io::stdin().is_terminal() {
            return Err(no_terminal("LIFESTORY_PASSPHRASE"));
        }
        rpassword::prompt_password(format!("Passphrase for {member}: "))
            .map(SecretString::from)
            .map_err(|_| no_terminal("LIFESTORY_PASSPHRASE"))
    }

    /// A passphrase for a member being created, asked twice on a terminal.
    pub fn new_for(member: &str) -> Result<SecretString, Error> {
        if let Some(p) = from_env("LIFESTORY_NEW_PASSPHRASE") {
            return Ok(p);
        }
        if !std::io::stdin().is_terminal() {
            return Err(no_terminal("LIFESTORY_NEW_PASSPHRASE"));
        }
        let first = zeroize::Zeroizing::new(
            rpassword::prompt_password(format!("Choose a passphrase for {member}: "))
                .map_err(|_| no_terminal("LIFESTORY_NEW_PASSPHRASE"))?,
        );
        let again = zeroize::Zeroizing::new(
            rpassword::prompt_password("Type it again: ").map_err(|_| no_terminal("LIFESTORY_NEW_PASSPHRASE"))?,
        );
        if *first != *again {
            return Err(Error::usage("The two passphrases were different. Nothing was changed."));
        }
        Ok(SecretString::from(first.to_string()))
    }
}
