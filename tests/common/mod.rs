//! Helpers that make the integration tests read like sentences: a binder on
//! disk in a temporary folder, with a carer, a social worker and the young
//! person already added, each unlocked.
#![allow(dead_code)]

pub mod fixtures;
pub mod leaks;
pub mod tools;

#[allow(unused_imports)] // each test file uses some of them
pub use leaks::{assert_absent, assert_absent_from_file, assert_absent_from_folder, contains};

use std::path::{Path, PathBuf};

use lifestory::{Audience, Binder, KeyCost, Keyring, NewBinder, NewEntry, RecoveryKey, Role, SecretString, Section};

pub const CARER: &str = "Jo";
pub const SOCIAL_WORKER: &str = "Priya";
pub const YOUNG_PERSON: &str = "Amira";
/// The child's full name, as the binder is made with.
pub const CHILD: &str = "Amira Hassan";

pub fn pass(member: &str) -> SecretString {
    SecretString::from(format!("{member} passphrase for tests"))
}

pub struct Family {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub binder: Binder,
    pub recovery: RecoveryKey,
    pub carer: Keyring,
    pub social_worker: Keyring,
    pub young_person: Keyring,
}

impl Family {
    pub fn keys(&self, role: Role) -> &Keyring {
        match role {
            Role::Carer => &self.carer,
            Role::SocialWorker => &self.social_worker,
            Role::YoungPerson => &self.young_person,
        }
    }

    /// Add a narrative page as `role`, shared with `share` (consent given).
    pub fn add(&self, role: Role, section: Section, title: &str, body: &str, share: Audience) -> String {
        let new = NewEntry::narrative(section, title, body).shared_with(share, "agreed in session");
        self.binder.add_entry(self.keys(role), new).expect("add entry")
    }

    /// All bytes of the binder file and its WAL, for "appears nowhere" checks.
    pub fn file_bytes(&self) -> Vec<u8> {
        file_bytes(&self.path)
    }
}

pub fn file_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(PathBuf::from(wal)) {
        bytes.extend(more);
    }
    bytes
}

/// A binder made by the carer, with a social worker and the young person.
/// Uses a cheap scrypt cost so the suite stays fast; the CLI tests use the real one.
pub fn family() -> Family {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("child.binder");
    let (binder, recovery) = Binder::create(
        &path,
        NewBinder {
            child_name: CHILD,
            member_name: CARER,
            role: Role::Carer,
            passphrase: pass(CARER),
            cost: KeyCost::insecure_for_tests(),
        },
    )
    .unwrap();
    let carer = binder.unlock(CARER, &pass(CARER)).unwrap();
    binder.add_member(&carer, SOCIAL_WORKER, Role::SocialWorker, &pass(SOCIAL_WORKER), KeyCost::insecure_for_tests()).unwrap();
    binder.add_member(&carer, YOUNG_PERSON, Role::YoungPerson, &pass(YOUNG_PERSON), KeyCost::insecure_for_tests()).unwrap();
    let social_worker = binder.unlock(SOCIAL_WORKER, &pass(SOCIAL_WORKER)).unwrap();
    let young_person = binder.unlock(YOUNG_PERSON, &pass(YOUNG_PERSON)).unwrap();
    Family { dir, path, binder, recovery, carer, social_worker, young_person }
}

/// Run a SQL statement on the file behind the app's back, as an attacker or
/// a damaged disk would.
pub fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    conn.execute_batch(sql).unwrap();
}

/// This process's peak resident size so far (VmHWM), in KiB.
pub fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Run the `#[ignore]`d test `name` of this same test binary as a child
/// process. The child test acts only when `LSB_CHILD` is set, so a plain
/// `cargo test -- --ignored` is harmless.
pub fn child(name: &str) -> std::process::Command {
    let mut c = std::process::Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", name, "--ignored", "--nocapture", "--test-threads", "1"]).env("LSB_CHILD", "1");
    c.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    c
}

pub fn in_child() -> bool {
    std::env::var_os("LSB_CHILD").is_some()
}

/// The title the writer gives its `n`th page, so a reader can check it.
pub fn written_title(n: u64) -> String {
    format!("Written page {n}")
}

/// Add pages (every third with a picture) to the binder at `path` as the
/// carer until killed, printing `COMMITTED <n> <id>` after each commit.
pub fn keep_writing(path: &Path) -> ! {
    use std::io::Write;
    let binder = Binder::open(path).unwrap();
    let keys = binder.unlock(CARER, &pass(CARER)).unwrap();
    let start: u64 = std::env::var("LSB_FIRST").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for n in start.. {
        let body = format!("Page {n} of a long run. ").repeat(40);
        let id = if n % 3 == 0 {
            let pixels = image::RgbImage::from_fn(48, 32, |x, y| image::Rgb([(n % 251) as u8, (n / 251 % 251) as u8, (x * y % 256) as u8]));
            let png = fixtures::encode(&image::DynamicImage::ImageRgb8(pixels), image::ImageFormat::Png);
            let page = NewEntry::picture(Section::Past, &written_title(n));
            binder.add_picture(&keys, page, &png, &body).unwrap().entry_id
        } else {
            binder.add_entry(&keys, NewEntry::narrative(Section::Present, written_title(n), body)).unwrap()
        };
        writeln!(out, "COMMITTED {n} {id}").unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

/// The `(n, id)` pairs a writer reported.
pub fn committed(stdout: &[u8]) -> Vec<(u64, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        // libtest prints "test name ... " without a newline before the
        // child's first line.
        .filter_map(|l| l.find("COMMITTED ").map(|at| &l[at + "COMMITTED ".len()..]))
        .filter_map(|l| l.split_once(' ').map(|(n, id)| (n.parse().unwrap(), id.to_owned())))
        .collect()
}

/// A [`keep_writing`] child process whose reports are read as they come, so
/// a test can act once it has written something rather than after a fixed
/// sleep (a process starting on a loaded machine can take most of one).
pub struct Writer {
    child: std::process::Child,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    /// The `(n, id)` pairs reported so far.
    pub committed: Vec<(u64, String)>,
}

impl Writer {
    /// Start `command` (from [`child`]) with its stdout read here.
    pub fn start(command: &mut std::process::Command) -> Writer {
        let mut child = command.stderr(std::process::Stdio::inherit()).spawn().unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        Writer { child, stdout, committed: Vec::new() }
    }

    /// Wait until it has reported `n` commits in all.
    pub fn wait_for(&mut self, n: usize) {
        use std::io::BufRead;
        while self.committed.len() < n {
            let mut line = String::new();
            let read = self.stdout.read_line(&mut line).unwrap();
            assert!(read > 0, "the writer stopped after {} commits: {:?}", self.committed.len(), self.child.try_wait());
            self.committed.extend(committed(line.as_bytes()));
        }
    }

    /// Kill it (SIGKILL) and return every commit it reported.
    pub fn kill(mut self) -> Vec<(u64, String)> {
        use std::io::Read;
        self.child.kill().unwrap();
        let mut rest = Vec::new();
        self.stdout.read_to_end(&mut rest).unwrap();
        self.child.wait().unwrap();
        // Only whole lines: one cut off by the kill is not a report.
        let whole = rest.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        self.committed.extend(committed(&rest[..whole]));
        self.committed
    }
}
