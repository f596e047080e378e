// Every word the window shows, in English. `cy.ts` has the same keys in
// Welsh (TypeScript refuses a missing or extra one). Messages that take a
// name or a count are functions. A command's error is worded here too, by
// its code, from its data (`errors`, see errors.ts); the core's own English
// is for the command line.
import type { Closeness } from "../../bindings/Closeness";
import type { Feeling } from "../../bindings/Feeling";
import type { IdentityField } from "../../bindings/IdentityField";
import type { Kind } from "../../bindings/Kind";
import type { Party } from "../../bindings/Party";
import type { PlaceKind } from "../../bindings/PlaceKind";
import type { Role } from "../../bindings/Role";
import type { Section } from "../../bindings/Section";
import type { TextSize } from "../../bindings/TextSize";
import type { ErrorWords } from "./errors";
import { andEn, plural } from "./plural";

const count = (n: number, one: string, many: string) => plural("en", n, { one: `${n} ${one}`, other: `${n} ${many}` });

const kinds = {
  narrative: "Words",
  picture: "Pictures",
  person: "A person or pet",
  place: "A place or time",
  identity: "All about me",
} satisfies Record<Kind, string>;

const roles = {
  "young-person": "young person",
  carer: "carer",
  "social-worker": "social worker",
} satisfies Record<Role, string>;

/** A party inside a sentence: "sharing with the carer and school". */
const partyWords: Record<Party, string> = {
  "young-person": "the young person",
  carer: "the carer",
  "social-worker": "the social worker",
  school: "school",
  "birth-family": "birth family",
  siblings: "brothers and sisters",
};
const role = (key: string) => roles[key as Role] ?? key;
const party = (key: string) => partyWords[key as Party] ?? key;

/** What a command's failure says, by its code (see errors.ts). */
const errors: ErrorWords = {
  // The core's errors (src/error.rs).
  "wrong-passphrase": ({ member }) => `That passphrase doesn't open ${member}'s key. Check caps lock and try again.`,
  "wrong-recovery-key": "That recovery key belongs to a different binder. Check you picked the right recovery sheet.",
  "not-a-recovery-key": "That is not a recovery key. It should start with AGE-SECRET-KEY-1, as on the recovery sheet.",
  "unknown-member": ({ name }) => `No one called "${name}" can open this binder.`,
  "member-exists": ({ name }) => `There is already a member called "${name}". Choose another name.`,
  "not-a-binder": ({ path }) =>
    `${path} is not a Life Story binder, or is too damaged to recognise. Check you chose the right file; if you did, restore it from your latest backup.`,
  "newer-schema": ({ found, supported }) =>
    `This binder was saved by a newer version of Life Story Binder (format ${found}; this version reads up to ${supported}). Update the app to open it; nothing was changed.`,
  damaged: "This binder is damaged. Nothing was changed. Restore it from your latest backup; your passphrase or recovery key will open the backup.",
  tampered: "Part of this binder has been changed outside Life Story Binder, so it can't be trusted. Nothing was changed. Restore the binder from a backup.",
  "excessive-work": ({ log_n }) =>
    `A key in this binder asks for far more work to open than this app ever uses (scrypt 2^${log_n}). It was not made by Life Story Binder, so it was refused.`,
  "not-shared": "This page hasn't been shared with you.",
  "key-waiting": "This page is shared with you, but its key hasn't reached you yet. Someone who can already read it needs to add a member of your role first.",
  sealed: ({ until }) => `This is a letter for later. It can be opened from ${until}.`,
  "letter-waiting": ({ until }) =>
    `This letter's day has come (${until}). It opens for you the next time your carer or social worker opens the binder.`,
  "letter-needs-keeper":
    "A letter for later is kept by an adult until its day, so that nobody, not even the young person, can open it early. Share it with their carer or social worker too.",
  "not-found": "That wasn't found: it may have been deleted or moved.",
  "ambiguous-id": ({ prefix }) => `More than one page starts with "${prefix}".`,
  "consent-needed": ({ adding }) => `Sharing with ${andEn(adding.map(party))} needs a note of how the young person agreed.`,
  "role-key-needed": ({ role: r }) => `Only someone who is already a ${role(r)} here, or the recovery key, can add another ${role(r)}.`,
  "no-role-key": ({ role: r }) => `No one has been added as a ${role(r)} yet, so there is no ${role(r)} key. Add a ${role(r)} first.`,
  "last-member": "That is the last member who holds this role's key. Add someone else to the role first.",
  "already-exists": ({ path }) => `${path} already exists. Choose a new file name so nothing is overwritten.`,
  "session-open": "A session is already running. End it before starting another.",
  "no-open-session": "No session is running.",
  "duplicate-picture": ({ page }) =>
    page
      ? `This picture is already in the binder (${page}), so it was not added again.`
      : "This picture was added to the binder a moment ago, so it was not added again.",
  "disk-full":
    "There isn't enough space on the disk to save this. Nothing was changed and nothing is lost. Free some space, or move the binder to another drive, then try again.",
  "write-failed":
    "The disk refused to save this (it may be full or have been unplugged). Nothing was changed and nothing is lost. Check the drive, then try again.",
  "too-many-attempts": ({ wait_secs }) =>
    `That passphrase was wrong several times. Wait ${wait_secs} seconds, then try again carefully. If it's forgotten, someone else in the binder or the recovery sheet can set a new one.`,
  cancelled: "Stopped. Nothing was written.",
  "not-a-change-file": ({ path }) => `${path} is not a Life Story change file (they end in .lsc).`,
  "newer-change-file": ({ version }) =>
    `This change file was made by a newer version of Life Story Binder (change format ${version}). Update the app on this computer, then import it again; nothing was changed.`,
  "foreign-change-file":
    "This change file belongs to a different binder (another child's, or one made separately). Nothing was changed. Check you chose the right binder and the right file.",
  "tampered-change-file":
    "This change file is damaged, incomplete or was changed after it was made, so none of it was used. Nothing was changed. Ask for it to be exported again and copied once more.",
  "change-file-old-keys":
    "This change file was written with the book's keys from before someone was removed, so none of it was taken in. Nothing was changed. The copy that wrote it takes in the new keys at its next exchange, and then writes its changes again.",
  "membership-forked":
    "This copy and the copy that wrote this change file have each changed who is in the book since they last exchanged, in ways this copy cannot put together (someone was removed, or the book's keys were changed, and it cannot be made again here). None of it was taken in. Nothing was changed. Send this copy's changes to the other copy first, or ask the social worker to exchange on this copy. If that does not help, ask the social worker for a fresh copy of the book.",
  "keys-replaced":
    "The book's keys were changed on another copy (someone was removed) and your key does not open the new ones, or this change file was not made by one of this book's copies. Nothing was changed. Ask the social worker: if the keys were changed, they can give you a new copy of the book.",
  "not-an-offer":
    'That file is not a page offered from a brother\'s or sister\'s book. Choose a file made with "Offer to brothers and sisters" (they end in .lsp). Nothing was changed.',
  "forged-offer": "This page's file says who offered it, but that doesn't check out: it was changed after it was offered, or made by someone outside that child's book. It has not been added. Ask the person who sent it to offer it again from the app.",
  "foreign-offer":
    "This page doesn't open with this binder's brothers-and-sisters code: it was offered to another family, or it was damaged on the way. Nothing was changed. Check both binders use the same code, or ask for the page to be offered again.",
  "not-linked":
    "This binder isn't linked to any brothers' or sisters' binders yet. Link it with the family's group code first (the social worker can make one).",
  "confirm-sensitive":
    "This page is marked sensitive. Check with the young person and confirm that it should be offered to their brothers and sisters, then try again.",
  "offer-from-this-binder": "This page was offered from this same binder, so it is already here. Import it into a brother's or sister's binder.",
  "bad-group-code":
    "That group code doesn't look right. It has 16 letters and numbers in four groups, like 7KQM-2XHT-R9PA-F3DW: check each one and try again.",
  "not-a-choice": ({ of, given }) =>
    `"${given}" is not ${
      {
        section: "a part of the book",
        kind: "a kind of page",
        "place-kind": "a kind of place",
        closeness: "one of the circles",
        "identity-field": 'a part of "All about me"',
        role: "a role",
        party: "someone a page can be shared with",
        "picture-size": "a picture size",
        feeling: "one of the feelings",
        language: "a language here",
      }[of]
    }.`,
  "not-a-day": ({ given }) => `"${given}" is not a date. Write it as year-month-day, e.g. 2031-05-14.`,
  "not-a-date": ({ given }) => `"${given}" is not a date this app understands. Try 2019-06-14, June 2019, summer 2019 or 2019.`,
  "unknown-prompt": ({ id }) => `There is no idea for a page called "${id}".`,
  "child-name-needed": "Please give the child's name (it is stored encrypted).",
  "bad-member-name": ({ max_chars }) => `A member's name should be 1 to ${max_chars} characters, for example a first name or a nickname.`,
  "passphrase-too-short": ({ min_chars }) => `Please choose a passphrase of at least ${min_chars} characters; a short sentence is easy to remember.`,
  "weak-passphrase":
    "That passphrase would be easy to guess: names, birthdays and common words are the first things tried. Try four or five random words you can picture, like things in a room, with a space between them.",
  "member-needed": ({ task }) =>
    task === "settings"
      ? "The recovery key has no settings of its own. Open the book as a member to choose them."
      : "A session is run by a person: open the book as a member, not with the recovery key.",
  "keys-for-another-binder": "That unlock belongs to a different binder. Unlock this one first.",
  "may-not-remove-others": "Only the social worker (or the recovery key) can remove someone else. You can remove yourself.",
  "may-not-admit": ({ role: r }) =>
    `Only the social worker (or the agency, with the recovery sheet) can add a ${role(r)}. Ask them to add this person.`,
  "awaiting-approval": ({ name }) => `${name} has been added, and can open the binder once the social worker has approved it.`,
  "not-your-page": ({ act }) =>
    act === "edit"
      ? "Only the person who wrote this page, or the social worker, can change its words. You could add a page of your own about it."
      : act === "delete"
        ? "Only the person who wrote this page, or the social worker, can take it out of the book."
        : "Only the person who wrote this page, the young person or the social worker can change who sees it, where it goes or its pictures.",
  "author-always-sees": ({ role: r }) => `The ${role(r)} who wrote this page can always see it, so the ${role(r)} can't be removed.`,
  "kind-cannot-change": ({ from, to }) =>
    `This page is "${kinds[from as Kind] ?? from}"; it can't become "${kinds[to as Kind] ?? to}". Add a new page instead.`,
  "move-next-to-itself": "A page can't be moved next to itself.",
  "title-needed": "Every page needs a title, even a short one.",
  "title-too-long": ({ max_chars }) => `That title is very long. Keep it under ${max_chars} characters and put the rest in the page.`,
  "page-too-long": ({ max_chars }) => `That page is over ${max_chars.toLocaleString("en-GB")} characters. Split it into several pages.`,
  "caption-too-long": ({ max_chars }) => `That caption is very long. Keep it under ${max_chars} characters and put the rest on the page.`,
  "picture-body-needed": "A picture page needs a picture.",
  "no-pictures-here": `Pictures can go on pages of words, places, people and pictures, not on "${kinds.identity}".`,
  "no-free-file-name": ({ file }) => `There are too many ${file === "book" ? "books" : "binders"} with this name in the folder; choose another place.`,
  "nothing-new-to-print": ({ audience, since }) =>
    `Nothing is new or changed for ${party(audience)} since ${since ?? "the last print"}: there is nothing to print.`,
  "backup-path-not-text": "Choose a backup folder whose name is plain text.",
  "restore-onto-itself": "That backup is the binder itself. Choose a backup file.",
  usage: "That can't be done that way.",
  unexpected: ({ detail }) => `Something went wrong that shouldn't have (${detail}). Nothing was changed.`,
  io: ({ path }) => `Could not use ${path}. Check it is still there and that you may open it.`,
  storage: "The binder file could not be read or written. Nothing was changed.",
  "picture-empty": "That file is empty, so there is no picture in it. It may not have finished copying: copy it again and import the copy.",
  "not-a-picture": "That file isn't a picture, whatever its name says. Choose a photo or scan saved as JPEG, PNG, WebP, GIF, BMP or TIFF.",
  "picture-heic":
    'This is an iPhone photo in HEIC format, which Life Story Binder can\'t read yet. On the iPhone, share it with Options → "Most Compatible" (or set Settings → Camera → Formats → Most Compatible) to get a JPEG, then import that.',
  "picture-unsupported": ({ format }) =>
    `This is a ${format} picture, which Life Story Binder can't read. Open it in a photo app and save or export it as JPEG or PNG, then import that.`,
  "picture-damaged":
    "This picture is damaged or incomplete (it may not have finished copying). Copy it again from the phone, camera or scanner, then import it. Nothing was added.",
  "picture-too-large": ({ width, height, max_side, max_pixels }) =>
    width === 0 && height === 0
      ? "This picture would need far more memory to open than any real photo does, so it was refused. If it is a real picture, open it in a photo app and save a new copy as JPEG or PNG, then import that."
      : `This picture says it is ${width} × ${height} pixels, too big to open safely (the limit is ${max_side} pixels a side and ${Math.floor(max_pixels / 1e6)} megapixels). Make a smaller copy in a photo app, then import that.`,
  "picture-file-too-big": ({ bytes, max_bytes }) =>
    `This file is ${Math.floor(bytes / 1e6)} MB; the largest picture file Life Story Binder imports is ${Math.floor(max_bytes / 1e6)} MB. Make a smaller copy in a photo app, then import that.`,
  // The app shell's own (src-tauri/src/error.rs).
  locked: "The binder is locked. Choose who you are and type your passphrase to carry on.",
  "no-binder": "No binder is open. Open one, or start a new one.",
  "no-recovery-key": "The recovery key is only shown right after the binder is made.",
  "no-book-yet": "Make the PDF first.",
  "cannot-open-book": ({ path }) => `The book was saved, but no PDF viewer opened it. It is at ${path}.`,
  "nothing-arrived": ({ what }) =>
    what === "picture" ? "The picture did not arrive; please try adding it again." : "The file did not arrive; please try choosing it again.",
  "no-offer-chosen": "Choose the page's file first.",
  "idle-minutes-out-of-range": ({ min, max }) => `Choose between ${min} and ${max} minutes.`,
};

export const en = {
  language: {
    /** This language's name, in itself. */
    name: "English",
    /** Said in this language, to offer it. */
    switchTo: "Switch to English",
    /** Intl locale for dates. */
    locale: "en-GB",
  },
  app: {
    name: "Life Story Binder",
    binderFilter: "Life story binders",
    defaultFolder: "Documents › Life Story Binder",
    bookOf: (child: string) => (child ? `${child}'s book` : "The book"),
    locked: {
      idle: "Locked to keep the book private. Choose who you are to carry on.",
      byHand: "Locked. Choose who you are to open the book again.",
      ready: "The binder is ready. Type your passphrase to open it.",
    },
  },
  months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  sections: {
    present: { title: "My present", blurb: "Who I am now, the people around me, what I like." },
    past: { title: "My past", blurb: "Where I've lived and the people and times I remember." },
    future: { title: "My future", blurb: "Hopes, dreams and what I'd like to do." },
  } satisfies Record<Section, { title: string; blurb: string }>,
  kinds,
  closeness: {
    closest: "Closest to me",
    close: "Close",
    further: "A bit further away",
  } satisfies Record<Closeness, string>,
  places: {
    home: "A home",
    placement: "Where I lived in care",
    school: "A school",
    country: "A country",
    hospital: "A hospital",
    event: "Something that happened",
    other: "Somewhere else",
  } satisfies Record<PlaceKind, string>,
  identity: {
    ethnicity: "My ethnicity",
    culture: "My culture",
    religion: "My religion or beliefs",
    languages: "Languages I speak",
    disability: "Disability, and what helps me",
    "sexual-identity": "My sexual identity (in my own words)",
    gender: "My gender (in my own words)",
  } satisfies Record<IdentityField, string>,
  feelings: {
    happy: "Happy",
    calm: "Calm",
    okay: "Okay",
    mixed: "Mixed",
    sad: "Sad",
    worried: "Worried",
    angry: "Angry",
  } satisfies Record<Feeling, string>,
  /** After a session, in a list: "felt happy". */
  felt: {
    happy: "felt happy",
    calm: "felt calm",
    okay: "felt okay",
    mixed: "felt mixed",
    sad: "felt sad",
    worried: "felt worried",
    angry: "felt angry",
  } satisfies Record<Feeling, string>,
  parties: {
    "young-person": "The young person",
    carer: "Carer",
    "social-worker": "Social worker",
    school: "School",
    "birth-family": "Birth family",
    siblings: "Brothers and sisters",
  } satisfies Record<Party, string>,
  roles,
  audience: {
    none: "No one yet",
    only: (name: string) => `Only ${name}`,
    list: (names: string[]) => andEn(names),
  },
  welcome: {
    lead: "A private book of a child's life, made together with the people around them.",
    hint: "Each page is locked with keys: only the people the young person chooses can ever read it.",
    open: "Open a binder",
    start: "Start a new binder",
    openOther: "Open a binder from another place…",
  },
  create: {
    title: "Start a new binder",
    hint: "Everything you type here is stored encrypted on this computer.",
    whereTitle: "Where to keep the binder",
    defaultName: "Life story",
    child: "The child's name",
    me: "Your name",
    youAre: "You are the child's…",
    pass: "Your passphrase",
    passHint: (min: number) => `(at least ${min} characters)`,
    again: "Type it again",
    tooShort: (min: number) => `Please choose a passphrase of at least ${min} characters: a few words you will remember is best.`,
    different: "The two passphrases are different. Please type them again.",
    notYet: "The two passphrases don't match yet.",
    savedIn: (place: string) => `Saved in ${place}.`,
    elsewhere: "Choose another place…",
    making: "Making the binder…",
    make: "Make the binder",
    back: "Back",
  },
  recovery: {
    title: "The recovery key",
    before: "This key opens every page if passphrases are forgotten. It is shown ",
    onlyNow: "only now",
    after: " and is not kept anywhere.",
    key: "Recovery key",
    hint: "Save the recovery sheet, print it, and keep it locked away at the agency with the child's records. Then delete the file.",
    save: "Save the recovery sheet…",
    fileName: "Recovery sheet.txt",
    saveTitle: "Save the recovery sheet",
    savedTo: (path: string) => `Saved to ${path}`,
    kept: "I have saved or written down the recovery key",
    next: "Continue",
  },
  unlock: {
    binder: "Binder",
    who: "Who are you?",
    typePass: (name: string) => `${name}, type your passphrase`,
    opening: "Opening…",
    open: "Open the book",
    other: "Open a different binder",
  },
  nav: {
    label: "Main",
    myBook: "My book",
    whatsNew: "What's new",
    allMyPages: "All my pages",
    book: "The book",
    write: "Write a page",
    add: "Add a page",
    sessions: "Sessions",
    print: "Print",
    siblings: "Brothers and sisters",
    settings: "Settings",
    lock: "Lock",
    lockTitle: "Lock the book now",
  },
  book: {
    parts: "Parts of the book",
    aboutMe: "All about me",
    people: "My people",
    lifeMap: "My life map",
    pages: "Pages",
    add: "Add a page",
    empty: "No pages here yet.",
    moved: (title: string, place: number) => `Moved "${title}" to place ${place}.`,
    sensitive: " · sensitive",
    up: (title: string) => `Move "${title}" up`,
    down: (title: string) => `Move "${title}" down`,
    letterForAge: (age: number) => `A letter for when you're ${age}`,
    letterOn: (date: string) => `A letter to open on ${date}`,
    sealed: ": sealed until then.",
    hidden: (n: number) =>
      plural("en", n, { one: `${n} page is in this binder but not shared with you.`, other: `${n} pages are in this binder but not shared with you.` }),
  },
  people: {
    label: (child: string, names: string) => `${child}'s people: ${names}`,
    me: "Me",
  },
  lifeMap: {
    label: (titles: string[]) => `Life map: ${titles.join(", then ")}`,
  },
  page: {
    pet: "A pet",
    from: (when: string) => `from ${when}`,
    to: (when: string) => ` to ${when}`,
    picture: "A picture",
    back: "← Back to the book",
    writtenBy: (name: string, role: string) => `Written by ${name} (${role})`,
    sensitive: " · sensitive",
    edit: "Edit this page",
    confirmDelete: (title: string) => `Delete "${title}" for everyone? It can't be brought back.`,
    yesDelete: "Yes, delete it",
    keep: "Keep it",
    delete: "Delete…",
    readAloud: "Read this page to me",
    stopReading: "Stop reading",
  },
  cover: {
    label: "A page to open when you're ready",
    hard: "This page is about something that might be hard to read, like why you came into care. You might want a grown-up with you.",
    choice: "You can open it now, later, or never. It's your choice.",
    open: "Open this page",
  },
  who: {
    title: "Who can see this?",
    saved: (sentence: string) => `Saved: ${sentence} can see this page.`,
    notSaved: " (not saved yet)",
    authorAlways: "Whoever wrote a page can always see it",
    always: "always",
    canSee: "can see",
    cantSee: "can't see",
    howAgreed: (child: string) => `How did ${child || "the young person"} agree to this?`,
    example: (child: string) => `e.g. "${child} said yes when we read it together"`,
    share: "Share it",
    cancel: "Cancel",
    chose: (child: string) => `${child} chose this`,
    ledger: "Who agreed to what (the consent record)",
    refused: (n: number) =>
      `${count(n, "record was", "records were")} not signed by anyone in the book, so ${n === 1 ? "it is" : "they are"} not shown. The social worker can check the book.`,
    madeVisible: (by: string) => `${by} made it visible to`,
  },
  editor: {
    opening: "Opening the page…",
    edit: (title: string) => `Edit "${title}"`,
    write: "Write a page",
    add: "Add a page",
    kind: "What kind of page?",
    part: "Which part of the book?",
    partOfMe: "Which part of me?",
    theirName: "Their name",
    place: "The place",
    title: "Title",
    whoTo: (child: string) => `Who they are to ${child || "me"}`,
    whoExample: "e.g. my nan, best friend, our dog",
    howClose: "How close?",
    pet: "A pet",
    placeKind: "What kind of place?",
    from: "From",
    fromHint: '(e.g. "summer 2019")',
    until: "Until",
    placeWords: "What it was like, and why things changed",
    words: "The words",
    notes: "Notes",
    style: "Text style",
    bold: "Bold",
    boldMark: "B",
    italic: "Italic",
    italicMark: "I",
    heading: "Heading",
    list: "• List",
    quote: "“ Quote",
    strongWords: "strong words",
    gentleWords: "gentle words",
    maybe: (instead: string) => `— maybe “${instead}”?`,
    preview: "How it will look",
    pictures: "Pictures",
    drop: "Drop photos or drawings anywhere on this window, or",
    choose: "choose them",
    dropEnd: ".",
    remove: "Remove",
    uploading: (done: number, total: number) => `${done} of ${count(total, "picture", "pictures")}`,
    stop: "Stop",
    notPicture: (file: string) => `${file}: this is not a picture the book can hold (JPEG, PNG, WebP, GIF, BMP or TIFF).`,
    more: "More: date, sensitive, a letter for later",
    when: "When",
    whenHint: '(optional, e.g. "June 2024")',
    sensitive: (child: string) =>
      `This page is sensitive (kept out of printed books unless asked, and covered gently for ${child || "the young person"})`,
    letter: "This is a letter for later: keep it sealed until a date",
    openOn: "Open on",
    whoCanSee: "Who can see this?",
    willRead: (sentence: string) => `${sentence} will be able to read it.`,
    howAgreed: (child: string) => `How did ${child || "the young person"} agree to share it?`,
    example: (child: string) => `e.g. "${child} said yes while we wrote it"`,
    saving: "Saving…",
    save: "Save the page",
    cancel: "Cancel",
    ideas: "Need an idea?",
    ideasHint: "Pick one, skip any, or write your own.",
    answered: "(there is a page for this)",
  },
  reader: {
    hello: (child: string) => `Hello ${child}! This is your book. Turn the page to start.`,
    letterLater: "A letter for later",
    letterSealed: (date: string) => `Someone wrote you a letter. It stays sealed until ${date}.`,
    ownWords: "In my own words",
    writtenBy: (name: string) => `Written by ${name}`,
    turn: "Turn the page",
    back: "Back",
    next: "Next",
    count: (at: number, of: number) => `Page ${at} of ${of}`,
  },
  oversight: {
    title: (child: string) => `What's new in ${child}'s book`,
    changed: (n: number, since: string | null) =>
      `${plural("en", n, { one: "page", other: "pages" })} new or changed ${since ? `since you looked on ${since}` : "(you haven't looked before)"}`,
    waiting: (child: string) => `waiting for ${child}'s agreement`,
    noSessions: "no sessions yet",
    daysSince: "days since the last session",
    added: "Added or changed",
    seen: "Mark all as seen",
    nothingNew: "Nothing new since you last looked.",
    new: "new",
    changedTag: "changed",
    by: (name: string) => `by ${name}`,
    gone: "someone no longer in the binder",
    background: (child: string) => `Background waiting for ${child}'s agreement`,
    backgroundHint: (child: string) => `Pages written by a social worker that ${child} can't see yet. Share them when ${child} is ready and agrees.`,
    none: "None.",
    sensitive: "sensitive · ",
    sessions: "Sessions",
    sessionsHint: 'No sessions yet. A carer starts one from "Sessions".',
    pages: (n: number) => count(n, "page", "pages"),
    all: "All sessions",
  },
  print: {
    title: "Print the book",
    hint: "Make a PDF for a ring binder. Only pages shared with the person you choose are printed.",
    forWhom: "Who is this copy for?",
    refill: "Only new and changed pages since the last print for them",
    sensitive: "Include pages marked sensitive",
    oneSided: "Printing on one side of the paper",
    nothingNew: (since: string | null) => `Nothing new to print since ${since ?? "the last print"}.`,
    pages: (n: number) => count(n, "page", "pages"),
    detail: (entries: number, pictures: number) => ` (${entries} of the book's pages, ${count(pictures, "picture", "pictures")})`,
    newSince: (date: string) => `, new since ${date}`,
    counting: "Counting the pages…",
    reading: "Reading the pages",
    placing: "Placing the pictures",
    progress: (label: string, done: number, total: number) => `${label}: ${done} of ${total}`,
    stop: "Stop",
    stopped: "Stopped. No file was made.",
    make: "Make the PDF",
    saveElsewhere: "Save it somewhere else…",
    saveTitle: "Save the book",
    fileName: (child: string) => `${child}'s book.pdf`,
    ready: "The book is ready",
    savedTo: (pages: number) => `${pages} pages, saved to`,
    insert: (pages: string[], title: string, after: string | null, replaces: string[]) =>
      `Put page${pages.length > 1 ? "s" : ""} ${pages.join(", ")} ("${title}") ${
        after ? `after page ${after}` : `in place of page${replaces.length > 1 ? "s" : ""} ${replaces.join(", ")}`
      }.`,
    remove: (page: string) => `Take out and shred page ${page}.`,
    open: "Open it",
  },
  sessions: {
    title: "Sessions",
    none: "No sessions yet.",
    today: "The last session was today.",
    days: (n: number) => count(n, "day", "days"),
    since: " since the last session.",
    running: "A session is running",
    started: (day: string, by: string, setting: string, pages: number) =>
      `Started ${day} by ${by}${setting ? `, ${setting}` : ""}. Pages added now belong to it (${pages} so far).`,
    howFelt: "How did it feel?",
    note: "A note for next time",
    optional: "(optional)",
    end: "End the session",
    start: "Start a session",
    where: "Where, and how?",
    whereHint: '(e.g. "kitchen table, after school")',
    begin: "Start the session",
    overTime: "Sessions over time",
    day: "Day",
    with: "With",
    place: "Where",
    pages: "Pages",
    felt: "Felt",
    noteHead: "Note",
    isRunning: "running",
    forAdults: "The grown-ups' notes about this session are kept for them.",
    backupFailed: (why: string) => `The session is saved, but the backup that was due could not be made: ${why}`,
    refused: (n: number) =>
      `${count(n, "session was", "sessions were")} changed outside the app, so ${n === 1 ? "it is" : "they are"} not shown. The social worker can run a check to see which.`,
  },
  settings: {
    title: "Settings",
    idle: "Lock the book after this many minutes without use",
    save: "Save",
    idleSaved: (n: number) => `The book will lock after ${count(n, "minute", "minutes")} without use.`,
    mine: "How the book looks for you",
    mineHint: "These are yours: everyone else who opens the book keeps their own.",
    language: "Language",
    textSize: "Text size",
    sizes: { standard: "Standard", large: "Large", larger: "Larger" } satisfies Record<TextSize, string>,
    dyslexia: "Dyslexia-friendly letters (OpenDyslexic)",
    saved: "Saved.",
    members: "People who can open this book",
    addSomeone: "Add someone",
    theirName: "Their name",
    theyAre: "They are the…",
    theirPass: "Their passphrase",
    theirPassHint: "(they can type it themselves now)",
    passTooShort: (min: number) => `Please choose a passphrase of at least ${min} characters.`,
    adding: "Adding…",
    addThem: "Add them",
    added: (name: string, role: string) => `${name} can now open the book as the ${role}.`,
    addedWaiting: (name: string, role: string) => `${name} is added as the ${role}, and can open the book once the social worker approves.`,
    addedBy: (name: string) => `added by ${name}`,
    addedByAgency: "added by the agency (recovery sheet)",
    startedBinder: "started this binder",
    waiting: "waiting for the social worker to approve",
    approve: (name: string) => `Approve ${name}`,
    approved: (name: string) => `${name} can now open the book.`,
    signed: (changes: number, pages: number) =>
      `Checked: everyone here was added by someone allowed to, every change to who can open the book is signed (${count(changes, "change", "changes")}), and every page is signed by the person who wrote it (${count(pages, "page", "pages")}).`,
    refusedPages: (pages: number) =>
      `${count(pages, "page was", "pages were")} changed outside the app, so ${pages === 1 ? "it is" : "they are"} not shown. The social worker can run a check to see which.`,
    unsigned: "This book was made before changes to who can open it were signed, so that list is not checked.",
    myPass: "My passphrase",
    myPassHint: "Only you should know it. After changing it, the old one no longer opens the book on this computer.",
    currentPass: "The passphrase you use now",
    newPass: "A new passphrase",
    newPassHint: "(four or five random words are easy to remember and hard to guess)",
    repeatPass: "The new passphrase again",
    notSame: "The two new passphrases are not the same. Please type them again.",
    changePass: "Change my passphrase",
    changingPass: "Changing it…",
    passChanged: "Your passphrase is changed. Use the new one next time you open the book.",
    forExample: (words: string) => `For example (made up just now, never kept): ${words}`,
    useIt: "Use these words",
    writeItDown: (words: string) => `Your new passphrase will be: ${words}. Write it down somewhere safe before you press "Change my passphrase".`,
    remove: (name: string) => `Remove ${name}`,
    removeAsk: (name: string) => `Remove ${name}? Their passphrase will no longer open the book.`,
    olderBackups: (n: number) =>
      `This computer has ${count(n, "backup", "backups")} of the book from before now. They still hold what the person you removed could see, and open with the keys they had.`,
    deleteBackups: "Delete the older backups",
    backupsDeleted: (n: number) => `${count(n, "older backup", "older backups")} deleted. A new backup was made just now.`,
    removeYes: "Yes, remove",
    removeNo: "Keep them",
    removed: (name: string) =>
      `${name} can no longer open this book with their passphrase. A copy of the book or a backup they kept still holds what they could see up to now.`,
    removedRenewed: (name: string, r: string) =>
      `${name} can no longer open this book. The ${r}'s key and the book's shared key were changed just now, so nothing written from today opens with keys ${name} may have kept. Copies of the book and backups made before today still hold what ${name} could see up to now.`,
    removedKeyKept: (name: string, r: string, pages: number) =>
      `${name} can no longer open this book with their passphrase. The ${r}'s key was not changed: ${pages === 1 ? "1 page" : `${pages} pages`} only the ${r} can open would be lost. The agency can change it with the recovery sheet without losing ${pages === 1 ? "it" : "them"}, and then add the next ${r}. Until then a copy of the key ${name} kept opens what is shared with the ${r}.`,
    removedStillShared: (name: string, r: string, others: string[]) =>
      `${name} can no longer open this book with their passphrase. ${andEn(others)} still ${others.length === 1 ? "shares" : "share"} the ${r}'s key, so a copy of it ${name} kept opens what is shared with the ${r} until that key is changed. Copies of the book and backups made before today hold what ${name} could see up to now.`,
  },
  siblings: {
    title: "Brothers and sisters",
    intro: (child: string) => `Link ${child}'s book with their brothers' and sisters' books, so pages can be shared between them. There is no server: a shared page is a file you give to the other carer.`,
    codeTitle: "The family's code",
    linkedWith: "This book is linked with the code:",
    codeLabel: "Family code",
    keepCode: "Keep it like a passphrase: anyone with it can open pages offered between the brothers and sisters.",
    unlink: "Stop linking",
    typeCode: "Type the family's code (the same in each brother's and sister's book)",
    link: "Link",
    noCodeYet: "No code yet? Make one here, then type it into each brother's and sister's book.",
    makeCode: "Make a new code",
    madeCode: "Here is a new code. Write it down for the other carers, then press Link.",
    linkedNow: (child: string) => `${child}'s book is now linked with their brothers and sisters.`,
    unlinkedNow: "Unlinked. Pages already shared stay where they are.",
    importTitle: "A page from a brother or sister",
    importHint: "Their carer gives you a file ending in .lsp. Choose it to see what it holds before adding it.",
    chooseFile: "Choose the file…",
    opening: "Opening it…",
    fileProblem: (name: string, message: string) => `${name}: ${message}`,
    from: (from: string, by: string, date: string) => `From ${from}'s book, offered by ${by} on ${date}.`,
    signedBy: (name: string, from: string) => `Signed by ${name}, a member of ${from}'s book.`,
    signedByAgency: (from: string) => `Signed by the agency (recovery sheet) for ${from}'s book.`,
    firstFromBook: "This is the first signed page from that book here, so there is nothing earlier to compare it with.",
    unsigned: "Not signed: this file doesn't show who made it. Only add it if you know where it came from.",
    pictures: (n: number) => count(n, "picture", "pictures"),
    sensitive: "marked sensitive",
    alreadyHere: "This page is already in this book, so nothing was added.",
    whoHere: (child: string) => `Who can see it in ${child}'s book?`,
    always: "always",
    siblingsAlways: "Brothers and sisters can always see it: it came from them.",
    howAgreedHere: (child: string) => `How ${child} agreed (you can leave this empty)`,
    addIt: (child: string) => `Add it to ${child}'s book`,
    added: (title: string, from: string) => `Added “${title}” from ${from}'s book.`,
    openIt: "Open it",
    offerTitle: "Offer to brothers and sisters",
    offerHint: (child: string) => `Make a copy of this page that only ${child}'s brothers' and sisters' books can open. It will show as shared with them.`,
    offerButton: "Offer this page…",
    howAgreed: (child: string) => `How did ${child} agree to share this with their brothers and sisters?`,
    howAgreedExample: (child: string) => `e.g. ${child} said yes in our session`,
    confirmSensitive: (child: string) => `This page is marked sensitive. I have checked with ${child} that it is all right to offer it.`,
    makeFile: "Make the file",
    notNow: "Not now",
    offered: (path: string, pictures: number) =>
      `Saved as ${path}${pictures ? `, with ${count(pictures, "picture", "pictures")}` : ""}. Give it to their carer to add to their book (by USB stick or e-mail: it opens only with the family's code).`,
  },
  errors,
};

export type Catalogue = typeof en;
