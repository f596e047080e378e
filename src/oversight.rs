//! What a social worker needs at a glance: what changed since they last
//! looked and by whom, the background pages still waiting for the young
//! person's consent, and how regular the sessions are.
//!
//! Only pages the reader can already decrypt are listed; authors and times
//! come from the plaintext row (`entries.author`, `updated_at`), so nothing
//! here needs more than [`Binder::list`] already opened.

use std::collections::HashMap;

use serde::Serialize;

use crate::audience::{Party, Role};
use crate::binder::Binder;
use crate::store::now;
use crate::entry::EntrySummary;
use crate::error::Result;
use crate::keys::Keyring;
use crate::session::SessionLog;

/// One page added or changed since the reader last looked.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Change {
    pub page: EntrySummary,
    /// Who wrote the page; `None` when that member has since been removed.
    pub by: Option<String>,
    pub by_role: Option<Role>,
    /// True when the page was added (not only changed) since then.
    pub added: bool,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Oversight {
    /// When this member last marked everything as seen; `None` the first time.
    pub since: Option<String>,
    /// Newest first.
    pub changes: Vec<Change>,
    /// Pages a social worker wrote that the young person cannot see yet.
    pub waiting_for_consent: Vec<EntrySummary>,
    pub sessions: SessionLog,
}

impl Binder {
    /// What changed since the unlocked member last called [`Binder::mark_seen`].
    pub fn oversight(&self, keys: &Keyring) -> Result<Oversight> {
        let listing = self.list(keys, None)?;
        let since = self.last_looked(keys)?;
        let mut authors: HashMap<String, (Option<String>, Option<Role>, String)> = HashMap::new();
        for page in self.db().page_authors()? {
            authors.insert(page.entry_id, (page.name, page.role, page.created_at));
        }
        let is_new = |at: &str| since.as_deref().is_none_or(|s| at > s);
        let mut changes: Vec<Change> = listing
            .entries
            .iter()
            .filter(|e| is_new(&e.updated_at))
            .map(|e| {
                let (by, by_role, created) = authors.get(&e.id).cloned().unwrap_or((None, None, String::new()));
                Change { page: e.clone(), by, by_role, added: is_new(&created) }
            })
            .collect();
        changes.sort_by(|a, b| b.page.updated_at.cmp(&a.page.updated_at));
        let waiting_for_consent = listing
            .entries
            .into_iter()
            .filter(|e| {
                !e.audience.contains(Party::YoungPerson)
                    && authors.get(&e.id).and_then(|a| a.1) == Some(Role::SocialWorker)
            })
            .collect();
        Ok(Oversight { since, changes, waiting_for_consent, sessions: self.sessions(keys)? })
    }

    /// Record that the unlocked member has seen everything up to now.
    pub fn mark_seen(&self, keys: &Keyring) -> Result<()> {
        self.ensure_ours(keys)?;
        if let Some(member) = keys.actor().member_id() {
            self.db().set_looked_at(member, &now())?;
        }
        Ok(())
    }

    fn last_looked(&self, keys: &Keyring) -> Result<Option<String>> {
        let Some(member) = keys.actor().member_id() else { return Ok(None) };
        self.db().looked_at(member)
    }
}
