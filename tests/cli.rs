//! The `lifestory` command as a person or script uses it: real binary, real
//! files, the real scrypt cost, `sqlite3` to edit the file behind its back.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{assert_absent, assert_absent_from_file};

const JO: &str = "jo's long passphrase";
const PRIYA: &str = "priya's long passphrase";
/// The child's name: long enough to search the file for (common/leaks.rs).
const CHILD: &str = "Kai Morgan-Llewellyn";

struct Cli {
    _dir: tempfile::TempDir,
    binder: PathBuf,
}

fn lifestory(args: &[&str], passphrase: &str, new_passphrase: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lifestory"))
        .args(args)
        .env("LIFESTORY_PASSPHRASE", passphrase)
        .env("LIFESTORY_NEW_PASSPHRASE", new_passphrase)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure a person can read: non-zero exit, one line, no panic.
fn assert_plain_failure(o: &Output, says: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "expected failure, got {o:?}");
    assert!(err.contains(says), "stderr {err:?} should say {says:?}");
    assert!(!err.contains("panicked") && err.trim().lines().count() == 1, "not one plain line: {err:?}");
}

fn sqlite3(path: &Path, sql: &str) {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("the sqlite3 tool is installed (.ci/run does it)");
    assert!(out.status.success(), "sqlite3: {}", stderr(&out));
}

impl Cli {
    /// A binder made by carer Jo, with social worker Priya.
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let binder = dir.path().join("kai.binder");
        let b = binder.to_str().unwrap();
        let made = lifestory(&["new", b, "--child", CHILD, "--name", "Jo", "--role", "carer"], "", JO);
        assert!(made.status.success(), "{}", stderr(&made));
        assert!(stdout(&made).contains("AGE-SECRET-KEY-1"), "prints the recovery key once");
        let added = lifestory(&["member", "add", b, "--as", "Jo", "--name", "Priya", "--role", "social-worker"], JO, PRIYA);
        assert!(added.status.success(), "{}", stderr(&added));
        Cli { _dir: dir, binder }
    }

    fn path(&self) -> &str {
        self.binder.to_str().unwrap()
    }

    fn run(&self, args: &[&str], passphrase: &str) -> Output {
        let mut all = vec![args[0], self.path()];
        all.extend(&args[1..]);
        lifestory(&all, passphrase, "")
    }

    fn add(&self, title: &str, body: &str, extra: &[&str]) -> String {
        let mut args = vec!["add", "--as", "Jo", "--section", "present", "--title", title, "--body", body];
        args.extend(extra);
        let o = self.run(&args, JO);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).trim().to_owned()
    }
}

#[test]
fn a_page_not_shared_with_a_role_is_unlisted_unreadable_and_not_in_the_file() {
    let cli = Cli::new();
    let private = cli.add("Jo's private worry", "marker-body-7f3a", &[]);
    cli.add("Football on Saturday", "we won", &["--share", "social-worker", "--consent", "Kai said yes"]);

    let list = cli.run(&["list", "--as", "Priya"], PRIYA);
    assert!(list.status.success());
    assert!(stdout(&list).contains("Football on Saturday"));
    assert_absent(stdout(&list).as_bytes(), "Jo's private worry", "Priya's list");
    assert!(stdout(&list).contains("1 page(s) you can't see"), "{}", stdout(&list));

    let show = cli.run(&["show", &private, "--as", "Priya"], PRIYA);
    assert_plain_failure(&show, "hasn't been shared with you");

    for secret in ["Jo's private worry", "marker-body-7f3a", "Football on Saturday", CHILD] {
        assert_absent_from_file(&cli.binder, secret);
    }
}

#[test]
fn swapping_payloads_or_editing_the_audience_with_sqlite3_makes_show_fail() {
    let cli = Cli::new();
    let a = cli.add("Page A", "alpha", &[]);
    let b = cli.add("Page B", "bravo", &[]);
    sqlite3(&cli.binder, &format!(
        "CREATE TEMP TABLE t AS SELECT id, body FROM entries;
         UPDATE entries SET body = (SELECT body FROM t WHERE id = '{b}') WHERE id = '{a}';
         UPDATE entries SET body = (SELECT body FROM t WHERE id = '{a}') WHERE id = '{b}';"
    ));
    assert_plain_failure(&cli.run(&["show", &a, "--as", "Jo"], JO), "changed outside Life Story Binder");

    let c = cli.add("Page C", "charlie", &[]);
    sqlite3(&cli.binder, &format!("UPDATE entries SET audience = 63 WHERE id = '{c}';"));
    assert_plain_failure(&cli.run(&["show", &c, "--as", "Jo"], JO), "changed outside Life Story Binder");
}

/// `lifestory args…` with `passphrase`, and the CPU time (user + system) the
/// process used: the work it did, which unlike the wall-clock time does not
/// grow when other tests and builds share the machine's cores.
fn lifestory_cpu_time(args: &[&str], passphrase: &str) -> (Output, Duration) {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lifestory"))
        .args(args)
        .env("LIFESTORY_PASSPHRASE", passphrase)
        .env("LIFESTORY_NEW_PASSPHRASE", "")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        err_pipe.read_to_end(&mut v).unwrap();
        v
    });
    let mut stdout = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut stdout).unwrap();
    let stderr = err_reader.join().unwrap();
    // wait4 instead of Child::wait: it gives this one child's resource use.
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain out-parameters; `rusage` is valid when zeroed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid, "wait4");
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    (Output { status: std::process::ExitStatus::from_raw(status), stdout, stderr }, cpu)
}

#[test]
fn a_wrong_passphrase_is_refused_plainly_within_three_seconds() {
    let cli = Cli::new();
    let started = Instant::now();
    let (o, cpu) = lifestory_cpu_time(&["list", cli.path(), "--as", "Jo"], "not the passphrase");
    let took = started.elapsed();
    eprintln!("refused in {took:?} ({cpu:?} of CPU)");
    assert_plain_failure(&o, "That passphrase doesn't open Jo's key");
    // The bound is on the CPU time: one scrypt try at the real cost, not
    // more. The wall-clock time went over 3 s when the other CLI tests (each
    // doing real scrypt work) and other builds shared the cores.
    assert!(cpu < Duration::from_secs(3), "used {cpu:?} of CPU ({took:?} in all)");
}

#[test]
fn widening_needs_consent_and_then_writes_the_ledger() {
    let cli = Cli::new();
    let id = cli.add("My drawing", "a rainbow", &[]);
    let ledger_len = |cli: &Cli| {
        let o = cli.run(&["ledger", "--as", "Jo", "--json"], JO);
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()["records"].as_array().unwrap().len()
    };
    let before = ledger_len(&cli);
    assert_plain_failure(&cli.run(&["share", &id, "--as", "Jo", "--add", "school"], JO), "needs a note of how the young person agreed");
    assert_eq!(ledger_len(&cli), before);
    let ok = cli.run(&["share", &id, "--as", "Jo", "--add", "school", "--consent", "Kai chose it for the wall"], JO);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(ledger_len(&cli), before + 1);
    let text = stdout(&cli.run(&["ledger", "--as", "Jo"], JO));
    assert!(text.contains("Kai chose it for the wall") && text.contains("school"), "{text}");
}

#[test]
fn bad_files_get_one_plain_line_and_are_not_changed() {
    let cli = Cli::new();
    cli.add("A page", "words", &[]);
    let dir = cli.binder.parent().unwrap();

    let text_file = dir.join("notes.txt");
    std::fs::write(&text_file, "just some notes, not a binder").unwrap();
    let other_sqlite = dir.join("other.db");
    sqlite3(&other_sqlite, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    let truncated = dir.join("truncated.binder");
    std::fs::write(&truncated, &std::fs::read(&cli.binder).unwrap()[..3000]).unwrap();
    let newer = dir.join("newer.binder");
    std::fs::copy(&cli.binder, &newer).unwrap();
    sqlite3(&newer, "PRAGMA user_version = 99;");

    let cases: [(&Path, &str); 5] = [
        (&text_file, "is not a Life Story binder"),
        (&other_sqlite, "is not a Life Story binder"),
        (&truncated, "damaged"),
        (&newer, "newer version of Life Story Binder"),
        (&dir.join("missing.binder"), "was not found"),
    ];
    for (path, says) in cases {
        let before = std::fs::read(path).ok();
        let o = lifestory(&["list", path.to_str().unwrap(), "--as", "Jo"], JO, "");
        assert_plain_failure(&o, says);
        assert_eq!(std::fs::read(path).ok(), before, "{} was changed", path.display());
    }
    assert_plain_failure(&cli.run(&["list", "--as", "Nobody"], JO), "No one called \"Nobody\"");
}

#[test]
fn check_passes_a_healthy_binder_and_fails_a_damaged_one() {
    let cli = Cli::new();
    cli.add("A page", "words", &[]);
    let healthy = cli.run(&["check"], "");
    assert!(healthy.status.success() && stdout(&healthy).contains("healthy"), "{}", stderr(&healthy));
    sqlite3(&cli.binder, "PRAGMA foreign_keys = OFF; DELETE FROM entry_keys;");
    let damaged = cli.run(&["check"], "");
    assert!(!damaged.status.success());
    assert!(stderr(&damaged).contains("no keys at all"), "{}", stderr(&damaged));
}

#[test]
fn the_recovery_sheet_unlocks_the_binder() {
    let dir = tempfile::tempdir().unwrap();
    let binder = dir.path().join("b.binder");
    let sheet = dir.path().join("sheet.txt");
    let (b, s) = (binder.to_str().unwrap(), sheet.to_str().unwrap());
    let made = lifestory(&["new", b, "--child", "Kai", "--name", "Jo", "--role", "carer", "--recovery-sheet", s], "", JO);
    assert!(made.status.success(), "{}", stderr(&made));
    let id = stdout(&lifestory(&["add", b, "--as", "Jo", "--section", "past", "--title", "Old house"], JO, ""));
    let shown = lifestory(&["show", b, id.trim(), "--recovery-key-file", s], "", "");
    assert!(stdout(&shown).contains("Old house"), "{}", stderr(&shown));
}

/// Write picture files into the test's folder and return their paths.
fn picture_files(cli: &Cli, files: &[(&str, Vec<u8>)]) -> Vec<String> {
    let dir = cli.binder.parent().unwrap();
    files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn photo_imports_several_pictures_and_reports_each_file() {
    let cli = Cli::new();
    let photo = common::fixtures::jpeg(&common::fixtures::photo(400, 300, 1), 90);
    let png = common::fixtures::encode(
        &image::DynamicImage::ImageRgb8(common::fixtures::quarters(60, 40)),
        image::ImageFormat::Png,
    );
    let heic = [&[0, 0, 0, 0x18][..], b"ftypheic\0\0\0\0mif1heic", &[0; 64]].concat();
    let files = picture_files(&cli, &[
        ("beach-with-nan.jpg", photo.clone()),
        // A PNG whose name says JPEG: read by its content.
        ("drawing-of-our-house.jpg", png),
        ("IMG_0042.HEIC", heic),
        ("notes.jpg", b"not a picture at all".to_vec()),
        ("again.jpg", photo),
    ]);
    let mut args = vec!["photo"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--as", "Jo", "--section", "present", "--caption", "At the beach"]);
    let out = cli.run(&args, JO);
    assert!(!out.status.success(), "some files failed, so the exit code says so");
    let (said, errors) = (stdout(&out), stderr(&out));
    assert!(said.contains("beach-with-nan.jpg: added to page") && said.contains("drawing-of-our-house.jpg: added to page"), "{said}");
    assert!(said.contains("2 of 5 picture(s) imported"), "{said}");
    assert!(errors.contains("IMG_0042.HEIC: This is an iPhone photo in HEIC format"), "{errors}");
    assert!(errors.contains("notes.jpg: That file isn't a picture"), "{errors}");
    assert!(errors.contains("again.jpg: This picture is already in the binder"), "{errors}");
    assert!(!errors.contains("panicked"));
    // The file names are never stored.
    for name in ["beach-with-nan", "drawing-of-our-house"] {
        assert_absent_from_file(&cli.binder, name);
    }
}

#[test]
fn picture_writes_a_copy_out_only_on_purpose_and_never_over_a_file() {
    let cli = Cli::new();
    let photo = common::fixtures::jpeg(&common::fixtures::photo(500, 400, 2), 90);
    let files = picture_files(&cli, &[("p.jpg", photo)]);
    let out = cli.run(&["photo", &files[0], "--as", "Jo", "--section", "past", "--json"], JO);
    assert!(out.status.success(), "{}", stderr(&out));
    let added: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entry = added[0]["entry_id"].as_str().unwrap().to_owned();

    let thumb = cli.binder.with_file_name("thumb.jpg");
    let out = cli.run(&["picture", &entry[..8], "--as", "Jo", "--out", thumb.to_str().unwrap(), "--size", "thumb"], JO);
    assert!(out.status.success(), "{}", stderr(&out));
    let image = image::load_from_memory(&std::fs::read(&thumb).unwrap()).unwrap();
    assert_eq!((image.width(), image.height()), (384, 307));

    let before = std::fs::read(&thumb).unwrap();
    let again = cli.run(&["picture", &entry[..8], "--as", "Jo", "--out", thumb.to_str().unwrap()], JO);
    assert_plain_failure(&again, "already exists");
    assert_eq!(std::fs::read(&thumb).unwrap(), before);

    let out = cli.run(&["picture", &entry[..8], "--as", "Priya", "--out", "/tmp/should-not-exist.jpg"], PRIYA);
    assert_plain_failure(&out, "hasn't been shared with you");
    assert!(!Path::new("/tmp/should-not-exist.jpg").exists());
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let cli = Cli::new();
    let kept = cli.add("In the backup", "yes", &[]);
    let out = cli.run(&["backup"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Backed up to"), "{}", stdout(&out));
    let listed = cli.run(&["backups"], "");
    let backup = stdout(&listed).lines().next().unwrap().to_owned();
    assert!(backup.contains("kai backups/kai "), "{backup}");
    cli.add("Not in the backup", "no", &[]);

    let out = lifestory(&["restore", &backup, cli.path()], "", "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("is kept as"), "{}", stdout(&out));
    let list = cli.run(&["list", "--as", "Jo"], JO);
    assert!(stdout(&list).contains(&kept[..8]) && !stdout(&list).contains("Not in the backup"), "{}", stdout(&list));
}

#[test]
fn handover_makes_a_copy_the_young_person_opens_with_their_own_passphrase() {
    let cli = Cli::new();
    let added = lifestory(&["member", "add", cli.path(), "--as", "Jo", "--name", "Kai", "--role", "young-person"], JO, "kai's passphrase");
    assert!(added.status.success(), "{}", stderr(&added));
    cli.add("Football on Saturday", "we won", &["--share", "young-person", "--consent", "Kai said yes"]);
    let out = cli.binder.with_file_name("for-kai");
    let sheet = cli.binder.with_file_name("kai-sheet.txt");
    let made = lifestory(
        &["handover", cli.path(), "--as", "Kai", "--out", out.to_str().unwrap(), "--name", "Kai", "--recovery-sheet", sheet.to_str().unwrap()],
        "kai's passphrase",
        "kai's very own passphrase",
    );
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(stdout(&made).contains("1 page(s), 0 picture(s)"), "{}", stdout(&made));
    let copy = out.join(format!("{CHILD}.binder"));
    let list = lifestory(&["list", copy.to_str().unwrap(), "--as", "Kai"], "kai's very own passphrase", "");
    assert!(stdout(&list).contains("Football on Saturday"), "{}", stdout(&list));
    let recovered = lifestory(&["list", copy.to_str().unwrap(), "--recovery-key-file", sheet.to_str().unwrap()], "", "");
    assert!(recovered.status.success(), "{}", stderr(&recovered));
    assert!(std::fs::read_to_string(out.join("book/index.html")).unwrap().contains("Football on Saturday"));
}

#[test]
fn a_page_is_offered_to_a_brothers_binder_and_imported_there_once() {
    let kai = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    let leo = dir.path().join("leo.binder");
    let (k, l) = (kai.binder.to_str().unwrap(), leo.to_str().unwrap());
    assert!(lifestory(&["new", l, "--child", "Leo", "--name", "Kim", "--role", "carer"], "", JO).status.success());

    let made = lifestory(&["siblings", "new-code"], "", "");
    let code = stdout(&made).trim().to_owned();
    assert_eq!(code.len(), 19, "{code:?}");
    for binder in [k, l] {
        let linked = lifestory(&["siblings", "link", binder, "--as", if binder == k { "Jo" } else { "Kim" }, "--code", &code.to_lowercase()], JO, "");
        assert!(stdout(&linked).contains(&code), "{}", stderr(&linked));
    }
    let added = lifestory(&["add", k, "--as", "Jo", "--section", "past", "--title", "Our caravan holiday", "--body", "Rain every day!"], JO, "");
    let id = stdout(&added).trim().to_owned();
    let offer = dir.path().join("caravan.lsp");
    let o = offer.to_str().unwrap();
    let refused = lifestory(&["siblings", "offer", k, &id[..8], "--as", "Jo", "--out", o], JO, "");
    assert_plain_failure(&refused, "needs a note of how the young person agreed");
    assert!(!offer.exists());
    let offered = lifestory(&["siblings", "offer", k, &id[..8], "--as", "Jo", "--out", o, "--consent", "Kai said Leo can have it"], JO, "");
    assert!(stdout(&offered).contains("now shared with brothers and sisters"), "{}", stderr(&offered));

    let preview = lifestory(&["siblings", "preview", l, o, "--as", "Kim"], JO, "");
    assert!(stdout(&preview).contains("From Kai's book, offered by Jo"), "{}", stdout(&preview));
    let first = lifestory(&["siblings", "import", l, o, "--as", "Kim", "--share", "young-person"], JO, "");
    assert!(stdout(&first).contains("Added \"Our caravan holiday\" from Kai's book"), "{}", stderr(&first));
    let again = lifestory(&["siblings", "import", l, o, "--as", "Kim"], JO, "");
    assert!(stdout(&again).contains("already in this binder"), "{}", stdout(&again));
    let listed = lifestory(&["list", l, "--as", "Kim"], JO, "");
    assert_eq!(stdout(&listed).matches("Our caravan holiday").count(), 1);

    // Only one check character fits a code: any other is a typing mistake.
    let last = code.chars().last().unwrap();
    let mistyped = format!("{}{}", &code[..18], if last == '0' { '1' } else { '0' });
    let wrong = lifestory(&["siblings", "link", l, "--as", "Kim", "--code", &mistyped], JO, "");
    assert_plain_failure(&wrong, "doesn't look right");
    let not_offer = lifestory(&["siblings", "import", l, k, "--as", "Kim"], JO, "");
    assert_plain_failure(&not_offer, "is not a page offered");
}

#[test]
fn a_member_changes_their_passphrase_and_the_old_one_stops_working() {
    let cli = Cli::new();
    let page = cli.add("Our allotment", "marker-allotment-5c1e", &[]);
    // A guessable new one is refused plainly, with a made-up suggestion.
    for weak in ["password1", "kaimorgan2015", "Kai Morgan-Llewellyn"] {
        let o = lifestory(&["passphrase", cli.path(), "--as", "Jo"], JO, weak);
        assert!(!o.status.success(), "{weak:?} was accepted");
        let err = stderr(&o);
        assert!(err.contains("easy to guess") && err.contains("For example") && !err.contains("panicked"), "{err}");
    }
    let new = "otter lantern maple drum";
    let o = lifestory(&["passphrase", cli.path(), "--as", "Jo"], JO, new);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_plain_failure(&cli.run(&["show", &page, "--as", "Jo"], JO), "passphrase");
    let shown = cli.run(&["show", &page, "--as", "Jo"], new);
    assert!(stdout(&shown).contains("marker-allotment-5c1e"), "{}", stderr(&shown));
    // The wrong old passphrase changes nothing.
    assert_plain_failure(&lifestory(&["passphrase", cli.path(), "--as", "Jo"], JO, "willow teapot comet harbour"), "passphrase");
    assert!(cli.run(&["show", &page, "--as", "Jo"], new).status.success());
}
