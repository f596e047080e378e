//! Records a member signs: what exactly is signed for each kind, and how a
//! reader (or `check`, without keys) verifies it against the membership log.
//!
//! A statement is canonical JSON of the record's plaintext columns plus the
//! SHA-256 of each sealed value, so a signature covers what is stored
//! without anyone needing the keys that open it. The signer is named by the
//! record's own column (a member id, or none for the recovery key) and must
//! be, or have been, a member by the log: a removed member's old records
//! still verify, a stranger's never do.
//!
//! Signed: consent ledger rows (schema 9); page versions and page
//! deletions (schema 10). A page carries two signatures:
//!
//! * the **content proof**, by its author: the plaintext columns they
//!   decided (kind, dates, flags, session), the SHA-256 of the sealed body,
//!   and a MAC of the title keyed with the page's data key, so a reader
//!   who opens a key row knows it holds the author's title and key (the
//!   key rows themselves are not signed: a forged one is caught when read);
//! * the **sharing proof**, by whoever last set its audience or section
//!   (or changed anything): audience, section, `updated_at`, the hash of
//!   the content proof's signature, tying it to that version, and (since
//!   pages are given new keys: v2) a MAC of the title keyed with the
//!   page's *current* data key, the one anything new is sealed to. The
//!   words may still be sealed to an earlier key (a young person may
//!   narrow a page but not sign its words), so the content proof's MAC
//!   may name an earlier one.
//!
//! Who may sign what is [`crate::authority`]. The page's position in its
//! section is not signed.
//!
//! Sessions and the profile (schema 12), pictures and their removals,
//! print records and settings (schema 13) are signed too ([`records`]).

use std::collections::HashSet;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audience::Role;
use crate::authority::{self, Acting, PageAct};
use crate::membership::Membership;
use crate::signing::{self, Purpose, PublicKey, SigningKey};
use crate::store::{Db, EntryRow, LedgerRow};

mod proof;
pub(crate) mod records;

use proof::{digest, parse, signer, unhex};

/// What a consent ledger row's signature covers.
#[derive(Serialize)]
struct ConsentStatement<'a> {
    v: u8,
    binder: &'a str,
    entry: &'a str,
    at: &'a str,
    member: Option<&'a str>,
    before: i64,
    after: i64,
    /// SHA-256 of the sealed note.
    note: String,
}

fn consent_statement(binder_id: &str, row: &LedgerRow) -> Vec<u8> {
    let statement = ConsentStatement {
        v: 1,
        binder: binder_id,
        entry: &row.entry_id,
        at: &row.at,
        member: row.member.as_deref(),
        before: row.before,
        after: row.after,
        note: digest(&row.note),
    };
    serde_json::to_vec(&statement).expect("statements always serialise")
}

/// Sign a consent row as its member (the row's `member` must be theirs).
pub(crate) fn sign_consent(binder_id: &str, row: &LedgerRow, key: &SigningKey) -> Vec<u8> {
    key.sign(Purpose::ConsentRecord, &consent_statement(binder_id, row)).to_vec()
}

/// Whether a consent row is signed by the member it names.
pub(crate) fn consent_verifies(state: &Membership, binder_id: &str, row: &LedgerRow) -> bool {
    let Some(signature) = row.signature.as_deref() else { return false };
    signer(state, row.member.as_deref())
        .is_some_and(|(key, _)| key.verifies(Purpose::ConsentRecord, &consent_statement(binder_id, row), signature))
}

/// For `check`: each signed record that does not verify.
pub(crate) fn problems(db: Db<'_>, binder_id: &str, state: &Membership) -> crate::error::Result<Vec<String>> {
    let mut problems = Vec::new();
    for row in db.ledger_rows(None)? {
        if !consent_verifies(state, binder_id, &row) {
            problems.push(format!(
                "Consent record {} (of page {}) is not signed by a member: it was added outside the app, and is not shown.",
                row.seq,
                crate::page::page_name(&row.entry_id)
            ));
        }
    }
    for row in db.sessions()? {
        let body = db.session_body(&row.id)?;
        if let Err(why) = records::problem(state, binder_id, &records::Record::Session(row.facts(&body)), row.proof.as_deref()) {
            // Not sliced: the time came from the file.
            let day: String = row.started_at.chars().take(10).collect();
            problems.push(format!("The session of {day}: {why}. It is not listed."));
        }
    }
    if let Err(why) = records::problem(state, binder_id, &records::Record::Profile(&db.profile_blob()?), db.profile_proof()?.as_deref()) {
        problems.push(format!("The child's profile: {why}. It is not shown."));
    }
    for row in db.prints(None)? {
        if let Err(why) = records::problem(state, binder_id, &records::Record::Print(row.facts()), row.proof.as_deref()) {
            let day: String = row.at.chars().take(10).collect(); // not sliced: it came from the file
            problems.push(format!("The print record of {day}: {why}. A refill does not count it."));
        }
    }
    for (member, sealed, proof) in db.all_preferences()? {
        if let Err(why) = records::problem(state, binder_id, &records::Record::Preferences { member: &member, sealed: &sealed }, proof.as_deref()) {
            let name = state.member_name(&member).unwrap_or("a member");
            problems.push(format!("{name}'s settings: {why}. The defaults are used."));
        }
    }
    for id in db.entry_ids()? {
        let Ok(Some(row)) = db.entry(&id) else { continue }; // the store's own check names it
        let facts = row.facts();
        let proven = page_problem(state, binder_id, &facts);
        let why = match &proven {
            Err(why) => Some(*why),
            Ok(_) if db.entry_body_len(&id)? > crate::keys::MAX_BLOB as i64 => Some("its body is far bigger than this app writes"),
            Ok(proven) if body_digest(&db.entry_body(&id)?) != proven.content.body => Some("its words were replaced after they were signed"),
            Ok(_) => None,
        };
        if let Some(why) = why {
            problems.push(format!("{}: {why}. It is not shown.", crate::page::page_name(&id)));
        }
        let author = proven.as_ref().map_or(records::PageAuthor::Unknown, |p| records::PageAuthor::Known(p.author()));
        for picture in db.pictures_on(&id)? {
            let facts = records::PictureFacts { id: &picture.id, entry: &id, info: &picture.info };
            let removal = db.tombstone_with_proof("picture", &picture.id)?.and_then(|(_, proof)| proof);
            let why = records::problem(state, binder_id, &records::Record::Picture(facts, author), picture.proof.as_deref()).err().or_else(|| {
                records::removed_for_good(state, binder_id, &picture.id, &id, author, removal.as_deref())
                    .then_some("it was removed, and put back outside the app")
            });
            if let Some(why) = why {
                let (picture, page) = (crate::page::picture_name(&picture.id), crate::page::page_name(&id));
                problems.push(format!("{picture} on {page}: {why}. It is not shown."));
            }
        }
    }
    Ok(problems)
}

/// A page's facts as stored, from a row here or a version arriving.
pub(crate) struct PageFacts<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub section: &'a str,
    pub audience: i64,
    pub sensitive: bool,
    pub sealed_until: Option<&'a str>,
    pub sort_date: Option<&'a str>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub session_id: Option<&'a str>,
    pub content_proof: Option<&'a str>,
    pub sharing_proof: Option<&'a str>,
}

impl EntryRow {
    pub(crate) fn facts(&self) -> PageFacts<'_> {
        PageFacts {
            id: &self.id,
            kind: self.kind.as_str(),
            section: self.section.as_str(),
            audience: self.audience.bits(),
            sensitive: self.sensitive,
            sealed_until: self.sealed_until.as_deref(),
            sort_date: self.sort_date.as_deref(),
            created_at: &self.created_at,
            updated_at: &self.updated_at,
            session_id: self.session_id.as_deref(),
            content_proof: self.content_proof.as_deref(),
            sharing_proof: self.sharing_proof.as_deref(),
        }
    }
}

/// The author's signature, as stored in `entries.content_proof`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContentProof {
    /// Whose words the page is (the member who wrote it first): a member
    /// id, or none for the recovery key.
    pub author: Option<String>,
    /// Who signed this version: the author, or someone the rules let edit
    /// their page.
    pub by: Option<String>,
    /// SHA-256 of the sealed body, hex.
    pub body: String,
    /// [`key_mac`] of the page's data key and title, hex.
    pub key: String,
    pub sig: String,
}

/// The last sharer's signature, as stored in `entries.sharing_proof`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SharingProof {
    by: Option<String>,
    /// [`key_mac`] of the current data key and title (v2; none in v1
    /// proofs, whose current key is the one the content proof names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    /// v2: the membership log's key generation that key was made in, so
    /// nobody can mark an old key as newer than a rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    generation: Option<u64>,
    sig: String,
}

/// A page deleter's signature, as stored in `sync_tombstones.proof`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeletionProof {
    by: Option<String>,
    /// SHA-256 of the deleted version's content proof, hex.
    content: String,
    sig: String,
}

#[derive(Serialize)]
struct ContentStatement<'a> {
    v: u8,
    binder: &'a str,
    entry: &'a str,
    kind: &'a str,
    created_at: &'a str,
    session: Option<&'a str>,
    sort_date: Option<&'a str>,
    sensitive: bool,
    sealed_until: Option<&'a str>,
    author: Option<&'a str>,
    by: Option<&'a str>,
    body: &'a str,
    key: &'a str,
}

#[derive(Serialize)]
struct SharingStatement<'a> {
    v: u8,
    binder: &'a str,
    entry: &'a str,
    section: &'a str,
    audience: i64,
    updated_at: &'a str,
    by: Option<&'a str>,
    /// SHA-256 of the content proof, hex.
    content: String,
    /// v2 only: [`key_mac`] of the current data key, and its generation.
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generation: Option<u64>,
}

#[derive(Serialize)]
struct DeletionStatement<'a> {
    v: u8,
    binder: &'a str,
    entry: &'a str,
    by: Option<&'a str>,
    content: &'a str,
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("statements always serialise")
}

/// The hex SHA-256 of a sealed body, as a content proof names it.
pub(crate) fn body_digest(body: &[u8]) -> String {
    digest(body)
}

/// HMAC-SHA256, keyed with the page's data key (its `AGE-SECRET-KEY-1…`
/// text), of the title: only someone holding the key can make or check it.
pub(crate) fn key_mac(data_key: &str, title: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(data_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"lifestory page key v1\n");
    mac.update(title.as_bytes());
    signing::hex(&mac.finalize().into_bytes())
}

fn content_statement(binder: &str, page: &PageFacts<'_>, proof: &ContentProof) -> Vec<u8> {
    json(&ContentStatement {
        v: 1,
        binder,
        entry: page.id,
        kind: page.kind,
        created_at: page.created_at,
        session: page.session_id,
        sort_date: page.sort_date,
        sensitive: page.sensitive,
        sealed_until: page.sealed_until,
        author: proof.author.as_deref(),
        by: proof.by.as_deref(),
        body: &proof.body,
        key: &proof.key,
    })
}

fn sharing_statement(binder: &str, page: &PageFacts<'_>, content_proof: &str, by: Option<&str>, key: Option<(&str, u64)>) -> Vec<u8> {
    json(&SharingStatement {
        v: if key.is_some() { 2 } else { 1 },
        binder,
        entry: page.id,
        section: page.section,
        audience: page.audience,
        updated_at: page.updated_at,
        by,
        content: digest(content_proof.as_bytes()),
        key: key.map(|(mac, _)| mac),
        generation: key.map(|(_, generation)| generation),
    })
}

/// The content proof, signed by `by`, for a page of `author`'s whose
/// sealed body hashes to `body` and whose data key and title give `key`
/// ([`key_mac`]).
pub(crate) struct Words<'a> {
    pub author: Option<&'a str>,
    pub by: Option<&'a str>,
    pub body: String,
    pub key: String,
}

pub(crate) fn sign_content(binder: &str, page: &PageFacts<'_>, words: Words<'_>, signing_key: &SigningKey) -> String {
    let Words { author, by, body, key } = words;
    let mut proof = ContentProof { author: author.map(str::to_owned), by: by.map(str::to_owned), body, key, sig: String::new() };
    let signature = signing_key.sign(Purpose::PageContent, &content_statement(binder, page, &proof));
    proof.sig = signing::hex(&signature);
    serde_json::to_string(&proof).expect("proofs always serialise")
}

/// The sharer's proof for a page (its `content_proof` already the one
/// stored), naming its current data key by `key` ([`key_mac`]) and the
/// key generation it was made in.
pub(crate) fn sign_sharing(binder: &str, page: &PageFacts<'_>, by: Option<&str>, key: String, generation: u64, signing_key: &SigningKey) -> String {
    let content = page.content_proof.unwrap_or_default();
    let signature = signing_key.sign(Purpose::PageSharing, &sharing_statement(binder, page, content, by, Some((&key, generation))));
    let proof = SharingProof { by: by.map(str::to_owned), key: Some(key), generation: Some(generation), sig: signing::hex(&signature) };
    serde_json::to_string(&proof).expect("proofs always serialise")
}

/// How the rules see a signer.
fn acting<'a>(by: Option<&'a str>, role: Option<Role>) -> Acting<'a> {
    match (by, role) {
        (Some(id), Some(role)) => Acting::Member { id, role },
        _ => Acting::Recovery,
    }
}

/// What a page's verified signatures say.
#[derive(Clone)]
pub(crate) struct Proven {
    pub content: ContentProof,
    /// The author's role by the log (none: the recovery key).
    pub author_role: Option<Role>,
    /// The sharer's [`key_mac`] of the current data key (none: a v1
    /// proof, whose current key is the content proof's).
    pub current_key: Option<String>,
    /// The key generation the sharer signed for the current key (0 in v1).
    pub generation: u64,
}

impl Proven {
    pub fn author(&self) -> Option<&str> {
        self.content.author.as_deref()
    }
}

/// Why a page's signatures do not hold, for `check` and for messages.
pub(crate) fn page_problem(state: &Membership, binder: &str, page: &PageFacts<'_>) -> std::result::Result<Proven, &'static str> {
    let content_text = page.content_proof.ok_or("it is not signed")?;
    let content: ContentProof = parse(content_text).ok_or("its signature is unreadable")?;
    let (_, author_role) = signer(state, content.author.as_deref()).ok_or("its author is not a member")?;
    let (editor_key, editor_role) = signer(state, content.by.as_deref()).ok_or("it is signed by someone who is not a member")?;
    let verifies = |key: &PublicKey, purpose, statement: &[u8], sig: &str| unhex(sig).is_some_and(|sig| key.verifies(purpose, statement, &sig));
    if !verifies(&editor_key, Purpose::PageContent, &content_statement(binder, page, &content), &content.sig) {
        return Err("its words are not signed by the member it names");
    }
    if !authority::may(PageAct::Edit, acting(content.by.as_deref(), editor_role), content.author.as_deref()) {
        return Err("its words were changed by someone the rules do not let");
    }
    let sharing: SharingProof = page.sharing_proof.and_then(parse).ok_or("who may see it is not signed")?;
    let (sharer_key, sharer_role) = signer(state, sharing.by.as_deref()).ok_or("who may see it was set by someone who is not a member")?;
    let key = match (sharing.key.as_deref(), sharing.generation) {
        (Some(mac), Some(generation)) => Some((mac, generation)),
        (None, None) => None,
        _ => return Err("who may see it is not signed as this app signs it"),
    };
    let statement = sharing_statement(binder, page, content_text, sharing.by.as_deref(), key);
    if !verifies(&sharer_key, Purpose::PageSharing, &statement, &sharing.sig) {
        return Err("who may see it is not signed by the member it names");
    }
    if !authority::may(PageAct::Share, acting(sharing.by.as_deref(), sharer_role), content.author.as_deref()) {
        return Err("who may see it was changed by someone the rules do not let");
    }
    Ok(Proven { content, author_role, generation: sharing.generation.unwrap_or(0), current_key: sharing.key })
}

/// Pages whose signatures held, for as long as the binder is open: a
/// listing then checks each page once, not on every call. Keyed by the
/// SHA-256 of both proofs and the facts they cover.
#[derive(Default)]
pub(crate) struct Checked(std::sync::Mutex<HashSet<[u8; 32]>>);

fn check_key(binder: &str, page: &PageFacts<'_>) -> [u8; 32] {
    let mut hash = Sha256::new();
    for part in [
        binder,
        page.id,
        page.kind,
        page.section,
        &page.audience.to_string(),
        &page.sensitive.to_string(),
        page.sealed_until.unwrap_or("-"),
        page.sort_date.unwrap_or("-"),
        page.created_at,
        page.updated_at,
        page.session_id.unwrap_or("-"),
        page.content_proof.unwrap_or("-"),
        page.sharing_proof.unwrap_or("-"),
    ] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize().into()
}

impl Checked {
    /// [`page_problem`], remembered when it holds.
    pub(crate) fn page(&self, state: &Membership, binder: &str, page: &PageFacts<'_>) -> std::result::Result<Proven, &'static str> {
        let key = check_key(binder, page);
        let known = self.0.lock().unwrap_or_else(|p| p.into_inner()).contains(&key);
        if known {
            // Parsing again is microseconds; the signatures were the cost.
            let content: ContentProof = page.content_proof.and_then(parse).ok_or("its signature is unreadable")?;
            let author_role = signer(state, content.author.as_deref()).and_then(|(_, role)| role);
            let sharing: SharingProof = page.sharing_proof.and_then(parse).ok_or("who may see it is not signed")?;
            return Ok(Proven { content, author_role, generation: sharing.generation.unwrap_or(0), current_key: sharing.key });
        }
        let proven = page_problem(state, binder, page)?;
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(key);
        Ok(proven)
    }
}

/// The deleter's proof for a page whose content proof was `content_proof`.
pub(crate) fn sign_deletion(binder: &str, entry: &str, content_proof: &str, by: Option<&str>, signing_key: &SigningKey) -> String {
    let content = digest(content_proof.as_bytes());
    let statement = json(&DeletionStatement { v: 1, binder, entry, by, content: &content });
    let sig = signing::hex(&signing_key.sign(Purpose::PageDeletion, &statement));
    serde_json::to_string(&DeletionProof { by: by.map(str::to_owned), content, sig }).expect("proofs always serialise")
}

/// The hex SHA-256 of a content proof, as a deletion names the version it saw.
pub(crate) fn digest_of(content_proof: &str) -> String {
    digest(content_proof.as_bytes())
}

/// If `proof` is a deletion of page `entry` signed by someone the rules
/// let delete a page by `author`: the [`digest_of`] the version it saw.
pub(crate) fn deletion_signed(state: &Membership, binder: &str, entry: &str, proof: Option<&str>, author: Option<&str>) -> Option<String> {
    let proof = proof.and_then(parse::<DeletionProof>)?;
    let (key, role) = signer(state, proof.by.as_deref())?;
    let statement = json(&DeletionStatement { v: 1, binder, entry, by: proof.by.as_deref(), content: &proof.content });
    let signed = unhex(&proof.sig).is_some_and(|sig| key.verifies(Purpose::PageDeletion, &statement, &sig));
    (signed && authority::may(PageAct::Delete, acting(proof.by.as_deref(), role), author)).then_some(proof.content)
}
