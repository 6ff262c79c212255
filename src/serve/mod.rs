//! `klarbrev serve`: the page for caseworkers and its JSON API, on their
//! own machine. The page and everything it needs are embedded; nothing is
//! written to disk; the log says method, path, status and duration, never
//! a letter's text. User text is data everywhere: it is never rendered as
//! a template, and the page builds its view from text nodes.
//!
//! This file starts the server (the runtime, the worker pool, the
//! listener); `routes` has the router and the handlers, which call the
//! library's application layer ([`klarbrev::app`]) as the command line
//! does; `http` has what every handler needs from HTTP.

mod http;
mod routes;

use std::net::{IpAddr, SocketAddr};

use crate::cli::{HELP_TEMPLATE, LexiconArgs, Outcome, Rules};

/// Request bodies larger than this get 413.
pub const MAX_BODY: usize = 1_000_000;

#[derive(clap::Args)]
#[command(
    help_template = HELP_TEMPLATE,
    override_usage = "klarbrev serve [TILVALG]",
    next_help_heading = "Tilvalg"
)]
pub struct Args {
    /// Porten (0 vælger en ledig port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Adressen, der lyttes på. Standard er kun denne maskine (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADRESSE")]
    bind: IpAddr,
    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// What every request works with: the rules, read once at start-up.
struct App {
    rules: Rules,
    settings: klarbrev::rules::Settings,
    /// The threads that read letters, one per core.
    pool: rayon::ThreadPool,
}

type Shared = std::sync::Arc<App>;

pub fn run(args: Args) -> Outcome {
    let rules = match args.lexicon.load() {
        Ok(l) => l,
        Err(e) => {
            crate::cli::error(&e);
            return Outcome::Error;
        }
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "advarsel: klarbrev lytter på {} og kan nås fra andre maskiner. Breve indeholder personoplysninger – brug kun dette på et netværk, du stoler på.",
            args.bind
        );
    }
    keep_freed_memory();
    // One thread serves the connections; the letters are read on the
    // worker pool, one per core (see `http::on_pool`).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            crate::cli::error(format_args!("serveren kunne ikke starte: {e}"));
            return Outcome::Error;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("klarbrev-brev-{i}"))
        // A letter that trips a bug gets a 500, and the server goes on.
        .panic_handler(|_| {
            crate::cli::error(format_args!("et brev kunne ikke behandles (intern fejl)."))
        })
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            crate::cli::error(format_args!("serveren kunne ikke starte: {e}"));
            return Outcome::Error;
        }
    };
    let settings = rules.letter_settings(None);
    let app = std::sync::Arc::new(App {
        rules,
        settings,
        pool,
    });
    match runtime.block_on(serve(SocketAddr::new(args.bind, args.port), app)) {
        Ok(()) => Outcome::Fine,
        Err(e) => {
            crate::cli::error(&e);
            Outcome::Error
        }
    }
}

/// glibc gives freed memory back to the system as soon as the top of a
/// heap is free. Answers of 100 KB are built and dropped thousands of
/// times a second, so that costs a page fault for every page of every
/// answer; the server keeps what it has freed instead (it stays far below
/// 50 MB, see the README).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only sets two of the allocator's parameters, and is
    // called before the server starts any thread.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}

async fn serve(addr: SocketAddr, app: Shared) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("kan ikke lytte på {addr}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("kan ikke lytte på {addr}: {e}"))?;
    println!("klarbrev kører på http://{local}/ – åbn adressen i din browser. Stop med Ctrl-C.");
    // Answers go out at once (no waiting to fill a packet).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, routes::router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("klarbrev stopper.");
        })
        .await
        .map_err(|e| format!("serveren stoppede: {e}"))
}
