//! The real `partner-server` process (issue #15): its database file and
//! CA are its owner's only (0600 / 0700), and SIGTERM stops it gracefully —
//! it exits 0 and leaves no write-ahead log behind.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// The address the server prints once it listens (after "…listening on
/// `scheme`://"), and the rest of what it prints.
fn listening(
    child: &mut std::process::Child,
    scheme: &str,
) -> (String, std::io::Lines<BufReader<std::process::ChildStdout>>) {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let prefix = format!("partner-server listening on {scheme}://");
    loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(a) = line.strip_prefix(&prefix) {
            return (a.to_owned(), lines);
        }
    }
}

#[test]
fn the_server_keeps_its_files_private_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("server.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-server"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--demo",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (addr, lines) = listening(&mut child, "http");
    assert!(get(&addr, "/api/v1/health").ends_with("ok"));

    assert_eq!(mode(&db), 0o600, "the database file");
    let ca = dir.path().join("server.sqlite.ca");
    assert_eq!(mode(&ca), 0o700, "the CA's folder");
    assert_eq!(mode(&ca.join("ca-key.pk8")), 0o600, "the CA's key");
    let wal = dir.path().join("server.sqlite-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "the write-ahead log");
    }

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "still running 30 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    let said: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        said.iter().any(|l| l == "partner-server stopped"),
        "{said:?}"
    );
    // Checkpointed and closed: no log left to replay, the data readable.
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the WAL is left behind"
    );
    let storage = server_storage::SqliteStorage::open(&db).unwrap();
    assert!(server_storage::Storage::user_by_login(&storage, "doradca1")
        .unwrap()
        .is_some());
}

/// HTTPS (issue #15): given a certificate and its key, the real server
/// speaks TLS only; the device's own client, trusting that certificate,
/// logs in over it; one that does not is refused, and plain HTTP to the
/// same port gets no HTTP answer.
#[test]
fn the_server_serves_https_from_its_certificate_files_and_the_device_logs_in_over_it() {
    use sync_client::Transport;
    let dir = tempfile::TempDir::new().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    // A certificate for this machine, made as an operator would.
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success(), "openssl made the certificate");
    let db = dir.path().join("server.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-server"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--demo",
        ])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (addr, _lines) = listening(&mut child, "https");
    let url = format!("https://{addr}");
    let login = |http: &mut sync_client::HttpTransport| {
        http.login(&sync_proto::LoginRequest {
            login: "doradca1".into(),
            password: server::seed::DEMO_PASSWORD.into(),
            device_id: uuid::Uuid::from_u128(0x7157),
            device_name: "tablet".into(),
            certificate_request: None,
        })
    };
    let pem = std::fs::read(&cert).unwrap();
    let mut trusting = sync_client::HttpTransport::with_root_certificate(&url, &pem).unwrap();
    let res = login(&mut trusting).expect("logged in over HTTPS");
    assert!(!res.token.is_empty());
    // A client that does not trust the certificate is refused.
    let mut stranger = sync_client::HttpTransport::new(&url).unwrap();
    assert!(login(&mut stranger).is_err());
    // Plain HTTP on the TLS port: no HTTP answer.
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(
        s,
        "GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    assert!(
        !answer.starts_with(b"HTTP/"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
}
