// The core words its errors in English (src/error.rs), each with a stable
// code. For the codes people meet most, the window shows its own words in
// the chosen language instead; any other error shows as the core wrote it.
// A function gets the core's English message, to carry over a number or a
// name it holds.
import type { Lang } from "../../bindings/Lang";

type Words = string | ((english: string) => string);

const grab = (english: string, pattern: RegExp) => english.match(pattern)?.[1] ?? "";

const cy: Record<string, Words> = {
  "wrong-passphrase": "Dydy'r cyfrinymadrodd yna ddim yn agor yr allwedd. Gwiriwch y bysell Caps Lock a rhowch gynnig arall arni.",
  "too-many-attempts": (en) =>
    `Roedd y cyfrinymadrodd yn anghywir sawl gwaith. Arhoswch ${grab(en, /Wait (\d+) seconds/)} eiliad, yna rhowch gynnig arall arni'n ofalus. Os yw wedi mynd yn angof, gall rhywun arall yn y rhwymwr neu'r daflen adfer osod un newydd.`,
  locked: "Mae'r rhwymwr wedi'i gloi. Dewiswch pwy ydych chi a theipiwch eich cyfrinymadrodd i barhau.",
  "no-binder": "Does dim rhwymwr ar agor. Agorwch un, neu dechreuwch un newydd.",
  "wrong-recovery-key": "Mae'r allwedd adfer yna'n perthyn i rwymwr arall. Gwiriwch mai'r daflen adfer iawn sydd gennych.",
  "not-a-recovery-key": "Dydy hon ddim yn allwedd adfer. Dylai ddechrau ag AGE-SECRET-KEY-1, fel ar y daflen adfer.",
  "not-shared": "Dydy'r dudalen hon ddim wedi'i rhannu gyda chi.",
  "consent-needed": "Mae angen nodyn o sut cytunodd y person ifanc cyn rhannu gyda rhagor o bobl.",
  "last-member": "Dyma'r aelod olaf sy'n dal allwedd y rôl hon. Ychwanegwch rywun arall i'r rôl yn gyntaf.",
  "session-open": "Mae sesiwn yn rhedeg yn barod. Gorffennwch hi cyn dechrau un arall.",
  "no-open-session": "Does dim sesiwn yn rhedeg.",
  "disk-full":
    "Does dim digon o le ar y ddisg i gadw hwn. Ni newidiwyd dim ac ni chollwyd dim. Gwnewch ragor o le, neu symudwch y rhwymwr i yriant arall, yna rhowch gynnig arall arni.",
  "write-failed":
    "Gwrthododd y ddisg gadw hwn (efallai ei bod yn llawn neu wedi'i datgysylltu). Ni newidiwyd dim ac ni chollwyd dim. Gwiriwch y gyriant, yna rhowch gynnig arall arni.",
  cancelled: "Wedi stopio. Ni ysgrifennwyd dim.",
  damaged:
    "Mae'r rhwymwr hwn wedi'i ddifrodi. Ni newidiwyd dim. Adferwch ef o'ch copi wrth gefn diweddaraf; bydd eich cyfrinymadrodd neu'ch allwedd adfer yn agor y copi.",
  tampered: "Mae rhan o'r rhwymwr hwn wedi'i newid y tu allan i Life Story Binder, felly does dim modd ymddiried ynddi. Ni newidiwyd dim. Adferwch y rhwymwr o gopi wrth gefn.",
  "duplicate-picture": "Mae'r llun hwn yn y rhwymwr yn barod, felly ni chafodd ei ychwanegu eto.",
  "picture-empty": "Mae'r ffeil yna'n wag, felly does dim llun ynddi. Efallai na orffennodd gopïo: copïwch hi eto a mewnforio'r copi.",
  "not-a-picture": "Dydy'r ffeil yna ddim yn llun, beth bynnag mae ei henw'n ei ddweud. Dewiswch lun neu sgan wedi'i gadw fel JPEG, PNG, WebP, GIF, BMP neu TIFF.",
  "picture-heic":
    "Llun iPhone yn fformat HEIC yw hwn, ac mae Life Story Binder yn methu ei ddarllen eto. Ar yr iPhone, rhannwch ef gydag Options → \"Most Compatible\" i gael JPEG, yna mewnforio hwnnw.",
  "picture-unsupported": (en) =>
    `Llun ${grab(en, /This is a (\S+) picture/)} yw hwn, ac mae Life Story Binder yn methu ei ddarllen. Agorwch ef mewn ap lluniau a'i gadw fel JPEG neu PNG, yna mewnforio hwnnw.`,
  "picture-damaged":
    "Mae'r llun hwn wedi'i ddifrodi neu'n anghyflawn (efallai na orffennodd gopïo). Copïwch ef eto o'r ffôn, y camera neu'r sganiwr, yna ei fewnforio. Ni ychwanegwyd dim.",
  "picture-too-large": "Mae'r llun hwn yn rhy fawr i'w agor yn ddiogel. Gwnewch gopi llai mewn ap lluniau, yna mewnforio hwnnw.",
  "picture-file-too-big": "Mae'r ffeil hon yn rhy fawr i fod yn llun y gall y llyfr ei gadw. Gwnewch gopi llai mewn ap lluniau, yna mewnforio hwnnw.",
  "not-an-offer":
    "Dydy'r ffeil yna ddim yn dudalen a gynigiwyd o lyfr brawd neu chwaer. Dewiswch ffeil a wnaed gyda \"Cynnig i frodyr a chwiorydd\" (maen nhw'n gorffen ag .lsp). Ni newidiwyd dim.",
  "foreign-offer":
    "Dydy'r dudalen hon ddim yn agor gyda chod brodyr a chwiorydd y rhwymwr hwn: cafodd ei chynnig i deulu arall, neu cafodd ei difrodi ar y ffordd. Ni newidiwyd dim. Gwiriwch fod y ddau rwymwr yn defnyddio'r un cod, neu gofynnwch am gynnig y dudalen eto.",
  "not-linked": "Dydy'r rhwymwr hwn ddim wedi'i gysylltu â llyfrau brodyr neu chwiorydd eto. Cysylltwch ef gyda chod y teulu yn gyntaf (gall y gweithiwr cymdeithasol wneud un).",
  "confirm-sensitive":
    "Mae'r dudalen hon wedi'i marcio'n sensitif. Gwiriwch gyda'r person ifanc a chadarnhewch y dylid ei chynnig i'r brodyr a'r chwiorydd, yna rhowch gynnig arall arni.",
};

const tables: Record<Lang, Record<string, Words>> = { en: {}, cy };

/** The words to show for an error with `code`, in `lang`. */
export function errorWords(code: string, english: string, lang: Lang): string {
  const words = tables[lang][code];
  if (words === undefined) return english;
  return typeof words === "function" ? words(english) : words;
}

/** The codes with their own words in `lang` (for the catalogue test). */
export function translatedCodes(lang: Lang): string[] {
  return Object.keys(tables[lang]);
}
