//! `klarbrev serve`: the API against a real server on an ephemeral
//! loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    /// A server started with more arguments (`--lexicon DIR`).
    fn start_with(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_klarbrev"))
            .args(["serve", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start klarbrev serve");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("the address line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, addr }
    }

    /// One HTTP/1.1 request; (status, headers, body).
    fn request(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).to_string();
        let (headers, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = headers[9..12].parse().unwrap();
        (status, headers.to_lowercase(), body.to_string())
    }

    fn post(&self, path: &str, json: &serde_json::Value) -> (u16, serde_json::Value) {
        let (status, _, body) = self.request(
            "POST",
            path,
            Some("application/json"),
            json.to_string().as_bytes(),
        );
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("JSON: {body}")),
        )
    }

    fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, _, body) = self.request("GET", path, None, b"");
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("JSON: {body}")),
        )
    }

    /// Stops the server with Ctrl-C and returns its exit code and log.
    fn stop(mut self) -> (Option<i32>, String) {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill");
        let status = self.child.wait().expect("wait");
        let mut log = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        (status.code(), log)
    }
}

const LETTER: &str =
    "Hemmeligt-ord-Xq7. Vi fremsender hermed brevet til Dem den 17. marts 2026 kl. 10.00.";

#[test]
fn every_endpoint_answers_and_the_log_keeps_no_letter_text() {
    let server = Server::start();
    let (status, v) = server.post("/api/score", &serde_json::json!({ "text": LETTER }));
    assert_eq!(status, 200);
    assert_eq!(v["format"], "txt");
    assert!(v["metrics"]["lix"].is_number());
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "kancellisprog/fremsende")
    );

    let (status, v) = server.post("/api/rewrite", &serde_json::json!({ "text": LETTER }));
    assert_eq!(status, 200);
    assert!(v["text"].as_str().unwrap().contains("sender"));
    assert_eq!(v["summary"]["facts"]["lost"], serde_json::json!([]));
    let (status, v) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": "De indkaldes til samtale 17. marts 2026 kl. 10.00.", "template": "auto", "facts": {"navn": "Åse"} }),
    );
    // Gaps remain ([MANGLER: …]): the gate refuses with 422 and the draft.
    assert_eq!(status, 422);
    assert_eq!(v["gate"]["verdict"], "refused");
    assert!(v["gate"]["missing"].as_u64().unwrap() >= 1);
    assert_eq!(v["template"]["name"], "indkaldelse");
    assert!(v["text"].as_str().unwrap().contains("Kære Åse"));

    let (status, v) = server.post(
        "/api/diff",
        &serde_json::json!({ "old": "Vi fremsender.", "new": "Vi sender." }),
    );
    assert_eq!(status, 200);
    assert!(
        v["ops"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["op"] == "delete")
    );

    let (status, v) = server.get("/api/templates");
    assert_eq!(status, 200);
    assert_eq!(v.as_array().unwrap().len(), 7);
    let (status, v) = server.get("/api/lexicon/explain?ord=fremsender");
    assert_eq!(status, 200);
    assert_eq!(v[0]["rule"], "kancellisprog/fremsende");

    let (status, _, body) = server.request(
        "POST",
        "/api/upload?navn=brev.txt",
        Some("application/octet-stream"),
        "Kære Åse".as_bytes(),
    );
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["text"], "Kære Åse");

    let (code, log) = server.stop();
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("POST /api/score 200"), "{log}");
    assert!(log.contains("klarbrev stopper"), "{log}");
    assert!(
        !log.contains("Hemmeligt") && !log.contains("fremsender"),
        "{log}"
    );
}

#[test]
fn bad_requests_get_danish_errors_and_fitting_statuses() {
    let server = Server::start();
    let (status, _, body) =
        server.request("POST", "/api/score", Some("text/plain"), br#"{"text":"x"}"#);
    assert_eq!(status, 415, "{body}");
    assert!(body.contains("application/json"));
    let (status, _, body) = server.request(
        "POST",
        "/api/score",
        Some("application/json"),
        br#"{"text": "#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("ikke gyldig JSON"));
    let (status, v) = server.post("/api/score", &serde_json::json!({ "txt": "x" }));
    assert_eq!(status, 422);
    assert!(v["error"].as_str().unwrap().contains("ukendt felt"), "{v}");
    let (status, v) = server.post(
        "/api/score",
        &serde_json::json!({ "text": "x", "format": "pdf" }),
    );
    assert_eq!(status, 422);
    assert!(v["error"].as_str().unwrap().contains("pdf"));
    let (status, _) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": "x", "template": "findes-ikke" }),
    );
    assert_eq!(status, 422);
    let big = serde_json::json!({ "text": "a".repeat(1_100_000) });
    let (status, v) = server.post("/api/score", &big);
    assert_eq!(status, 413);
    assert!(v["error"].as_str().unwrap().contains("1 MB"));
    let (status, _, _) = server.request(
        "POST",
        "/api/upload?navn=brev.docx",
        Some("application/octet-stream"),
        b"not a zip",
    );
    assert_eq!(status, 422);
    let (status, _) = server.get("/findes-ikke");
    assert_eq!(status, 404);
    server.stop();
}

#[test]
fn user_text_stays_data() {
    let server = Server::start();
    // Template syntax in a letter and in a fact is never executed.
    let text = "Hej {{ 7*7 }} og {% include \"/etc/passwd\" %} <script>alert(1)</script> <img src=x onerror=alert(1)>";
    let (status, v) = server.post(
        "/api/score",
        &serde_json::json!({ "text": text, "format": "txt" }),
    );
    assert_eq!(status, 200);
    assert!(v["sentences"].as_array().unwrap().len() == 1);
    let (status, v) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": text, "template": "indkaldelse", "facts": { "navn": "{{ 7*7 }} {% include \"x\" %}" } }),
    );
    assert_eq!(status, 422, "gaps remain, so the verdict is refused");
    let out = v["text"].as_str().unwrap();
    assert!(out.contains("Kære {{ 7*7 }} {% include \"x\" %}"), "{out}");
    assert!(!out.contains("49"));
    // The page and every answer carry a strict Content-Security-Policy.
    let (status, headers, page) = server.request("GET", "/", None, b"");
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-security-policy: default-src 'none'; script-src 'self'"),
        "{headers}"
    );
    assert!(headers.contains("x-content-type-options: nosniff"));
    assert!(!page.contains("<script>"), "no inline script");
    let (_, headers, _) = server.request("GET", "/api/templates", None, b"");
    assert!(headers.contains("content-security-policy"));
    server.stop();
}

/// The command line's JSON and the server's are one type: the same fields
/// and values, but for the file names only the command line knows.
#[test]
fn the_cli_and_the_server_answer_rewrite_and_diff_alike() {
    use super::{json, klarbrev};
    let lex = super::cli_rewrite::lossy_lexicon();
    let lex = lex.path().to_str().unwrap();
    let letter = "Vi fremsender hermed brevet. Har du spørgsmål, så ring på 72 36 00 00.";
    let server = Server::start_with(&["--lexicon", lex]);

    let (status, answer) = server.post("/api/rewrite", &serde_json::json!({ "text": letter }));
    assert_eq!(status, 422, "a lost fact is refused with the verdict");
    assert!(answer["invented"].is_array(), "{answer}");
    assert_eq!(answer["gate"]["verdict"], "refused");
    assert_eq!(answer["gate"]["refused"], true);
    let mut cli = json(&klarbrev(
        &["rewrite", "--format", "json", "--lexicon", lex, "-"],
        Some(letter.as_bytes()),
    ));
    assert_eq!(cli["path"], "-");
    cli.as_object_mut().unwrap().remove("path");
    assert_eq!(cli, answer);
    let (_, allowed) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": letter, "allow_lost_facts": true }),
    );
    assert_eq!(allowed["gate"]["verdict"], "allowed");
    let (status, named) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": letter, "drop_facts": ["phone:72 36 00 00"] }),
    );
    assert_eq!(status, 200);
    assert_eq!(named["gate"]["verdict"], "allowed");
    let (status, bad) = server.post(
        "/api/rewrite",
        &serde_json::json!({ "text": letter, "drop_facts": ["telefon:1"] }),
    );
    assert_eq!(status, 422);
    assert!(
        bad["error"].as_str().unwrap().contains("drop_facts"),
        "{bad}"
    );

    let new = answer["text"].as_str().unwrap();
    let (status, answer) = server.post(
        "/api/diff",
        &serde_json::json!({ "old": letter, "new": new }),
    );
    assert_eq!(status, 422);
    assert_eq!(answer["gate"]["verdict"], "refused");
    let dir = tempfile::tempdir().unwrap();
    let (old_path, new_path) = (dir.path().join("gammel.txt"), dir.path().join("ny.txt"));
    std::fs::write(&old_path, letter).unwrap();
    std::fs::write(&new_path, new).unwrap();
    let mut cli = json(&klarbrev(
        &[
            "diff",
            "--format",
            "json",
            "--lexicon",
            lex,
            old_path.to_str().unwrap(),
            new_path.to_str().unwrap(),
        ],
        None,
    ));
    let names = cli.as_object_mut().unwrap();
    assert!(names.remove("old").is_some() && names.remove("new").is_some());
    assert_eq!(cli, answer);
    server.stop();
}
