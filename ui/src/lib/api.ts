// Typed calls into the app's commands (src-tauri/src/commands). Every type
// here is generated from Rust by ts-rs into ../bindings: never edit those.
import { invoke, Channel } from "@tauri-apps/api/core";
import { isSentError } from "./i18n/errors";
import { errorText } from "./i18n/index.svelte";
import type { AppRules } from "../bindings/AppRules";
import type { ChildProfile } from "../bindings/ChildProfile";
import type { ApproxDate } from "../bindings/ApproxDate";
import type { Audience } from "../bindings/Audience";
import type { BinderFile } from "../bindings/BinderFile";
import type { BookOptions } from "../bindings/BookOptions";
import type { BookPreview } from "../bindings/BookPreview";
import type { BookReport } from "../bindings/BookReport";
import type { CommandError } from "../bindings/CommandError";
import type { CreateBinder } from "../bindings/CreateBinder";
import type { Created } from "../bindings/Created";
import type { Current } from "../bindings/Current";
import type { Entry } from "../bindings/Entry";
import type { EntryEdit } from "../bindings/EntryEdit";
import type { Feeling } from "../bindings/Feeling";
import type { FromSibling } from "../bindings/FromSibling";
import type { Flag } from "../bindings/Flag";
import type { Lang } from "../bindings/Lang";
import type { Ledger } from "../bindings/Ledger";
import type { LedgerRecord } from "../bindings/LedgerRecord";
import type { Listing } from "../bindings/Listing";
import type { Me } from "../bindings/Me";
import type { Member } from "../bindings/Member";
import type { People } from "../bindings/People";
import type { MemberAdded } from "../bindings/MemberAdded";
import type { MemberRemoved } from "../bindings/MemberRemoved";
import type { Pruned } from "../bindings/Pruned";
import type { SessionEnded } from "../bindings/SessionEnded";
import type { Role } from "../bindings/Role";
import type { NewEntry } from "../bindings/NewEntry";
import type { Offer } from "../bindings/Offer";
import type { Offered } from "../bindings/Offered";
import type { OfferPreview } from "../bindings/OfferPreview";
import type { Oversight } from "../bindings/Oversight";
import type { Picture } from "../bindings/Picture";
import type { Preferences } from "../bindings/Preferences";
import type { Profile } from "../bindings/Profile";
import type { Progress } from "../bindings/Progress";
import type { PromptStatus } from "../bindings/PromptStatus";
import type { Section } from "../bindings/Section";
import type { Session } from "../bindings/Session";
import type { SessionLog } from "../bindings/SessionLog";
import type { Size } from "../bindings/Size";

/** A command's failure: its code and data, and its words in the window's language. */
export class AppError extends Error {
  constructor(
    public code: string,
    message: string,
    public data?: unknown,
  ) {
    super(message);
  }
}

let onLocked: () => void = () => {};
/** Called whenever a command finds the binder locked (e.g. by the idle lock). */
export function whenLocked(f: () => void) {
  onLocked = f;
}

export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isSentError(e)) return new AppError(e.code, errorText(e), e.data);
  const unexpected = { code: "unexpected", data: { detail: String(e) }, message: String(e) } satisfies CommandError;
  return new AppError(unexpected.code, errorText(unexpected), unexpected.data);
}

async function call<T>(cmd: string, args?: Record<string, unknown>, options?: { headers: Record<string, string> }, body?: Uint8Array): Promise<T> {
  try {
    return await invoke<T>(cmd, body ?? args, options);
  } catch (e) {
    const err = asAppError(e);
    if (err.code === "locked") onLocked();
    throw err;
  }
}

export const api = {
  /** The rules a form holds to before it asks (the core checks them again). */
  rules: () => call<AppRules>("rules"),
  findBinders: () => call<BinderFile[]>("find_binders"),
  currentBinder: () => call<Current | null>("current_binder"),
  openBinder: (path: string) => call<Member[]>("open_binder", { path }),
  createBinder: (create: CreateBinder) => call<Created>("create_binder", { new: create }),
  saveRecoverySheet: (path: string) => call<void>("save_recovery_sheet", { path }),
  forgetRecoveryKey: () => call<void>("forget_recovery_key"),
  closeBinder: () => call<void>("close_binder"),

  members: () => call<Member[]>("members"),
  addMember: (name: string, role: Role, passphrase: string) => call<MemberAdded>("add_member", { name, role, passphrase }),
  removeMember: (name: string) => call<MemberRemoved>("remove_member", { name }),
  pruneOlderBackups: () => call<Pruned>("prune_older_backups"),
  /** My own passphrase: the current one is checked again by the core. */
  changePassphrase: (current: string, next: string) => call<void>("change_passphrase", { current, new: next }),
  /** A few random words, offered when a passphrase is easy to guess. */
  suggestPassphrase: () => call<string>("suggest_passphrase"),
  /** Who admitted whom, and whether membership is signed (Settings). */
  people: () => call<People>("people"),
  approveMember: (name: string) => call<Member>("approve_member", { name }),
  unlock: (member: string, passphrase: string) => call<Me>("unlock", { member, passphrase }),
  lock: () => call<void>("lock"),
  stillHere: () => call<void>("still_here"),
  setIdleMinutes: (minutes: number) => call<number>("set_idle_minutes", { minutes }),

  listPages: (section: Section | null = null) => call<Listing>("list_pages", { section }),
  showPage: (id: string) => call<Entry>("show_page", { id }),
  addPage: (page: NewEntry) => call<string>("add_page", { page }),
  editPage: (id: string, edit: EntryEdit) => call<void>("edit_page", { id, edit }),
  /** Put a page just before (or after) a neighbour the reader can see. */
  movePage: (id: string, neighbour: string, after: boolean) => call<void>("move_page", { id, neighbour, after }),
  deletePage: (id: string) => call<void>("delete_page", { id }),
  parseDate: (text: string) => call<ApproxDate>("parse_date", { text }),
  renderMarkdown: (markdown: string) => call<string>("render_markdown", { markdown }),

  addPicture: (page: string, bytes: Uint8Array) => call<string>("add_picture", undefined, { headers: { page } }, bytes),
  pagePictures: (page: string) => call<Picture[]>("page_pictures", { page }),
  pictureBytes: (id: string, size: Size) => call<ArrayBuffer>("picture_bytes", { id, size }),
  setCaption: (id: string, caption: string) => call<void>("set_caption", { id, caption }),
  removePicture: (id: string) => call<void>("remove_picture", { id }),

  setAudience: (id: string, audience: Audience, consent: string | null) =>
    call<LedgerRecord | null>("set_audience", { id, audience, consent }),
  pageLedger: (id: string) => call<Ledger>("page_ledger", { id }),

  startSession: (setting: string) => call<string>("start_session", { setting }),
  endSession: (feeling: Feeling | null, note: string) => call<SessionEnded>("end_session", { feeling, note }),
  sessions: () => call<SessionLog>("sessions"),

  oversight: () => call<Oversight>("oversight"),
  markSeen: () => call<void>("mark_seen"),

  previewBook: (options: BookOptions) => call<BookPreview>("preview_book", { options }),
  exportBook: (options: BookOptions, onProgress: (p: Progress) => void, path: string | null = null) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onProgress;
    return call<BookReport>("export_book", { options, path, progress });
  },
  cancelExport: () => call<void>("cancel_export"),
  openBook: () => call<void>("open_book"),

  prompts: (lang: Lang) => call<PromptStatus[]>("prompts", { lang }),
  checkLanguage: (text: string) => call<Flag[]>("check_language", { text }),
  profile: () => call<ChildProfile>("profile"),
  setProfile: (profile: Profile) => call<void>("set_profile", { profile }),
  /** The unlocked member's own settings (language, text size, font). */
  preferences: () => call<Preferences>("preferences"),
  setPreferences: (preferences: Preferences) => call<Preferences>("set_preferences", { preferences }),
  /** Brothers and sisters: the family's code (as people read it), or null. */
  siblingGroup: () => call<string | null>("sibling_group"),
  newGroupCode: () => call<string>("new_group_code"),
  linkSiblings: (code: string) => call<string>("link_siblings", { code }),
  unlinkSiblings: () => call<void>("unlink_siblings"),
  offerToSiblings: (id: string, offer: Offer) => call<Offered>("offer_to_siblings", { id, offer }),
  /** Open an offered page's file; the app keeps it (encrypted) for importSibling. */
  previewSiblingOffer: (bytes: Uint8Array) => call<OfferPreview>("preview_sibling_offer", undefined, undefined, bytes),
  importFromSibling: (share: Audience, consent: string | null) => call<FromSibling>("import_from_sibling", { share, consent }),
};
