// Pob gair mae'r ffenest yn ei ddangos, yn Gymraeg. The same keys as
// en.ts: TypeScript refuses a missing or an extra one.
//
// Register: "ti" on the screens the young person uses (the book, pages,
// unlock, writing a page), "chi" on the grown-ups' screens (starting a
// binder, the recovery key, sessions, what's new, printing, members).
// Counts: Welsh takes the singular noun after a number, with the mutation
// "un" (feminine) and "dau/dwy" bring: 1 dudalen, 2 dudalen, 3 tudalen;
// 2 lun, 2 ddiwrnod, 2 funud.
import type { Catalogue } from "./en";
import type { Kind } from "../../bindings/Kind";
import type { Role } from "../../bindings/Role";
import { andCy, plural } from "./plural";

const tudalen = (n: number) => plural("cy", n, { one: `${n} dudalen`, two: `${n} dudalen`, other: `${n} tudalen` });
const llun = (n: number) => plural("cy", n, { one: `${n} llun`, two: `${n} lun`, other: `${n} llun` });
const diwrnod = (n: number) => plural("cy", n, { one: `${n} diwrnod`, two: `${n} ddiwrnod`, other: `${n} diwrnod` });
const munud = (n: number) => plural("cy", n, { one: `${n} munud`, two: `${n} funud`, other: `${n} munud` });

const kinds: Record<Kind, string> = {
  narrative: "Geiriau",
  picture: "Lluniau",
  person: "Person neu anifail anwes",
  place: "Lle neu adeg",
  identity: "Popeth amdana i",
};
const roles: Record<Role, string> = {
  "young-person": "person ifanc",
  carer: "gofalwr",
  "social-worker": "gweithiwr cymdeithasol",
};
const role = (key: string) => roles[key as Role] ?? key;
const kind = (key: string) => kinds[key as Kind] ?? key;

export const cy: Catalogue = {
  language: {
    name: "Cymraeg",
    switchTo: "Newid i'r Gymraeg",
    locale: "cy-GB",
  },
  app: {
    // The product's name stays as it is, like a book's title.
    name: "Life Story Binder",
    binderFilter: "Ffeiliau stori bywyd",
    // The folder on disk is called this, whatever the window's language.
    defaultFolder: "Documents › Life Story Binder",
    bookOf: (child) => (child ? `Llyfr ${child}` : "Y llyfr"),
    locked: {
      idle: "Wedi cloi i gadw'r llyfr yn breifat. Dewisa pwy wyt ti i gario ymlaen.",
      byHand: "Wedi cloi. Dewisa pwy wyt ti i agor y llyfr eto.",
      ready: "Mae'r ffeil yn barod. Teipiwch eich cyfrinymadrodd i'w hagor.",
    },
  },
  months: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
  sections: {
    present: { title: "Fy mywyd nawr", blurb: "Pwy ydw i nawr, y bobl o 'nghwmpas i, a beth dw i'n ei hoffi." },
    past: { title: "Fy ngorffennol", blurb: "Ble dw i wedi byw, a'r bobl a'r adegau dw i'n eu cofio." },
    future: { title: "Fy nyfodol", blurb: "Gobeithion, breuddwydion a beth hoffwn i ei wneud." },
  },
  kinds,
  closeness: {
    closest: "Agosaf ata i",
    close: "Agos",
    further: "Ychydig ymhellach",
  },
  places: {
    home: "Cartref",
    placement: "Lle bues i'n byw mewn gofal",
    school: "Ysgol",
    country: "Gwlad",
    hospital: "Ysbyty",
    event: "Rhywbeth a ddigwyddodd",
    other: "Rhywle arall",
  },
  identity: {
    ethnicity: "Fy ethnigrwydd",
    culture: "Fy niwylliant",
    religion: "Fy nghrefydd neu fy nghredoau",
    languages: "Ieithoedd dw i'n eu siarad",
    disability: "Anabledd, a beth sy'n fy helpu i",
    "sexual-identity": "Fy hunaniaeth rywiol (yn fy ngeiriau fy hun)",
    gender: "Fy rhywedd (yn fy ngeiriau fy hun)",
  },
  feelings: {
    happy: "Hapus",
    calm: "Tawel",
    okay: "Iawn",
    mixed: "Cymysg",
    sad: "Trist",
    worried: "Poeni",
    angry: "Blin",
  },
  felt: {
    happy: "teimlo'n hapus",
    calm: "teimlo'n dawel",
    okay: "teimlo'n iawn",
    mixed: "teimlo'n gymysg",
    sad: "teimlo'n drist",
    worried: "yn poeni",
    angry: "teimlo'n flin",
  },
  parties: {
    "young-person": "Y person ifanc",
    carer: "Gofalwr",
    "social-worker": "Gweithiwr cymdeithasol",
    school: "Ysgol",
    "birth-family": "Teulu geni",
    siblings: "Brodyr a chwiorydd",
  },
  roles,
  audience: {
    none: "Neb eto",
    only: (name) => `Dim ond ${name}`,
    // The young person, named by their own name, always comes first, so
    // the word after "a" is always a common noun that can mutate.
    list: (names) => andCy(names),
  },
  welcome: {
    lead: "Llyfr preifat am fywyd plentyn, wedi'i wneud gyda'r bobl o'i gwmpas.",
    hint: "Mae pob tudalen wedi'i chloi ag allweddi: dim ond y bobl mae'r person ifanc yn eu dewis all ei darllen hi byth.",
    open: "Agor ffeil",
    start: "Dechrau ffeil newydd",
    openOther: "Agor ffeil o rywle arall…",
  },
  create: {
    title: "Dechrau ffeil newydd",
    hint: "Mae popeth rydych chi'n ei deipio yma'n cael ei gadw wedi'i amgryptio ar y cyfrifiadur hwn.",
    whereTitle: "Ble i gadw'r ffeil",
    defaultName: "Stori bywyd",
    child: "Enw'r plentyn",
    me: "Eich enw chi",
    youAre: "Chi yw … y plentyn",
    pass: "Eich cyfrinymadrodd",
    passHint: (min) => `(o leiaf ${min} nod)`,
    again: "Teipiwch ef eto",
    tooShort: (min) => `Dewiswch gyfrinymadrodd o ${min} nod o leiaf: ychydig o eiriau y byddwch chi'n eu cofio sydd orau.`,
    different: "Mae'r ddau gyfrinymadrodd yn wahanol. Teipiwch nhw eto, os gwelwch yn dda.",
    notYet: "Dydy'r ddau gyfrinymadrodd ddim yr un fath eto.",
    savedIn: (place) => `Bydd yn cael ei chadw yn ${place}.`,
    elsewhere: "Dewis lle arall…",
    making: "Wrthi'n gwneud y ffeil…",
    make: "Gwneud y ffeil",
    back: "Yn ôl",
  },
  recovery: {
    title: "Yr allwedd adfer",
    before: "Mae'r allwedd hon yn agor pob tudalen os bydd cyfrinymadroddion wedi mynd yn angof. Mae'n cael ei dangos ",
    onlyNow: "dim ond nawr",
    after: ", a dydy hi ddim yn cael ei chadw yn unman.",
    key: "Allwedd adfer",
    hint: "Cadwch y daflen adfer, argraffwch hi, a'i chadw dan glo yn yr asiantaeth gyda chofnodion y plentyn. Yna dilëwch y ffeil.",
    save: "Cadw'r daflen adfer…",
    fileName: "Taflen adfer.txt",
    saveTitle: "Cadw'r daflen adfer",
    savedTo: (path) => `Wedi'i chadw yn ${path}`,
    kept: "Rydw i wedi cadw neu ysgrifennu'r allwedd adfer",
    next: "Ymlaen",
  },
  unlock: {
    binder: "Ffeil",
    who: "Pwy wyt ti?",
    typePass: (name) => `${name}, teipia dy gyfrinymadrodd`,
    opening: "Wrthi'n agor…",
    open: "Agor y llyfr",
    other: "Agor ffeil arall",
  },
  nav: {
    label: "Prif ddewislen",
    myBook: "Fy llyfr",
    whatsNew: "Beth sy'n newydd",
    allMyPages: "Fy holl dudalennau",
    book: "Y llyfr",
    write: "Ysgrifennu tudalen",
    add: "Ychwanegu tudalen",
    sessions: "Sesiynau",
    print: "Argraffu",
    siblings: "Brodyr a chwiorydd",
    settings: "Gosodiadau",
    lock: "Cloi",
    lockTitle: "Cloi'r llyfr nawr",
  },
  book: {
    parts: "Rhannau'r llyfr",
    aboutMe: "Popeth amdana i",
    people: "Fy mhobl i",
    lifeMap: "Map fy mywyd",
    pages: "Tudalennau",
    add: "Ychwanegu tudalen",
    empty: "Does dim tudalennau yma eto.",
    moved: (title, place) => `Wedi symud "${title}" i le ${place}.`,
    sensitive: " · sensitif",
    up: (title) => `Symud "${title}" i fyny`,
    down: (title) => `Symud "${title}" i lawr`,
    letterForAge: (age) => `Llythyr ar gyfer pan fyddi di'n ${age} oed`,
    letterOn: (date) => `Llythyr i'w agor ar ${date}`,
    sealed: ": wedi'i selio tan hynny.",
    hidden: (n) =>
      plural("cy", n, {
        one: `Mae 1 dudalen yn y ffeil hon sydd heb ei rhannu gyda ti.`,
        other: `Mae ${tudalen(n)} yn y ffeil hon sydd heb eu rhannu gyda ti.`,
      }),
  },
  people: {
    label: (child, names) => `Pobl ${child}: ${names}`,
    me: "Fi",
  },
  lifeMap: {
    label: (titles) => `Map bywyd: ${titles.join(", wedyn ")}`,
  },
  page: {
    pet: "Anifail anwes",
    from: (when) => `o ${when}`,
    to: (when) => ` tan ${when}`,
    picture: "Llun",
    back: "← Yn ôl i'r llyfr",
    writtenBy: (name, role) => `Wedi'i hysgrifennu gan ${name} (${role})`,
    sensitive: " · sensitif",
    edit: "Golygu'r dudalen hon",
    confirmDelete: (title) => `Dileu "${title}" i bawb? Does dim modd ei chael hi'n ôl.`,
    yesDelete: "Ie, dileu hi",
    keep: "Ei chadw",
    delete: "Dileu…",
    readAloud: "Darllen y dudalen hon i mi",
    stopReading: "Stopio darllen",
  },
  cover: {
    label: "Tudalen i'w hagor pan fyddi di'n barod",
    hard: "Mae'r dudalen hon am rywbeth a allai fod yn anodd ei ddarllen, fel pam y dest ti i ofal. Efallai yr hoffet ti gael oedolyn gyda ti.",
    choice: "Gelli di ei hagor hi nawr, wedyn, neu byth. Ti sy'n dewis.",
    open: "Agor y dudalen hon",
  },
  who: {
    title: "Pwy sy'n gallu gweld hon?",
    saved: (sentence) => `Wedi'i chadw: ${sentence} sy'n gallu gweld y dudalen hon.`,
    notSaved: " (heb ei chadw eto)",
    authorAlways: "Mae pwy bynnag a ysgrifennodd dudalen yn gallu ei gweld hi bob amser",
    always: "bob amser",
    canSee: "gall weld",
    cantSee: "methu gweld",
    howAgreed: (child) => `Sut wnaeth ${child || "y person ifanc"} gytuno i hyn?`,
    example: (child) => `e.e. "Dywedodd ${child} ie pan ddarllenon ni hi gyda'n gilydd"`,
    share: "Ei rhannu",
    cancel: "Canslo",
    chose: (child) => `${child} wnaeth ddewis hyn`,
    ledger: "Pwy gytunodd i beth (y cofnod caniatâd)",
    refused: (n) =>
      `Dydy ${plural("cy", n, { one: `${n} cofnod`, two: `${n} gofnod`, other: `${n} cofnod` })} ddim wedi'u llofnodi gan neb yn y llyfr, felly dydyn nhw ddim yn cael eu dangos. Gall y gweithiwr cymdeithasol wirio'r llyfr.`,
    madeVisible: (by) => `${by} wedi dewis pwy sy'n gallu ei gweld:`,
  },
  editor: {
    opening: "Wrthi'n agor y dudalen…",
    edit: (title) => `Golygu "${title}"`,
    write: "Ysgrifennu tudalen",
    add: "Ychwanegu tudalen",
    kind: "Pa fath o dudalen?",
    part: "Pa ran o'r llyfr?",
    partOfMe: "Pa ran ohona i?",
    theirName: "Eu henw",
    place: "Y lle",
    title: "Teitl",
    whoTo: (child) => (child ? `Pwy ydyn nhw i ${child}` : "Pwy ydyn nhw i mi"),
    whoExample: "e.e. fy nain, ffrind gorau, ein ci ni",
    howClose: "Pa mor agos?",
    pet: "Anifail anwes",
    placeKind: "Pa fath o le?",
    from: "O",
    fromHint: '(e.e. "haf 2019" neu "Mehefin 2019")',
    until: "Tan",
    placeWords: "Sut le oedd e, a pham newidiodd pethau",
    words: "Y geiriau",
    notes: "Nodiadau",
    style: "Arddull y testun",
    bold: "Trwm",
    boldMark: "T",
    italic: "Italig",
    italicMark: "I",
    heading: "Pennawd",
    list: "• Rhestr",
    quote: "“ Dyfyniad",
    strongWords: "geiriau cryf",
    gentleWords: "geiriau tyner",
    maybe: (instead) => `— efallai “${instead}”?`,
    preview: "Sut bydd hi'n edrych",
    pictures: "Lluniau",
    drop: "Gollwng ffotograffau neu luniau unrhyw le ar y ffenest hon, neu",
    choose: "dewis nhw",
    dropEnd: ".",
    remove: "Tynnu",
    uploading: (done, total) => `${done} o ${llun(total)}`,
    stop: "Stopio",
    notPicture: (file) => `${file}: dydy hwn ddim yn llun mae'r llyfr yn gallu ei gadw (JPEG, PNG, WebP, GIF, BMP neu TIFF).`,
    more: "Rhagor: dyddiad, sensitif, llythyr ar gyfer wedyn",
    when: "Pryd",
    whenHint: '(dewisol, e.e. "2024")',
    sensitive: (child) =>
      `Mae'r dudalen hon yn sensitif (mae'n cael ei chadw allan o lyfrau wedi'u hargraffu oni bai bod rhywun yn gofyn, ac mae'n cael ei gorchuddio'n dyner i ${child || "y person ifanc"})`,
    letter: "Llythyr ar gyfer wedyn yw hwn: ei gadw wedi'i selio tan ddyddiad",
    openOn: "Agor ar",
    whoCanSee: "Pwy sy'n gallu gweld hon?",
    willRead: (sentence) => `${sentence} fydd yn gallu ei darllen hi.`,
    howAgreed: (child) => `Sut wnaeth ${child || "y person ifanc"} gytuno i'w rhannu hi?`,
    example: (child) => `e.e. "Dywedodd ${child} ie tra oedden ni'n ei hysgrifennu hi"`,
    saving: "Wrthi'n cadw…",
    save: "Cadw'r dudalen",
    cancel: "Canslo",
    ideas: "Angen syniad?",
    ideasHint: "Dewisa un, gad unrhyw un, neu ysgrifenna dy un dy hun.",
    answered: "(mae tudalen ar gyfer hwn)",
  },
  reader: {
    hello: (child) => `Helo ${child}! Dyma dy lyfr di. Tro'r dudalen i ddechrau.`,
    letterLater: "Llythyr ar gyfer wedyn",
    letterSealed: (date) => `Mae rhywun wedi ysgrifennu llythyr atat ti. Bydd yn aros wedi'i selio tan ${date}.`,
    ownWords: "Yn fy ngeiriau fy hun",
    writtenBy: (name) => `Wedi'i hysgrifennu gan ${name}`,
    turn: "Troi'r dudalen",
    back: "Yn ôl",
    next: "Nesaf",
    count: (at, of) => `Tudalen ${at} o ${of}`,
  },
  oversight: {
    title: (child) => `Beth sy'n newydd yn llyfr ${child}`,
    // The number stands on its own above these words: the noun stays singular.
    changed: (_n, since) =>
      `tudalen newydd neu wedi newid ${since ? `ers i chi edrych ar ${since}` : "(dydych chi ddim wedi edrych o'r blaen)"}`,
    waiting: (child) => `yn aros i ${child} gytuno`,
    noSessions: "dim sesiynau eto",
    daysSince: "diwrnod ers y sesiwn ddiwethaf",
    added: "Wedi'u hychwanegu neu eu newid",
    seen: "Marcio'r cyfan wedi'u gweld",
    nothingNew: "Dim byd newydd ers i chi edrych ddiwethaf.",
    new: "newydd",
    changedTag: "wedi newid",
    by: (name) => `gan ${name}`,
    gone: "rhywun sydd ddim yn y ffeil mwyach",
    background: (child) => `Cefndir sy'n aros i ${child} gytuno`,
    backgroundHint: (child) =>
      `Tudalennau a ysgrifennwyd gan weithiwr cymdeithasol nad ydy ${child} yn gallu eu gweld eto. Rhannwch nhw pan fydd ${child} yn barod ac yn cytuno.`,
    none: "Dim.",
    sensitive: "sensitif · ",
    sessions: "Sesiynau",
    sessionsHint: 'Dim sesiynau eto. Mae gofalwr yn dechrau un o "Sesiynau".',
    pages: (n) => tudalen(n),
    all: "Pob sesiwn",
  },
  print: {
    title: "Argraffu'r llyfr",
    hint: "Gwnewch PDF ar gyfer ffolder modrwy. Dim ond tudalennau sydd wedi'u rhannu gyda'r person rydych chi'n ei ddewis sy'n cael eu hargraffu.",
    forWhom: "I bwy mae'r copi hwn?",
    refill: "Dim ond tudalennau newydd neu wedi newid ers iddyn nhw gael copi diwethaf",
    sensitive: "Cynnwys tudalennau sydd wedi'u marcio'n sensitif",
    oneSided: "Argraffu ar un ochr i'r papur",
    nothingNew: (since) => `Dim byd newydd i'w argraffu ers ${since ?? "yr argraffu diwethaf"}.`,
    pages: (n) => tudalen(n),
    detail: (entries, pictures) => ` (${entries} o dudalennau'r llyfr, ${llun(pictures)})`,
    newSince: (date) => `, newydd ers ${date}`,
    counting: "Wrthi'n cyfrif y tudalennau…",
    reading: "Wrthi'n darllen y tudalennau",
    placing: "Wrthi'n gosod y lluniau",
    progress: (label, done, total) => `${label}: ${done} o ${total}`,
    stop: "Stopio",
    stopped: "Wedi stopio. Chafodd dim ffeil ei gwneud.",
    make: "Gwneud y PDF",
    saveElsewhere: "Ei gadw yn rhywle arall…",
    saveTitle: "Cadw'r llyfr",
    fileName: (child) => `Llyfr ${child}.pdf`,
    ready: "Mae'r llyfr yn barod",
    savedTo: (pages) => `${tudalen(pages)}, wedi'i gadw yn`,
    insert: (pages, title, after, replaces) =>
      `Rhowch ${pages.length > 1 ? "dudalennau" : "dudalen"} ${pages.join(", ")} ("${title}") ${
        after ? `ar ôl tudalen ${after}` : `yn lle ${replaces.length > 1 ? "tudalennau" : "tudalen"} ${replaces.join(", ")}`
      }.`,
    remove: (page) => `Tynnwch dudalen ${page} allan a'i rhwygo'n fân.`,
    open: "Ei agor",
  },
  sessions: {
    title: "Sesiynau",
    none: "Dim sesiynau eto.",
    today: "Roedd y sesiwn ddiwethaf heddiw.",
    days: (n) => diwrnod(n),
    since: " ers y sesiwn ddiwethaf.",
    running: "Mae sesiwn yn rhedeg",
    started: (day, by, setting, pages) =>
      `Wedi dechrau ${day} gan ${by}${setting ? `, ${setting}` : ""}. Mae tudalennau sy'n cael eu hychwanegu nawr yn perthyn iddi (${pages} hyd yma).`,
    howFelt: "Sut oedd hi'n teimlo?",
    note: "Nodyn ar gyfer y tro nesaf",
    optional: "(dewisol)",
    end: "Gorffen y sesiwn",
    start: "Dechrau sesiwn",
    where: "Ble, a sut?",
    whereHint: '(e.e. "bwrdd y gegin, ar ôl ysgol")',
    begin: "Dechrau'r sesiwn",
    overTime: "Sesiynau dros amser",
    day: "Diwrnod",
    with: "Gyda",
    place: "Ble",
    pages: "Tudalennau",
    felt: "Teimlad",
    noteHead: "Nodyn",
    isRunning: "yn rhedeg",
    forAdults: "Mae nodiadau'r oedolion am y sesiwn hon yn cael eu cadw iddyn nhw.",
    backupFailed: (why: string) => `Mae'r sesiwn wedi'i chadw, ond doedd dim modd gwneud y copi wrth gefn oedd yn ddyledus: ${why}`,
    refused: (n) =>
      `Cafodd ${n} sesiwn eu newid y tu allan i'r ap, felly dydyn nhw ddim yn cael eu dangos. Gall y gweithiwr cymdeithasol redeg gwiriad i weld pa rai.`,
  },
  settings: {
    title: "Gosodiadau",
    idle: "Cloi'r llyfr ar ôl hyn o funudau heb ei ddefnyddio",
    save: "Cadw",
    idleSaved: (n) => `Bydd y llyfr yn cloi ar ôl ${munud(n)} heb ei ddefnyddio.`,
    mine: "Sut mae'r llyfr yn edrych i ti",
    mineHint: "Dy rai di yw'r rhain: mae pawb arall sy'n agor y llyfr yn cadw eu rhai eu hunain.",
    language: "Iaith",
    textSize: "Maint y testun",
    sizes: { standard: "Arferol", large: "Mawr", larger: "Mwy eto" },
    dyslexia: "Llythrennau sy'n haws gyda dyslecsia (OpenDyslexic)",
    saved: "Wedi'u cadw.",
    members: "Pobl sy'n gallu agor y llyfr hwn",
    addSomeone: "Ychwanegu rhywun",
    theirName: "Eu henw",
    theyAre: "Nhw yw'r…",
    theirPass: "Eu cyfrinymadrodd",
    theirPassHint: "(gallan nhw ei deipio eu hunain nawr)",
    passTooShort: (min) => `Dewiswch gyfrinymadrodd o ${min} nod o leiaf.`,
    adding: "Wrthi'n ychwanegu…",
    addThem: "Eu hychwanegu",
    added: (name, role) => `Gall ${name} agor y llyfr nawr fel y ${role}.`,
    addedWaiting: (name, role) => `Mae ${name} wedi'i ychwanegu fel y ${role}, a gall agor y llyfr unwaith y bydd y gweithiwr cymdeithasol yn cymeradwyo.`,
    addedBy: (name) => `wedi'i ychwanegu gan ${name}`,
    addedByAgency: "wedi'i ychwanegu gan yr asiantaeth (taflen adfer)",
    startedBinder: "wedi dechrau'r rhwymwr hwn",
    waiting: "yn aros i'r gweithiwr cymdeithasol gymeradwyo",
    approve: (name) => `Cymeradwyo ${name}`,
    approved: (name) => `Gall ${name} agor y llyfr nawr.`,
    signed: (changes, pages) =>
      `Wedi'i wirio: cafodd pawb yma eu hychwanegu gan rywun a oedd â'r hawl, mae pob newid i bwy sy'n gallu agor y llyfr wedi'i lofnodi (${changes} newid), ac mae pob tudalen wedi'i llofnodi gan y person a'i hysgrifennodd (${pages} tudalen).`,
    refusedPages: (pages) =>
      `Cafodd ${pages} tudalen eu newid y tu allan i'r ap, felly dydyn nhw ddim yn cael eu dangos. Gall y gweithiwr cymdeithasol redeg gwiriad i weld pa rai.`,
    unsigned: "Cafodd y llyfr hwn ei wneud cyn i newidiadau i bwy sy'n gallu ei agor gael eu llofnodi, felly dydy'r rhestr honno ddim wedi'i gwirio.",
    myPass: "Fy nghyfrinymadrodd",
    myPassHint: "Dim ond chi ddylai ei wybod. Ar ôl ei newid, fydd yr hen un ddim yn agor y llyfr ar y cyfrifiadur hwn.",
    currentPass: "Y cyfrinymadrodd rydych chi'n ei ddefnyddio nawr",
    newPass: "Cyfrinymadrodd newydd",
    newPassHint: "(mae pedwar neu bump gair ar hap yn hawdd eu cofio ac yn anodd eu dyfalu)",
    repeatPass: "Y cyfrinymadrodd newydd eto",
    notSame: "Dydy'r ddau gyfrinymadrodd newydd ddim yr un fath. Teipiwch nhw eto, os gwelwch yn dda.",
    changePass: "Newid fy nghyfrinymadrodd",
    changingPass: "Wrthi'n ei newid…",
    passChanged: "Mae eich cyfrinymadrodd wedi newid. Defnyddiwch yr un newydd y tro nesaf y byddwch chi'n agor y llyfr.",
    forExample: (words: string) => `Er enghraifft (wedi'i wneud nawr, heb ei gadw): ${words}`,
    useIt: "Defnyddio'r geiriau hyn",
    writeItDown: (words: string) => `Eich cyfrinymadrodd newydd fydd: ${words}. Ysgrifennwch ef yn rhywle diogel cyn pwyso "Newid fy nghyfrinymadrodd".`,
    remove: (name: string) => `Tynnu ${name}`,
    removeAsk: (name: string) => `Tynnu ${name}? Fydd eu cyfrinymadrodd ddim yn agor y llyfr mwyach.`,
    olderBackups: (n: number) =>
      `Mae gan y cyfrifiadur hwn ${plural("cy", n, { one: `${n} copi wrth gefn`, two: `${n} gopi wrth gefn`, other: `${n} copi wrth gefn` })} o'r llyfr o'r blaen. Maen nhw'n dal i gynnwys yr hyn roedd y person a dynnoch chi'n gallu ei weld, ac yn agor â'r allweddi oedd ganddyn nhw.`,
    deleteBackups: "Dileu'r hen gopïau wrth gefn",
    backupsDeleted: (n: number) =>
      `Dilëwyd ${plural("cy", n, { one: `${n} hen gopi wrth gefn`, two: `${n} hen gopi wrth gefn`, other: `${n} hen gopi wrth gefn` })}. Gwnaed copi wrth gefn newydd nawr.`,
    removeYes: "Ie, tynnu",
    removeNo: "Eu cadw",
    removed: (name: string) =>
      `Dydy ${name} ddim yn gallu agor y llyfr hwn â'u cyfrinymadrodd mwyach. Mae copi o'r llyfr neu gopi wrth gefn a gadwon nhw yn dal i gynnwys yr hyn roedden nhw'n gallu ei weld hyd yma.`,
    removedRenewed: (name: string, r: string) =>
      `Dydy ${name} ddim yn gallu agor y llyfr hwn mwyach. Newidiwyd allwedd y ${r} ac allwedd a rennir y llyfr nawr, felly does dim a ysgrifennir o heddiw ymlaen yn agor ag allweddi y gallai ${name} fod wedi'u cadw. Mae copïau o'r llyfr a chopïau wrth gefn a wnaed cyn heddiw yn dal i gynnwys yr hyn roedd ${name} yn gallu ei weld hyd yma.`,
    removedKeyKept: (name: string, r: string, pages: number) =>
      `Dydy ${name} ddim yn gallu agor y llyfr hwn â'u cyfrinymadrodd mwyach. Ni newidiwyd allwedd y ${r}: byddai ${tudalen(pages)} y gall y ${r} yn unig ${pages === 1 ? "ei hagor yn cael ei cholli" : "eu hagor yn cael eu colli"}. Gall yr asiantaeth ei newid â'r daflen adfer heb ${pages === 1 ? "ei cholli" : "eu colli"}, ac yna ychwanegu'r ${r} nesaf. Tan hynny mae copi o'r allwedd a gadwodd ${name} yn agor yr hyn a rennir â'r ${r}.`,
    removedStillShared: (name: string, r: string, others: string[]) =>
      `Dydy ${name} ddim yn gallu agor y llyfr hwn â'u cyfrinymadrodd mwyach. Mae ${andCy(others, () => true)} yn dal i rannu allwedd y ${r}, felly mae copi ohoni a gadwodd ${name} yn agor yr hyn a rennir â'r ${r} nes i'r allwedd honno gael ei newid. Mae copïau o'r llyfr a chopïau wrth gefn a wnaed cyn heddiw yn cynnwys yr hyn roedd ${name} yn gallu ei weld hyd yma.`,
  },
  siblings: {
    title: "Brodyr a chwiorydd",
    intro: (child: string) => `Cysylltwch lyfr ${child} â llyfrau'r brodyr a'r chwiorydd, fel bod modd rhannu tudalennau rhyngddyn nhw. Does dim gweinydd: ffeil rydych chi'n ei rhoi i'r gofalwr arall yw tudalen a rennir.`,
    codeTitle: "Cod y teulu",
    linkedWith: "Mae'r llyfr hwn wedi'i gysylltu â'r cod:",
    codeLabel: "Cod y teulu",
    keepCode: "Cadwch e fel cyfrinymadrodd: gall unrhyw un sydd ag e agor tudalennau a gynigir rhwng y brodyr a'r chwiorydd.",
    unlink: "Datgysylltu",
    typeCode: "Teipiwch god y teulu (yr un fath ym mhob llyfr brawd a chwaer)",
    link: "Cysylltu",
    noCodeYet: "Dim cod eto? Gwnewch un yma, yna teipiwch e i lyfr pob brawd a chwaer.",
    makeCode: "Gwneud cod newydd",
    madeCode: "Dyma god newydd. Ysgrifennwch e i lawr ar gyfer y gofalwyr eraill, yna pwyswch Cysylltu.",
    linkedNow: (child: string) => `Mae llyfr ${child} wedi'i gysylltu â'r brodyr a'r chwiorydd nawr.`,
    unlinkedNow: "Wedi datgysylltu. Mae tudalennau a rannwyd eisoes yn aros lle maen nhw.",
    importTitle: "Tudalen gan frawd neu chwaer",
    importHint: "Bydd eu gofalwr yn rhoi ffeil i chi sy'n gorffen ag .lsp. Dewiswch hi i weld beth sydd ynddi cyn ei hychwanegu.",
    chooseFile: "Dewis y ffeil…",
    opening: "Yn ei hagor…",
    fileProblem: (name: string, message: string) => `${name}: ${message}`,
    from: (from: string, by: string, date: string) => `O lyfr ${from}, wedi'i chynnig gan ${by} ar ${date}.`,
    signedBy: (name: string, from: string) => `Wedi'i llofnodi gan ${name}, aelod o lyfr ${from}.`,
    signedByAgency: (from: string) => `Wedi'i llofnodi gan yr asiantaeth (taflen adfer) ar gyfer llyfr ${from}.`,
    firstFromBook: "Dyma'r dudalen gyntaf wedi'i llofnodi o'r llyfr hwnnw yma, felly does dim byd cynharach i'w chymharu â hi.",
    unsigned: "Heb ei llofnodi: dydy'r ffeil hon ddim yn dangos pwy a'i gwnaeth. Ychwanegwch hi dim ond os ydych chi'n gwybod o ble daeth hi.",
    pictures: (n: number) => llun(n),
    sensitive: "wedi'i marcio'n sensitif",
    alreadyHere: "Mae'r dudalen hon yn y llyfr hwn yn barod, felly ni ychwanegwyd dim.",
    whoHere: (child: string) => `Pwy sy'n gallu ei gweld yn llyfr ${child}?`,
    always: "bob amser",
    siblingsAlways: "Gall y brodyr a'r chwiorydd ei gweld bob amser: oddi wrthyn nhw y daeth hi.",
    howAgreedHere: (child: string) => `Sut cytunodd ${child} (gallwch adael hwn yn wag)`,
    addIt: (child: string) => `Ei hychwanegu at lyfr ${child}`,
    added: (title: string, from: string) => `Wedi ychwanegu “${title}” o lyfr ${from}.`,
    openIt: "Ei hagor",
    offerTitle: "Cynnig i frodyr a chwiorydd",
    offerHint: (child: string) => `Gwnewch gopi o'r dudalen hon na all dim ond llyfrau brodyr a chwiorydd ${child} ei agor. Bydd yn dangos ei bod wedi'i rhannu â nhw.`,
    offerButton: "Cynnig y dudalen hon…",
    howAgreed: (child: string) => `Sut cytunodd ${child} i rannu hon gyda'r brodyr a'r chwiorydd?`,
    howAgreedExample: (child: string) => `e.e. Dywedodd ${child} ie yn ein sesiwn`,
    confirmSensitive: (child: string) => `Mae'r dudalen hon wedi'i marcio'n sensitif. Rydw i wedi gwirio gyda ${child} ei bod yn iawn ei chynnig.`,
    makeFile: "Gwneud y ffeil",
    notNow: "Nid nawr",
    offered: (path: string, pictures: number) =>
      `Wedi'i chadw fel ${path}${pictures ? `, gyda ${llun(pictures)}` : ""}. Rhowch hi i'w gofalwr i'w hychwanegu at eu llyfr (ar gof bach USB neu e-bost: dim ond gyda chod y teulu mae'n agor).`,
  },
  errors: {
    // Gwallau'r craidd (src/error.rs).
    "wrong-passphrase": "Dydy'r cyfrinymadrodd yna ddim yn agor yr allwedd. Gwiriwch y bysell Caps Lock a rhowch gynnig arall arni.",
    "wrong-recovery-key": "Mae'r allwedd adfer yna'n perthyn i rwymwr arall. Gwiriwch mai'r daflen adfer iawn sydd gennych.",
    "not-a-recovery-key": "Dydy hon ddim yn allwedd adfer. Dylai ddechrau ag AGE-SECRET-KEY-1, fel ar y daflen adfer.",
    "unknown-member": ({ name }) => `Does neb o'r enw "${name}" yn gallu agor y rhwymwr hwn.`,
    "member-exists": ({ name }) => `Mae aelod o'r enw "${name}" yn barod. Dewiswch enw arall.`,
    "not-a-binder": ({ path }) =>
      `Dydy ${path} ddim yn rhwymwr Life Story, neu mae wedi'i ddifrodi gormod i'w adnabod. Gwiriwch mai'r ffeil iawn a ddewisoch; os felly, adferwch hi o'ch copi wrth gefn diweddaraf.`,
    "newer-schema": ({ found, supported }) =>
      `Cafodd y rhwymwr hwn ei gadw gan fersiwn mwy newydd o Life Story Binder (fformat ${found}; mae'r fersiwn hon yn darllen hyd at ${supported}). Diweddarwch yr ap i'w agor; ni newidiwyd dim.`,
    damaged:
      "Mae'r rhwymwr hwn wedi'i ddifrodi. Ni newidiwyd dim. Adferwch ef o'ch copi wrth gefn diweddaraf; bydd eich cyfrinymadrodd neu'ch allwedd adfer yn agor y copi.",
    tampered: "Mae rhan o'r rhwymwr hwn wedi'i newid y tu allan i Life Story Binder, felly does dim modd ymddiried ynddi. Ni newidiwyd dim. Adferwch y rhwymwr o gopi wrth gefn.",
    "excessive-work": ({ log_n }) =>
      `Mae allwedd yn y rhwymwr hwn yn gofyn am lawer mwy o waith i'w hagor nag y mae'r ap hwn byth yn ei ddefnyddio (scrypt 2^${log_n}). Nid Life Story Binder a'i gwnaeth, felly cafodd ei gwrthod.`,
    "not-shared": "Dydy'r dudalen hon ddim wedi'i rhannu gyda chi.",
    "key-waiting":
      "Mae'r dudalen hon wedi'i rhannu gyda chi, ond dydy ei hallwedd ddim wedi eich cyrraedd eto. Mae angen i rywun sy'n gallu ei darllen yn barod ychwanegu aelod o'ch rôl chi yn gyntaf.",
    sealed: ({ until }) => `Llythyr ar gyfer yn nes ymlaen yw hwn. Mae modd ei agor o ${until} ymlaen.`,
    "letter-waiting": ({ until }) =>
      `Mae diwrnod y llythyr hwn wedi dod (${until}). Bydd yn agor i chi y tro nesaf y bydd eich gofalwr neu'ch gweithiwr cymdeithasol yn agor y rhwymwr.`,
    "letter-needs-keeper":
      "Mae oedolyn yn cadw llythyr ar gyfer yn nes ymlaen tan ei ddiwrnod, fel na all neb, hyd yn oed y person ifanc, ei agor yn gynnar. Rhannwch ef gyda'u gofalwr neu eu gweithiwr cymdeithasol hefyd.",
    "not-found": "Doedd dim modd dod o hyd i hwnna: efallai ei fod wedi'i ddileu neu ei symud.",
    "ambiguous-id": ({ prefix }) => `Mae mwy nag un dudalen yn dechrau â "${prefix}".`,
    "consent-needed": "Mae angen nodyn o sut cytunodd y person ifanc cyn rhannu gyda rhagor o bobl.",
    "role-key-needed": ({ role: r }) =>
      `Dim ond rhywun sydd â'r rôl hon yn barod (${role(r)}), neu'r allwedd adfer, all ychwanegu aelod arall at y rôl hon.`,
    "no-role-key": ({ role: r }) =>
      `Does neb wedi'i ychwanegu â'r rôl hon (${role(r)}) eto, felly does dim allwedd ar ei chyfer. Ychwanegwch aelod â'r rôl hon yn gyntaf.`,
    "last-member": "Dyma'r aelod olaf sy'n dal allwedd y rôl hon. Ychwanegwch rywun arall i'r rôl yn gyntaf.",
    "already-exists": ({ path }) => `Mae ${path} yn bodoli'n barod. Dewiswch enw ffeil newydd fel nad oes dim yn cael ei drosysgrifo.`,
    "session-open": "Mae sesiwn yn rhedeg yn barod. Gorffennwch hi cyn dechrau un arall.",
    "no-open-session": "Does dim sesiwn yn rhedeg.",
    "duplicate-picture": "Mae'r llun hwn yn y rhwymwr yn barod, felly ni chafodd ei ychwanegu eto.",
    "disk-full":
      "Does dim digon o le ar y ddisg i gadw hwn. Ni newidiwyd dim ac ni chollwyd dim. Gwnewch ragor o le, neu symudwch y rhwymwr i yriant arall, yna rhowch gynnig arall arni.",
    "write-failed":
      "Gwrthododd y ddisg gadw hwn (efallai ei bod yn llawn neu wedi'i datgysylltu). Ni newidiwyd dim ac ni chollwyd dim. Gwiriwch y gyriant, yna rhowch gynnig arall arni.",
    "too-many-attempts": ({ wait_secs }) =>
      `Roedd y cyfrinymadrodd yn anghywir sawl gwaith. Arhoswch ${wait_secs} eiliad, yna rhowch gynnig arall arni'n ofalus. Os yw wedi mynd yn angof, gall rhywun arall yn y rhwymwr neu'r daflen adfer osod un newydd.`,
    cancelled: "Wedi stopio. Ni ysgrifennwyd dim.",
    "not-a-change-file": ({ path }) => `Dydy ${path} ddim yn ffeil newidiadau Life Story (maen nhw'n gorffen ag .lsc).`,
    "newer-change-file": ({ version }) =>
      `Cafodd y ffeil newidiadau hon ei gwneud gan fersiwn mwy newydd o Life Story Binder (fformat newidiadau ${version}). Diweddarwch yr ap ar y cyfrifiadur hwn, yna mewnforio hi eto; ni newidiwyd dim.`,
    "foreign-change-file":
      "Mae'r ffeil newidiadau hon yn perthyn i rwymwr arall (rhwymwr plentyn arall, neu un a wnaed ar wahân). Ni newidiwyd dim. Gwiriwch mai'r rhwymwr iawn a'r ffeil iawn a ddewisoch.",
    "tampered-change-file":
      "Mae'r ffeil newidiadau hon wedi'i difrodi, yn anghyflawn neu wedi'i newid ar ôl ei gwneud, felly ni ddefnyddiwyd dim ohoni. Ni newidiwyd dim. Gofynnwch iddi gael ei hallforio eto a'i chopïo unwaith eto.",
    "change-file-old-keys":
      "Ysgrifennwyd y ffeil newidiadau hon gydag allweddi'r llyfr o'r cyfnod cyn i rywun gael ei dynnu, felly ni chymerwyd dim ohoni. Ni newidiwyd dim. Bydd y copi a'i hysgrifennodd yn cymryd yr allweddi newydd yn ei gyfnewid nesaf, ac yna'n ysgrifennu ei newidiadau eto.",
    "membership-forked":
      "Mae'r copi hwn a'r copi a ysgrifennodd y ffeil newidiadau hon ill dau wedi newid pwy sydd yn y llyfr ers iddyn nhw gyfnewid ddiwethaf, mewn ffyrdd na all y copi hwn eu rhoi at ei gilydd (tynnwyd rhywun, neu newidiwyd allweddi'r llyfr, ac ni ellir gwneud hynny eto yma). Ni chymerwyd dim ohoni. Ni newidiwyd dim. Anfonwch newidiadau'r copi hwn i'r copi arall yn gyntaf, neu gofynnwch i'r gweithiwr cymdeithasol gyfnewid ar y copi hwn. Os na fydd hynny'n helpu, gofynnwch i'r gweithiwr cymdeithasol am gopi newydd o'r llyfr.",
    "keys-replaced":
      "Newidiwyd allweddi'r llyfr ar gopi arall (tynnwyd rhywun) ac nid yw eich allwedd yn agor y rhai newydd, neu ni chafodd y ffeil newidiadau hon ei gwneud gan un o gopïau'r llyfr hwn. Ni newidiwyd dim. Gofynnwch i'r gweithiwr cymdeithasol: os newidiwyd yr allweddi, gall roi copi newydd o'r llyfr i chi.",
    "not-an-offer":
      "Dydy'r ffeil yna ddim yn dudalen a gynigiwyd o lyfr brawd neu chwaer. Dewiswch ffeil a wnaed gyda \"Cynnig i frodyr a chwiorydd\" (maen nhw'n gorffen ag .lsp). Ni newidiwyd dim.",
    "forged-offer": "Mae ffeil y dudalen hon yn dweud pwy a'i cynigiodd, ond dydy hynny ddim yn gywir: cafodd ei newid ar ôl ei chynnig, neu ei gwneud gan rywun y tu allan i lyfr y plentyn hwnnw. Dydy hi ddim wedi cael ei hychwanegu. Gofynnwch i'r person a'i hanfonodd ei chynnig eto o'r ap.",
    "foreign-offer":
      "Dydy'r dudalen hon ddim yn agor gyda chod brodyr a chwiorydd y rhwymwr hwn: cafodd ei chynnig i deulu arall, neu cafodd ei difrodi ar y ffordd. Ni newidiwyd dim. Gwiriwch fod y ddau rwymwr yn defnyddio'r un cod, neu gofynnwch am gynnig y dudalen eto.",
    "not-linked":
      "Dydy'r rhwymwr hwn ddim wedi'i gysylltu â llyfrau brodyr neu chwiorydd eto. Cysylltwch ef gyda chod y teulu yn gyntaf (gall y gweithiwr cymdeithasol wneud un).",
    "confirm-sensitive":
      "Mae'r dudalen hon wedi'i marcio'n sensitif. Gwiriwch gyda'r person ifanc a chadarnhewch y dylid ei chynnig i'r brodyr a'r chwiorydd, yna rhowch gynnig arall arni.",
    "offer-from-this-binder":
      "Cafodd y dudalen hon ei chynnig o'r rhwymwr hwn ei hun, felly mae hi yma'n barod. Mewnforiwch hi i rwymwr brawd neu chwaer.",
    "bad-group-code":
      "Dydy'r cod teulu yna ddim yn edrych yn iawn. Mae ganddo 16 o lythrennau a rhifau mewn pedwar grŵp, fel 7KQM-2XHT-R9PA-F3DW: gwiriwch bob un a rhowch gynnig arall arni.",
    // After "yn", a noun takes the soft mutation: math → fath, maint → faint.
    "not-a-choice": ({ of, given }) =>
      `Dydy "${given}" ddim yn ${
        {
          section: "rhan o'r llyfr",
          kind: "fath o dudalen",
          "place-kind": "fath o le",
          closeness: "un o'r cylchoedd",
          "identity-field": `rhan o "${kinds.identity}"`,
          role: "rôl",
          party: "rhywun y gellir rhannu tudalen gyda nhw",
          "picture-size": "faint llun",
          feeling: "un o'r teimladau",
          language: "iaith sydd yma",
        }[of]
      }.`,
    "not-a-day": ({ given }) => `Dydy "${given}" ddim yn ddyddiad. Ysgrifennwch ef fel blwyddyn-mis-diwrnod, e.e. 2031-05-14.`,
    "not-a-date": ({ given }) => `Dydy "${given}" ddim yn ddyddiad mae'r ap hwn yn ei ddeall. Rhowch gynnig ar 2019-06-14, Mehefin 2019, haf 2019 neu 2019.`,
    "unknown-prompt": ({ id }) => `Does dim syniad am dudalen o'r enw "${id}".`,
    "child-name-needed": "Rhowch enw'r plentyn (caiff ei gadw wedi'i amgryptio).",
    "bad-member-name": ({ max_chars }) => `Dylai enw aelod fod rhwng 1 a ${max_chars} nod, er enghraifft enw cyntaf neu lysenw.`,
    "passphrase-too-short": ({ min_chars }) => `Dewiswch gyfrinymadrodd o ${min_chars} nod o leiaf; mae brawddeg fer yn hawdd ei chofio.`,
    "weak-passphrase":
      "Byddai'n hawdd dyfalu'r cyfrinymadrodd hwnnw: enwau, penblwyddi a geiriau cyffredin sy'n cael eu trio gyntaf. Rhowch gynnig ar bedwar neu bum gair ar hap y gallwch eu dychmygu, fel pethau mewn ystafell, gyda bwlch rhyngddyn nhw.",
    "member-needed": ({ task }) =>
      task === "settings"
        ? "Does gan yr allwedd adfer ddim gosodiadau ei hun. Agorwch y llyfr fel aelod i'w dewis."
        : "Person sy'n rhedeg sesiwn: agorwch y llyfr fel aelod, nid gyda'r allwedd adfer.",
    "keys-for-another-binder": "Mae'r datgloi yna'n perthyn i rwymwr arall. Datglowch hwn yn gyntaf.",
    "may-not-remove-others": "Dim ond y gweithiwr cymdeithasol (neu'r allwedd adfer) all dynnu rhywun arall. Gallwch chi dynnu eich hun.",
    "may-not-admit": ({ role: r }) =>
      `Dim ond y gweithiwr cymdeithasol (neu'r asiantaeth, gyda'r daflen adfer) all ychwanegu aelod newydd (${role(r)}). Gofynnwch iddyn nhw ychwanegu'r person hwn.`,
    "awaiting-approval": ({ name }) => `Mae ${name} wedi cael ei ychwanegu, a gall agor y rhwymwr unwaith y bydd y gweithiwr cymdeithasol wedi cymeradwyo.`,
    "not-your-page": ({ act }) =>
      act === "edit"
        ? "Dim ond y person a ysgrifennodd y dudalen hon, neu'r gweithiwr cymdeithasol, all newid ei geiriau. Gallech chi ychwanegu tudalen eich hun amdani."
        : act === "delete"
          ? "Dim ond y person a ysgrifennodd y dudalen hon, neu'r gweithiwr cymdeithasol, all ei thynnu o'r llyfr."
          : "Dim ond y person a ysgrifennodd y dudalen hon, y person ifanc neu'r gweithiwr cymdeithasol all newid pwy sy'n ei gweld, ble mae hi'n mynd neu ei lluniau.",
    "author-always-sees": ({ role: r }) =>
      `Mae pwy bynnag ysgrifennodd y dudalen hon (${role(r)}) yn gallu ei gweld bob amser, felly does dim modd tynnu'r rôl honno.`,
    "kind-cannot-change": ({ from, to }) => `Tudalen "${kind(from)}" yw hon; all hi ddim troi'n "${kind(to)}". Ychwanegwch dudalen newydd yn lle hynny.`,
    "move-next-to-itself": "Does dim modd symud tudalen wrth ei hymyl ei hun.",
    "title-needed": "Mae angen teitl ar bob tudalen, hyd yn oed un byr.",
    "title-too-long": ({ max_chars }) => `Mae'r teitl yna'n hir iawn. Cadwch ef o dan ${max_chars} nod a rhowch y gweddill yn y dudalen.`,
    "page-too-long": ({ max_chars }) => `Mae'r dudalen yna dros ${max_chars.toLocaleString("cy-GB")} nod. Rhannwch hi'n sawl tudalen.`,
    "caption-too-long": ({ max_chars }) => `Mae'r capsiwn yna'n hir iawn. Cadwch ef o dan ${max_chars} nod a rhowch y gweddill ar y dudalen.`,
    "picture-body-needed": "Mae angen llun ar dudalen llun.",
    "no-pictures-here": `Gall lluniau fynd ar dudalennau geiriau, lleoedd, pobl a lluniau, ond nid ar "${kinds.identity}".`,
    "no-free-file-name": ({ file }) =>
      `Mae gormod o ${file === "book" ? "lyfrau" : "rwymwyr"} gyda'r enw hwn yn y ffolder; dewiswch le arall.`,
    "nothing-new-to-print": ({ since }) => `Does dim byd newydd neu wedi newid i'w argraffu ers ${since ?? "yr argraffu diwethaf"}.`,
    "backup-path-not-text": "Dewiswch ffolder copi wrth gefn sydd â'i enw mewn testun plaen.",
    "restore-onto-itself": "Y rhwymwr ei hun yw'r copi wrth gefn yna. Dewiswch ffeil copi wrth gefn.",
    usage: "Does dim modd gwneud hynny fel yna.",
    unexpected: ({ detail }) => `Aeth rhywbeth o'i le na ddylai fod wedi digwydd (${detail}). Ni newidiwyd dim.`,
    io: ({ path }) => `Methu defnyddio ${path}. Gwiriwch ei fod yno o hyd a bod hawl gennych i'w agor.`,
    storage: "Doedd dim modd darllen nac ysgrifennu ffeil y rhwymwr. Ni newidiwyd dim.",
    "picture-empty": "Mae'r ffeil yna'n wag, felly does dim llun ynddi. Efallai na orffennodd gopïo: copïwch hi eto a mewnforio'r copi.",
    "not-a-picture": "Dydy'r ffeil yna ddim yn llun, beth bynnag mae ei henw'n ei ddweud. Dewiswch lun neu sgan wedi'i gadw fel JPEG, PNG, WebP, GIF, BMP neu TIFF.",
    "picture-heic":
      "Llun iPhone yn fformat HEIC yw hwn, ac mae Life Story Binder yn methu ei ddarllen eto. Ar yr iPhone, rhannwch ef gydag Options → \"Most Compatible\" i gael JPEG, yna mewnforio hwnnw.",
    "picture-unsupported": ({ format }) =>
      `Llun ${format} yw hwn, ac mae Life Story Binder yn methu ei ddarllen. Agorwch ef mewn ap lluniau a'i gadw fel JPEG neu PNG, yna mewnforio hwnnw.`,
    "picture-damaged":
      "Mae'r llun hwn wedi'i ddifrodi neu'n anghyflawn (efallai na orffennodd gopïo). Copïwch ef eto o'r ffôn, y camera neu'r sganiwr, yna ei fewnforio. Ni ychwanegwyd dim.",
    "picture-too-large": ({ width, height, max_side, max_pixels }) =>
      width === 0 && height === 0
        ? "Byddai angen llawer mwy o gof i agor y llun hwn nag sydd ei angen ar unrhyw lun go iawn, felly cafodd ei wrthod. Os yw'n llun go iawn, agorwch ef mewn ap lluniau a chadw copi newydd fel JPEG neu PNG, yna mewnforio hwnnw."
        : `Mae'r llun hwn yn dweud ei fod yn ${width} × ${height} picsel, sy'n rhy fawr i'w agor yn ddiogel (yr uchafswm yw ${max_side} picsel bob ochr a ${Math.floor(max_pixels / 1e6)} megapicsel). Gwnewch gopi llai mewn ap lluniau, yna mewnforio hwnnw.`,
    "picture-file-too-big": ({ bytes, max_bytes }) =>
      `Mae'r ffeil hon yn ${Math.floor(bytes / 1e6)} MB; y ffeil llun fwyaf mae Life Story Binder yn ei mewnforio yw ${Math.floor(max_bytes / 1e6)} MB. Gwnewch gopi llai mewn ap lluniau, yna mewnforio hwnnw.`,
    // Gwallau'r ap ei hun (src-tauri/src/error.rs).
    locked: "Mae'r rhwymwr wedi'i gloi. Dewiswch pwy ydych chi a theipiwch eich cyfrinymadrodd i barhau.",
    "no-binder": "Does dim rhwymwr ar agor. Agorwch un, neu dechreuwch un newydd.",
    "no-recovery-key": "Dim ond yn syth ar ôl gwneud y rhwymwr y caiff yr allwedd adfer ei dangos.",
    "no-book-yet": "Gwnewch y PDF yn gyntaf.",
    "cannot-open-book": ({ path }) => `Cafodd y llyfr ei gadw, ond wnaeth dim gwyliwr PDF ei agor. Mae yn ${path}.`,
    "nothing-arrived": ({ what }) =>
      what === "picture" ? "Wnaeth y llun ddim cyrraedd; rhowch gynnig ar ei ychwanegu eto." : "Wnaeth y ffeil ddim cyrraedd; rhowch gynnig ar ei dewis eto.",
    "no-offer-chosen": "Dewiswch ffeil y dudalen yn gyntaf.",
    "idle-minutes-out-of-range": ({ min, max }) => `Dewiswch rhwng ${min} a ${max} munud.`,
  },
};
