//! A throwaway PostgreSQL cluster for tests: `initdb` in a temp dir (as the
//! `postgres` user when run as root, since initdb refuses root), `fsync=off`,
//! a free port, its unix socket in the temp dir and no TCP listener; started
//! with `pg_ctl`, stopped and removed on drop.
//!
//! Without PostgreSQL binaries the tests that need one are skipped, with one
//! note on stderr saying which and how to run them; with
//! `CAREERBOT_REQUIRE_POSTGRES=1` (as `.ci/run` sets) a missing PostgreSQL
//! fails them instead.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where Debian's packages put the binaries, newest first, then `PATH`.
fn bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .collect();
    dirs.sort();
    dirs.reverse();
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs.into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
}

/// A running cluster.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// `Some("postgres")` when commands run through `runuser`.
    user: Option<&'static str>,
    databases: AtomicUsize,
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

impl Cluster {
    /// Starts a cluster, or returns `None` (after saying so once) when this
    /// machine has no PostgreSQL and `CAREERBOT_REQUIRE_POSTGRES` is unset.
    /// `test` names the caller in the note.
    pub fn start(test: &str) -> Option<Cluster> {
        let Some(bin) = bin_dir() else {
            if std::env::var("CAREERBOT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("CAREERBOT_REQUIRE_POSTGRES=1 but no PostgreSQL binaries (initdb, pg_ctl) were found: apt-get install postgresql");
            }
            skipped(test);
            return None;
        };
        Some(Cluster::start_in(bin))
    }

    fn start_in(bin: PathBuf) -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("careerbot-pg")
            .tempdir()
            .unwrap();
        let user = is_root().then_some("postgres");
        if user.is_some() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success(), "cannot chown the cluster directory");
        }
        let port = free_port();
        let cluster = Cluster {
            dir,
            bin,
            port,
            user,
            databases: AtomicUsize::new(0),
        };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let options = format!(
            "-F -p {port} -k {} -c listen_addresses='' -c max_connections=100",
            cluster.socket_dir().display()
        );
        let log = cluster.dir.path().join("log");
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut cmd = match self.user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let out = cmd
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
        assert!(
            out.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The connection string for database `db` (key=value form: a unix
    /// socket path does not fit a URL's host).
    pub fn url(&self, db: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={db}",
            self.socket_dir().display(),
            self.port
        )
    }

    /// Creates a new, empty database and returns its connection string.
    pub fn database(&self) -> String {
        let name = format!("t{}", self.databases.fetch_add(1, Ordering::Relaxed));
        let createdb = self.bin.join("createdb");
        let out = Command::new(createdb)
            .args(["-h", self.socket_dir().to_str().unwrap()])
            .args(["-p", &self.port.to_string(), "-U", "postgres", &name])
            .output()
            .expect("cannot run createdb");
        assert!(
            out.status.success(),
            "createdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.url(&name)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let exe = self.bin.join("pg_ctl");
        let mut cmd = match self.user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let _ = cmd
            .args([
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        // The temp dir goes with `self.dir`.
    }
}

/// A port nothing listens on now (the cluster's socket file is named for it).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Says, once per test binary and outside the test harness's capture,
/// which tests were skipped and how to run them.
fn skipped(test: &str) {
    static NOTE: std::sync::Once = std::sync::Once::new();
    NOTE.call_once(|| {
        let binary = std::env::args().next().unwrap_or_default();
        let suite = Path::new(&binary)
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.rsplit_once('-').map(|(name, _hash)| name.to_string()))
            .unwrap_or_else(|| "store_suite".into());
        let _ = writeln!(
            std::io::stderr(),
            "\nnote: no PostgreSQL binaries (initdb, pg_ctl) were found, so every test of \
             `{suite}` whose name starts with `postgres` (such as {test}) passed WITHOUT \
             RUNNING. To run them, install PostgreSQL's server (apt-get install postgresql) \
             and run `cargo test --test {suite} postgres`; with CAREERBOT_REQUIRE_POSTGRES=1 \
             (as .ci/run sets) a missing PostgreSQL fails them instead.\n"
        );
    });
}
