//! Who may change a page: the one table of it, asked by local writes, by a
//! reader checking a page's signatures, and by sync import.
//!
//! | act                                   | may                                   |
//! |---------------------------------------|---------------------------------------|
//! | write a new page                      | any member                            |
//! | edit its words, date, flags, letter   | its author; any social worker; the    |
//! |                                       | recovery key                          |
//! | share it, move it to another section, | its author; any social worker; any    |
//! | add or change its pictures            | young person; the recovery key        |
//! | delete it                             | its author; any social worker; the    |
//! |                                       | recovery key                          |
//! | reorder it within its section         | anyone who can see it (unsigned)      |
//!
//! Why: the words are the author's, and a page shows who wrote it, so only
//! they change them, and the social worker who oversees the book (whose
//! edit is signed as hers: the page says who last changed it), or the
//! agency with the recovery sheet. A carer cannot change another carer's
//! words, today's or last year's. The young person decides who sees their
//! book, so may share any page they can read (sharing needs the page's
//! key); the social worker may share and take a page out of the book.
//! Order in a section is not signed: it changes no one's words and no one's
//! consent.
//!
//! Membership has its own table ([`crate::membership`]).

use crate::audience::Role;

/// What is done to a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageAct {
    Edit,
    Share,
    Delete,
}

impl PageAct {
    /// The act as error codes and the window name it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PageAct::Edit => "edit",
            PageAct::Share => "share",
            PageAct::Delete => "delete",
        }
    }
}

/// Who is doing it: a member (id and role) or the recovery key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Acting<'a> {
    Recovery,
    Member { id: &'a str, role: Role },
}

/// Whether `who` may do `act` to a page whose author (its content's signer)
/// is `author` (`None`: the recovery key wrote it).
pub(crate) fn may(act: PageAct, who: Acting<'_>, author: Option<&str>) -> bool {
    let Acting::Member { id, role } = who else { return true };
    if author == Some(id) {
        return true;
    }
    match act {
        PageAct::Edit => role == Role::SocialWorker,
        PageAct::Share => matches!(role, Role::SocialWorker | Role::YoungPerson),
        PageAct::Delete => role == Role::SocialWorker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (act, role of the one acting, are they the author, allowed)
    const TABLE: &[(PageAct, Role, bool, bool)] = &[
        (PageAct::Edit, Role::Carer, true, true),
        (PageAct::Edit, Role::Carer, false, false),
        (PageAct::Edit, Role::SocialWorker, false, true),
        (PageAct::Edit, Role::YoungPerson, false, false),
        (PageAct::Share, Role::Carer, true, true),
        (PageAct::Share, Role::Carer, false, false),
        (PageAct::Share, Role::SocialWorker, false, true),
        (PageAct::Share, Role::YoungPerson, false, true),
        (PageAct::Delete, Role::Carer, false, false),
        (PageAct::Delete, Role::YoungPerson, false, false),
        (PageAct::Delete, Role::YoungPerson, true, true),
        (PageAct::Delete, Role::SocialWorker, false, true),
    ];

    #[test]
    fn the_table_is_what_the_rules_say() {
        for &(act, role, is_author, allowed) in TABLE {
            let author = if is_author { Some("me") } else { Some("someone else") };
            assert_eq!(may(act, Acting::Member { id: "me", role }, author), allowed, "{act:?} by {role:?}, author: {is_author}");
        }
        for act in [PageAct::Edit, PageAct::Share, PageAct::Delete] {
            assert!(may(act, Acting::Recovery, Some("anyone")));
        }
        assert!(!may(PageAct::Edit, Acting::Member { id: "me", role: Role::Carer }, None));
    }
}
