// End-to-end: the real app binary, in a real WebKit window under Xvfb,
// driven through tauri-driver. One story, in order, as the people who use
// it would live it. Screenshots of each main screen go to $ARTIFACTS.
//
// Run by scripts/e2e, which starts Xvfb and tauri-driver and sets HOME,
// LIFESTORY_BINDERS_FOLDER and LIFESTORY_AUTO_LOCK_SECONDS for the app.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Driver, sleep } from "./webdriver.mjs";
import { MARKERS } from "./markers.mjs";

const APP = process.env.APP;
const WD = process.env.WD_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = process.env.ARTIFACTS;
const BINDERS = process.env.LIFESTORY_BINDERS_FOLDER;
const IDLE = Number(process.env.LIFESTORY_AUTO_LOCK_SECONDS);
const PICTURE = process.env.PICTURE;
/** The command-line tool, standing in for another family's copy of the app. */
const CLI = process.env.CLI;
const PASS = { jo: "jo's kitchen table passphrase", priya: "priya's office passphrase", sam: "sam's secret passphrase" };

let d;
let shot = 0;
// Priya's passphrase as she has it now: the Settings test changes it.
let priyaPass = PASS.priya;
async function screenshot(name) {
  await sleep(500); // WebKit can hand back the previous frame right after a change
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${String(++shot).padStart(2, "0")}-${name}.png`), await d.screenshot());
}
const button = (text) => `//button[contains(normalize-space(.), ${JSON.stringify(text)})]`;
async function click(text) {
  try {
    await (await d.find(button(text))).click();
  } catch (e) {
    await screenshot(`failed-to-click-${text.replace(/\W+/g, "-")}`).catch(() => {});
    throw e;
  }
}
// Focus first, then check what arrived: on a loaded machine WebKit once
// sent the keys to the field that still had focus (the page's words, just
// made bold), not to the one asked for.
async function fill(selector, text) {
  const el = await d.find(selector);
  await d.run("document.querySelector(arguments[0]).focus();", selector);
  await el.clear();
  await el.type(text);
  await d.until(`${selector} holds what was typed`, async () => (await el.property("value")) === text);
}
async function see(text, timeout) {
  return d.until(`"${text}" on screen`, async () => (await d.bodyText()).includes(text), timeout);
}
async function unlockAs(name, passphrase) {
  await click(name);
  await fill("#pass", passphrase);
  await click("Open the book");
  await d.find(button("Lock"));
}
/** Turn the young person's book forward until `text` shows; `onPage` sees each page's text. */
async function turnUntil(text, onPage = async () => {}) {
  for (let i = 0; i < 20; i++) {
    await click("Next");
    await sleep(150);
    const page = await d.bodyText();
    if (page.includes(text)) return true;
    await onPage(page);
  }
  return false;
}
/** Settings' "Add someone", as the person at the screen. */
async function addMember(name, role, pass) {
  await fill("#who", name);
  await d.run(`const s = document.querySelector('#who-role'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));`, role);
  await fill("#who-pass", pass);
  await click("Add them");
  await see(`${name} can now open the book`, 20_000);
}
async function lock() {
  // The short idle lock here may have locked it already, after a slow step
  // outside the window (the command-line tool's scrypt on a loaded machine).
  const locked = async () => (await d.bodyText()).includes("Who are you?");
  if (!(await locked())) {
    try {
      await click("Lock");
    } catch (e) {
      if (!(await locked())) throw e;
    }
  }
  await see("Who are you?");
}

before(async () => {
  d = await Driver.start(WD, APP);
});
after(async () => {
  await d?.quit();
});

test("a carer creates a binder and is shown the recovery key once", async () => {
  await see("Life Story Binder");
  await see("A private book of a child's life");
  await screenshot("welcome");
  await click("Start a new binder");
  await fill("#child", "Sam Taylor");
  await fill("#me", "Jo");
  await fill("#pass", PASS.jo);
  await fill("#again", PASS.jo);
  await click("Make the binder");
  const key = await (await d.find("p.key", 20_000)).text();
  assert.match(key, /^AGE-SECRET-KEY-1[0-9A-Z]+$/);
  assert.ok(readdirSync(BINDERS).includes("Sam.binder"), "the binder is saved in the binders folder, named for the child");
  await screenshot("recovery-key");
  await (await d.find("input[type=checkbox]")).click();
  await click("Continue");
  await see("Who are you?");
});

test("a wrong passphrase gets a clear message, the right one opens the book", async () => {
  await click("Jo");
  await fill("#pass", "not my passphrase at all");
  await click("Open the book");
  const error = await (await d.find("p.error[role=alert]", 15_000)).text();
  assert.match(error, /passphrase/i);
  await screenshot("unlock-wrong-passphrase");
  await fill("#pass", PASS.jo);
  await click("Open the book");
  await d.find(button("Lock"), 15_000);
  await see("Pages");
});

test("the carer adds the social worker and the young person", async () => {
  await click("Settings");
  for (const [name, role, pass] of [["Priya", "social-worker", PASS.priya], ["Sam", "young-person", PASS.sam]]) {
    await addMember(name, role, pass);
  }
  // Checked against the signed membership log, by the core.
  await see("added by Jo");
  await see("started this binder");
  await see("every page is signed by the person who wrote it");
});

test("the carer writes a page with the toolbar, sees a kind-language hint, and shares it with Sam", async () => {
  await click("Add a page");
  await d.find("#title");
  await fill("#title", "My first day at Oak Tree");
  await fill("#text", `Sam met a ${MARKERS.narrative} in the garden. We talked about contact with Mum.`);
  await d.run("const t = document.querySelector('#text'); t.focus(); t.setSelectionRange(4, 7);");
  await (await d.find("button[aria-label=Bold]")).click();
  await d.until("bold applied", async () => (await (await d.find("#text")).property("value")).startsWith("Sam **met**"));
  await see("maybe “family time”?");
  await d.find("//section[@aria-label='How it will look']//strong[text()='met']");
  await fill("#consent", "Sam said yes while we wrote it");
  await screenshot("carer-add-page");
  await click("Save the page");
  await d.find("//h1[text()='My first day at Oak Tree']", 15_000);
  await see(MARKERS.narrative);
  await see("Sam and Carer");
});

test("the carer adds a picture page from a file", async () => {
  await click("Add a page");
  await (await d.find("//label[contains(., 'Pictures')]")).click();
  await fill("#title", "Sports day");
  const input = await d.find("#picture-files");
  await input.type(PICTURE);
  await d.find(".thumbs img");
  await fill("#consent", "Sam picked this photo");
  await click("Save the page");
  await d.find("//h1[text()='Sports day']", 20_000);
  const width = await d.until("the picture to be shown", () =>
    d.run("const i = document.querySelector('.pictures img'); return i && i.complete && i.src.startsWith('blob:') ? i.naturalWidth : 0"),
  20_000);
  assert.ok(width > 100, `the picture shows at ${width} px wide`);
});

test("a damaged photo dropped on the window gets a clear message; the page is kept", async () => {
  await click("Add a page");
  await (await d.find("//label[contains(., 'Pictures')]")).click();
  await fill("#title", "Holiday snaps");
  // A real drop event, carrying a JPEG that stops after its first bytes.
  await d.run(`const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "broken.jpg", { type: "image/jpeg" }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));`);
  await d.find(".thumbs img");
  await fill("#consent", "Sam chose these");
  await click("Save the page");
  const problem = await (await d.find("//p[@role='alert'][contains(., 'broken.jpg')]", 20_000)).text();
  assert.match(problem, /broken\.jpg: .{20,}/, "the message names the file and says what is wrong");
  await screenshot("damaged-photo-message");
  await click("The book");
  await see("Holiday snaps");
});

test("the social worker writes background only she can see", async () => {
  await lock();
  await screenshot("unlock");
  await unlockAs("Priya", PASS.priya);
  await see("What's new in Sam's book");
  await click("Add a page");
  await fill("#title", "Why Sam came into care");
  await fill("#text", `Background for later: ${MARKERS.restricted}.`);
  await (await d.find("//fieldset[contains(@class,'share')]//button[contains(., 'Sam')]")).click();
  await d.until("only the social worker chosen", async () => (await d.bodyText()).includes("Only Social worker will be able to read it"));
  await click("Save the page");
  await d.find("//h1[text()='Why Sam came into care']", 15_000);
  await see("Only Social worker");
  await screenshot("who-can-see-this");
});

test("the carer cannot see the social worker's page; the social worker can", async () => {
  await lock();
  await unlockAs("Jo", PASS.jo);
  await see("My first day at Oak Tree");
  const text = await d.bodyText();
  assert.ok(!text.includes("Why Sam came into care"), "the carer does not see the restricted page's title");
  assert.ok(!text.includes(MARKERS.restricted));
  await see("1 page is in this binder but not shared with you");
  await lock();
  await unlockAs("Priya", PASS.priya);
  await see("Background waiting for Sam's agreement");
  await see("Why Sam came into care");
  await screenshot("social-worker-oversight");
});

test("widening a page asks how Sam agreed and records it in the ledger", async () => {
  await click("Why Sam came into care");
  await d.find("//h1[text()='Why Sam came into care']");
  await (await d.find("//section[contains(@class,'who')]//button[contains(., 'Sam')]")).click();
  await d.find("#consent");
  await screenshot("who-can-see-asks-consent");
  await fill("#consent", "Sam asked to read it with Priya");
  await click("Share it");
  await see("Sam and Social worker");
  await (await d.find("//summary[contains(., 'consent record')]")).click();
  await see("Sam asked to read it with Priya");
  // Marked sensitive, so Sam meets it behind a gentle cover.
  await click("Edit this page");
  await (await d.find("//summary[contains(., 'More')]")).click();
  await (await d.find("//label[contains(., 'This page is sensitive')]")).click();
  await d.until("the sensitive box ticked", () => d.run("return [...document.querySelectorAll('label.check input')][0].checked"));
  await click("Save the page");
  await d.find("//h1[text()='Why Sam came into care']", 15_000);
  await see("sensitive");
});

test("the young person reads their book, with the sensitive page covered", async () => {
  await lock();
  await unlockAs("Sam", PASS.sam);
  await see("This is your book");
  await screenshot("young-person-book-cover");
  const found = await turnUntil("might be hard to read", async (page) => {
    if (page.includes(MARKERS.narrative)) await screenshot("young-person-book-page");
  });
  assert.ok(found, "the sensitive page is behind a cover");
  assert.ok(!(await d.bodyText()).includes(MARKERS.restricted), "its words stay hidden until Sam opens it");
  await screenshot("young-person-sensitive-cover");
  await click("Open this page");
  await see(MARKERS.restricted);
});

test("the app locks itself after the idle time and clears the screen", async () => {
  await see(MARKERS.restricted);
  await sleep((IDLE + 2) * 1000);
  await see("Locked to keep the book private", 5_000);
  const text = await d.bodyText();
  assert.ok(!text.includes(MARKERS.restricted) && !text.includes(MARKERS.narrative), "no page text is left on screen");
  const blobs = await d.run("return [...document.querySelectorAll('img')].filter(i => i.src.startsWith('blob:')).length");
  assert.equal(blobs, 0);
  await screenshot("auto-locked");
});

test("the carer exports the book for Sam as a PDF", async () => {
  await unlockAs("Jo", PASS.jo);
  await click("Print");
  await see("pages", 15_000);
  await d.until("a page count", async () => /\d+ pages?/.test(await d.bodyText()), 20_000);
  await screenshot("print");
  await click("Make the PDF");
  await see("The book is ready", 60_000);
  const pdf = readdirSync(BINDERS).find((f) => f.endsWith(".pdf"));
  assert.ok(pdf, "a PDF was written to the binders folder");
  const text = execFileSync("pdftotext", [join(BINDERS, pdf), "-"]).toString();
  assert.ok(text.includes(MARKERS.narrative), "Sam's book has the page shared with Sam");
  assert.ok(!text.includes(MARKERS.restricted), "the sensitive page is left out unless asked for");
  await screenshot("print-done");
});

test("text scales to 200% without the screens spilling sideways", async () => {
  await d.run("document.documentElement.style.fontSize = '200%'");
  for (const view of ["The book", "Add a page", "Print"]) {
    await click(view);
    await sleep(300);
    const [scroll, width] = await d.run("return [document.documentElement.scrollWidth, window.innerWidth]");
    assert.ok(scroll <= width + 1, `"${view}" at 200% is ${scroll} px wide in a ${width} px window`);
  }
  await click("The book");
  await screenshot("text-200-percent");
  await d.run("document.documentElement.style.fontSize = ''");
});

test("the carer adds an identity page and a letter for later", async () => {
  await click("Add a page");
  await (await d.find("//label[contains(., 'All about me')]")).click();
  await d.run(`const s = document.querySelector('#field'); s.value = 'languages'; s.dispatchEvent(new Event('change'));`);
  await fill("#title", "Languages I speak");
  await fill("#text", "English, and Polish with Babcia");
  await fill("#consent", "Sam wrote this with me");
  await click("Save the page");
  await d.find("//h1[text()='Languages I speak']", 15_000);
  await click("Add a page");
  await fill("#title", "For when you are grown up");
  await fill("#text", `A letter from Jo: ${MARKERS.caption}.`);
  await (await d.find("//summary[contains(., 'More')]")).click();
  await (await d.find("//label[contains(., 'letter for later')]/input")).click();
  await d.run(`const u = document.querySelector('#until'); u.value = '2040-06-01'; u.dispatchEvent(new Event('input'));`);
  await fill("#consent", "Sam knows Jo wrote a letter");
  await click("Save the page");
  await see("A letter to open on 1 June 2040", 15_000);
  await see("All about me");
  await see("Languages I speak");
  await screenshot("identity-page");
  // Reordering by keyboard (the same move as dragging a page).
  const order = () => d.run("return [...document.querySelectorAll('.pages .t')].map(e => e.textContent)");
  const before = await order();
  const last = before[before.length - 1];
  await (await d.find(`button[aria-label='Move "${last}" up']`)).click();
  await d.until("the page to move up", async () => (await order()).indexOf(last) === before.length - 2);
});

test("the window switches to Welsh on the unlock screen, with dates in Welsh, and back to English in Settings", async () => {
  await lock();
  await (await d.find("//button[@lang='cy'][normalize-space(.)='Cymraeg']")).click();
  await see("Pwy wyt ti?");
  assert.equal(await d.run("return document.documentElement.lang"), "cy");
  await screenshot("welsh-unlock");
  await click("Jo");
  await fill("#pass", "not jo's passphrase");
  await click("Agor y llyfr");
  await see("Dydy'r cyfrinymadrodd yna ddim yn agor yr allwedd", 15_000); // the core's error, in Welsh
  await fill("#pass", PASS.jo);
  await click("Agor y llyfr");
  await d.find(button("Cloi"), 15_000);
  await see("Tudalennau");
  await see("Llythyr i'w agor ar 1 Mehefin 2040");
  const intl = await d.run("return new Intl.DateTimeFormat('cy-GB', { month: 'long' }).format(new Date(2040, 5, 1))");
  console.log(`# WebKit's Intl writes June in Welsh as "${intl}"`);
  await screenshot("welsh-interface");
  await click("My first day at Oak Tree");
  await see("Pwy sy'n gallu gweld hon?");
  await see("Wedi'i hysgrifennu gan Jo (gofalwr)");
  await screenshot("welsh-page");
  await click("Y llyfr");
  await click("Ychwanegu tudalen");
  await see("Angen syniad?");
  await see("Beth dw i'n hoffi ei wneud", 10_000); // the prompts come in Welsh too
  await screenshot("welsh-editor");
  await click("Canslo");
  await click("Argraffu");
  await d.until("a page count in Welsh", async () => /\d+ (t|d)udalen/.test(await d.bodyText()), 20_000);
  await screenshot("welsh-print");
  await click("Sesiynau");
  await see("Dechrau sesiwn");
  await screenshot("welsh-sessions");
  await click("Gosodiadau");
  await see("Sut mae'r llyfr yn edrych i ti");
  await screenshot("welsh-settings");
  await (await d.find("input[name=language][value=en]")).click();
  await see("How the book looks for you");
  assert.equal(await d.run("return document.documentElement.lang"), "en");
  await click("The book");
  await see("A letter to open on 1 June 2040");
  // Locking goes back to the window's language from before Jo opened the book.
  await click("Lock");
  await see("Pwy wyt ti?");
  await (await d.find("//button[@lang='en'][normalize-space(.)='English']")).click();
  await see("Who are you?");
  await unlockAs("Jo", PASS.jo);
});

test("large text and the dyslexia-friendly font are remembered for the carer, and only for her", async () => {
  const looks = () => d.run(`const html = document.documentElement;
    return { px: parseFloat(getComputedStyle(html).fontSize), font: getComputedStyle(document.body).fontFamily, classes: html.className };`);
  const plain = await looks();
  await click("Settings");
  await (await d.find("input[name='text-size'][value='larger']")).click();
  await (await d.find("input[name='dyslexia-font']")).click();
  await d.until("the larger text and the font", async () => /text-larger/.test((await looks()).classes) && /dyslexia-font/.test((await looks()).classes));
  const chosen = await looks();
  assert.ok(chosen.px >= plain.px * 1.45, `text is larger: ${plain.px} px → ${chosen.px} px`);
  assert.match(chosen.font, /OpenDyslexic/);
  const loaded = await d.runAsync(`const done = arguments[arguments.length - 1];
    document.fonts.load("16px OpenDyslexic").then((faces) => done(faces.map((f) => f.status)), (e) => done(String(e)));`);
  assert.ok(Array.isArray(loaded) && loaded.length > 0 && loaded.every((s) => s === "loaded"), `the font loads from the app itself: ${loaded}`);
  await screenshot("large-text-dyslexia-font");
  await click("The book");
  await screenshot("large-text-dyslexia-book");
  await lock();
  assert.deepEqual(await looks(), plain, "locking puts the window back as it was");
  await unlockAs("Jo", PASS.jo);
  await d.until("Jo's own settings again", async () => /text-larger/.test((await looks()).classes));
  const again = await looks();
  assert.equal(again.px, chosen.px);
  assert.match(again.font, /OpenDyslexic/);
  await lock();
  await unlockAs("Sam", PASS.sam);
  await see("This is your book");
  const sams = await looks();
  assert.equal(sams.px, plain.px, "Sam's text is the standard size");
  assert.doesNotMatch(sams.font, /OpenDyslexic/);
  const voices = await d.run("return window.speechSynthesis ? speechSynthesis.getVoices().filter((v) => v.localService).length : -1");
  const readButton = (await d.findAll(button("Read this page to me"))).length;
  console.log(`# speech: ${voices} local voices; read-aloud button shown: ${readButton > 0}`);
  if (voices <= 0) assert.equal(readButton, 0, "no read-aloud button without a voice");
});

test("the young person's book reads a page aloud with a local voice, and stops on a page turn and on lock", async () => {
  // This machine has no voices: stand one in, and listen to what the page asks the system to say.
  await d.run(`const s = window.speechSynthesis;
    const voice = { lang: "en-GB", name: "Test voice", localService: true, default: true, voiceURI: "test" };
    window.__said = [];
    s.getVoices = () => [voice];
    s.speak = (u) => window.__said.push({ text: u.text, lang: u.lang });
    s.cancel = () => window.__said.push("stop");
    s.dispatchEvent(new Event("voiceschanged"));`);
  await click("Read this page to me");
  await d.until("the page to be read", async () => (await d.run("return window.__said")).some((x) => x.text));
  const said = (await d.run("return window.__said")).find((x) => x.text);
  assert.match(said.text, /This is your book/);
  assert.doesNotMatch(said.text, /Read this page to me|Next/, "only the page's words, not its buttons");
  assert.equal(said.lang, "en-GB");
  await see("Stop reading");
  await d.run("window.__said = []");
  await click("Next");
  assert.ok((await d.run("return window.__said")).includes("stop"), "turning the page stops the reading");
  await click("Read this page to me");
  await d.run("window.__said = []");
  await lock();
  assert.ok((await d.run("return window.__said")).includes("stop"), "locking stops the reading");
  await unlockAs("Sam", PASS.sam);
  // In Welsh, the page is read as Welsh (the system finds a Welsh voice if it has one).
  await click("Settings");
  await (await d.find("input[name='language'][value='cy']")).click();
  await click("Fy llyfr");
  await see("Dyma dy lyfr di");
  await d.run("window.__said = []");
  await click("Darllen y dudalen hon i mi");
  await d.until("the page to be read", async () => (await d.run("return window.__said")).some((x) => x.text));
  const welsh = (await d.run("return window.__said")).find((x) => x.text);
  assert.match(welsh.text, /Dyma dy lyfr di/);
  assert.equal(welsh.lang, "cy-GB");
  await screenshot("welsh-young-person-book");
  await click("Gosodiadau");
  await (await d.find("input[name='language'][value='en']")).click();
  await see("How the book looks for you");
});

test("the young person answers a prompt and sees the sealed letter, not its words", async () => {
  await lock();
  await unlockAs("Sam", PASS.sam);
  await click("Write a page");
  await click("What I like doing");
  await fill("#text", "Football and drawing dragons.");
  await screenshot("young-person-answers-prompt");
  await click("Save the page");
  await d.find("//h1[text()='What I like doing']", 15_000);
  await click("My book");
  const letter = await turnUntil("A letter for later");
  assert.ok(letter, "the sealed letter has its own page in Sam's book");
  const text = await d.bodyText();
  assert.ok(!text.includes("For when you are grown up") && !text.includes(MARKERS.caption), "neither its title nor its words show before its date");
  await screenshot("sealed-letter");
});

test("the carer links Sam's book with his brother's, adds a page Leo offered, and offers one back", async () => {
  // Leo's binder lives on his carer Kim's laptop; here the command-line
  // tool stands in for Kim's copy of the app.
  const KIM = "kim's passphrase for leo";
  const cli = (args, env = {}) => execFileSync(CLI, args, { env: { ...process.env, LIFESTORY_PASSPHRASE: KIM, ...env }, encoding: "utf8" });
  await lock();
  // Kim's side first (each command unlocks with the real scrypt cost, which
  // would outlast the app's short idle lock here).
  const code = cli(["siblings", "new-code"]).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const leoDir = mkdtempSync(join(process.env.TMPDIR, "leo-"));
  const leo = join(leoDir, "leo.binder");
  cli(["new", leo, "--child", "Leo", "--name", "Kim", "--role", "carer"], { LIFESTORY_NEW_PASSPHRASE: KIM });
  cli(["siblings", "link", leo, "--as", "Kim", "--code", code]);
  const medal = cli(["add", leo, "--as", "Kim", "--section", "present", "--title", "Leo's football medal", "--body", "We won the cup!", "--share", "young-person"]).trim();
  const offered = join(leoDir, "medal.lsp");
  cli(["siblings", "offer", leo, medal, "--as", "Kim", "--out", offered, "--consent", "Leo wants Sam to have it"]);

  await unlockAs("Jo", PASS.jo);
  await click("Brothers and sisters");
  await click("Make a new code");
  const made = (await (await d.find("//p[contains(@class,'code')]")).text()).trim();
  assert.match(made, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, "a new code is offered for a family with none yet");
  // The family already has Kim's code: typed as a person might.
  await fill("#group-code", code.toLowerCase().replaceAll("-", " "));
  await click("Link");
  await see("is now linked");
  await see(code);

  await (await d.find("#offer-file")).type(offered);
  await see("From Leo's book, offered by Kim");
  await see("Leo's football medal");
  await d.run("document.querySelector('form.offer')?.scrollIntoView()");
  await screenshot("sibling-page-offered-to-sam");
  await click("Add it to Sam's book");
  await see("Added “Leo's football medal” from Leo's book.");
  await click("Open it");
  await see("We won the cup!");
  await see("Brothers and sisters");

  // And back: one of Sam's pages, offered to Leo with Sam's agreement.
  await click("The book");
  await click("My first day at Oak Tree");
  await click("Offer this page…");
  await fill("#offer-consent", "Sam said Leo can see it");
  await click("Make the file");
  await see("Saved as");
  const shown = await d.bodyText();
  assert.ok(!/Saved as[^\n]*Oak Tree/.test(shown), "the file's name says nothing of the page");
  await screenshot("sam-offers-a-page-to-leo");
  const files = readdirSync(BINDERS).filter((f) => f.endsWith(".lsp"));
  assert.equal(files.length, 1, `one offered page in the binders folder, got ${files}`);
  const back = cli(["siblings", "import", leo, join(BINDERS, files[0]), "--as", "Kim", "--share", "young-person"]);
  assert.match(back, /Added "My first day at Oak Tree" from Sam's book/);
  assert.match(cli(["list", leo, "--as", "Kim"]), /My first day at Oak Tree/);
});

test("the social worker changes her passphrase in Settings: an easy one is refused with words to use instead, then the old one no longer opens the book", async () => {
  await lock();
  await unlockAs("Priya", PASS.priya);
  await click("Settings");
  await fill("#current-pass", PASS.priya);
  await fill("#new-pass", "priya2015");
  await fill("#repeat-pass", "priya2015");
  await click("Change my passphrase");
  await see("easy to guess", 20_000);
  await see("For example");
  await d.run("document.querySelector('#pass-h').scrollIntoView();");
  await screenshot("settings-passphrase-refused");
  await click("Use these words");
  const chosen = await (await d.find("#new-pass")).property("value");
  assert.ok(chosen.split(" ").length >= 4, `the suggestion is a few words, got ${chosen.length} characters`);
  await see(`Your new passphrase will be: ${chosen}.`);
  await click("Change my passphrase");
  await see("Your passphrase is changed", 30_000);
  await lock();
  await click("Priya");
  await fill("#pass", PASS.priya);
  await click("Open the book");
  assert.match(await (await d.find("p.error[role=alert]", 20_000)).text(), /passphrase/i, "the old passphrase is refused");
  await fill("#pass", chosen);
  priyaPass = chosen;
  await click("Open the book");
  await d.find(button("Lock"), 20_000);
});

test("the social worker removes a colleague who has moved team: asked once more, then told what a copy they kept still holds", async () => {
  await click("Settings");
  await addMember("Dana", "social-worker", "kettle orchard violet summit");
  await click("Remove Dana");
  await see("Their passphrase will no longer open the book");
  await screenshot("settings-remove-ask");
  await click("Yes, remove");
  await see("Dana can no longer open this book with their passphrase", 15_000);
  // Priya shares the social worker's key, so it is not replaced.
  await see("Priya still shares the social worker's key");
  await see("backups made before today hold what Dana could see up to now");
  await screenshot("settings-removed");
  await lock();
  const names = await d.bodyText();
  assert.ok(!/\bDana\b/.test(names), "Dana is not offered on the unlock screen");
  assert.doesNotMatch(execFileSync(CLI, ["member", "list", join(BINDERS, "Sam.binder")], { encoding: "utf8" }), /Dana/, "and the file agrees");
  await unlockAs("Jo", PASS.jo);
});

test("the web side has no storage, no remote access and no ungranted commands", async () => {
  const storage = await d.runAsync(`const done = arguments[arguments.length - 1];
    (async () => {
      const dbs = indexedDB.databases ? (await indexedDB.databases()).length : 0;
      const caches_ = typeof caches === "undefined" ? 0 : (await caches.keys()).length;
      done({ local: localStorage.length, session: sessionStorage.length, dbs, caches: caches_ });
    })();`);
  assert.deepEqual(storage, { local: 0, session: 0, dbs: 0, caches: 0 });
  const remote = await d.runAsync(`const done = arguments[arguments.length - 1];
    let violation = null;
    document.addEventListener("securitypolicyviolation", (e) => { violation = e.violatedDirective; });
    fetch("https://example.org/").then(() => done({ fetched: true, violation }), () => setTimeout(() => done({ fetched: false, violation }), 100));`);
  assert.equal(remote.fetched, false, "the CSP refuses remote requests");
  assert.match(String(remote.violation), /connect-src/);
  for (const cmd of ["plugin:opener|open_url", "plugin:dialog|message", "plugin:fs|read_file", "plugin:shell|execute"]) {
    const r = await d.runAsync(`const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke(arguments[0], { url: "https://example.org", message: "hi", path: "/etc/passwd" })
        .then(() => done("allowed"), (e) => done("refused: " + String(e)));`, cmd);
    assert.match(r, /^refused/, `${cmd} must be refused, got ${r}`);
  }
});

test("when the placement ends the social worker removes the carer: a letter only the carer keeps means the keys are not replaced, and she is told why and who can", async () => {
  // Two backups from before, made the way the command-line tool makes them.
  for (let i = 0; i < 2; i++) execFileSync(CLI, ["backup", join(BINDERS, "Sam.binder")], { encoding: "utf8" });
  await lock();
  await unlockAs("Priya", priyaPass);
  await click("Settings");
  await click("Remove Jo");
  await click("Yes, remove");
  // Jo's letter to Sam is kept by the carer's key alone until 2040:
  // replacing that key now would lose it.
  await see("The carer's key was not changed", 60_000);
  await see("only the carer can open would be lost");
  await see("The agency can change it with the recovery sheet");
  await see("This computer has 2 backups of the book from before now");
  await d.run("document.querySelector('p.notice[role=status]').scrollIntoView({ block: 'center' });");
  await screenshot("settings-removed-key-kept");
  await click("Delete the older backups");
  await see("2 older backups deleted. A new backup was made just now.", 30_000);
  assert.equal(readdirSync(join(BINDERS, "Sam backups")).filter((f) => f.endsWith(".binder")).length, 1, "one backup is left: the new one");
  await screenshot("settings-older-backups-deleted");
  const verified = execFileSync(CLI, ["member", "verify", join(BINDERS, "Sam.binder")], { encoding: "utf8" });
  assert.match(verified, /Membership verified/, verified);
  assert.doesNotMatch(execFileSync(CLI, ["member", "list", join(BINDERS, "Sam.binder")], { encoding: "utf8" }), /\bJo\b/, "Jo is gone from the file");
});
