//! What an insider has beside the app: `sqlite3`, the `age` CLI and
//! docs/FORMAT.md. Tests that play one go through these, not the API.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Family;

/// `sqlite3 FILE SQL`, its output trimmed.
pub fn sqlite3(path: &Path, sql: &str) -> String {
    let out = Command::new("sqlite3").arg(path).arg(sql).output().expect("sqlite3 runs");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A blob read with `sqlite3` as `SELECT hex(…)`.
pub fn blob(path: &Path, sql: &str) -> Vec<u8> {
    let hex = sqlite3(path, sql);
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

/// `age -d -i key` on a blob: the plaintext, or none.
pub fn age_open(key: &Path, blob: &[u8], dir: &Path) -> Option<Vec<u8>> {
    let file = dir.join("blob.age");
    std::fs::write(&file, blob).unwrap();
    let out = Command::new("age").arg("-d").arg("-i").arg(key).arg(&file).output().unwrap();
    out.status.success().then_some(out.stdout)
}

/// The `key` of an opened key envelope, written as an age identity file.
pub fn key_file(dir: &Path, name: &str, envelope: &[u8]) -> PathBuf {
    let json: serde_json::Value = serde_json::from_slice(envelope).unwrap();
    let key = dir.join(name);
    std::fs::write(&key, json["key"].as_str().unwrap()).unwrap();
    key
}

/// A role's secret (`young-person`, `carer`, `social-worker`) as an age
/// identity file, taken from its recovery wrap with `age`: the same key
/// every member of the role holds in their passphrase wrap.
pub fn role_key(f: &Family, role: &str) -> PathBuf {
    let sheet = f.dir.path().join("recovery.txt");
    std::fs::write(&sheet, f.recovery.reveal().as_bytes()).unwrap();
    let wrap = blob(&f.path, &format!("SELECT hex(recovery_wrap) FROM role_keys WHERE role = '{role}'"));
    let envelope = age_open(&sheet, &wrap, f.dir.path()).expect("the recovery key opens the role key");
    key_file(f.dir.path(), &format!("{role}.key"), &envelope)
}
