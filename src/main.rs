//! The `catch22` binary: parse the command line, run, report, set the exit code.

use std::io::IsTerminal;

use clap::Parser;

mod progress_bar;

/// On SIGINT, SIGTERM or SIGHUP (Ctrl-C, `timeout`, Slurm's `scancel`):
/// remove every uncommitted temporary and exit with 128 + the signal's
/// number (130, 143, 129), as a shell reports a process killed by it.
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            catch22::output::file::remove_pending_then(|| {
                signal_hook::low_level::exit(128 + signal)
            });
        }
    });
}

/// A clap error on one line, like every other error: its message with the
/// items listed under it (missing arguments, possible values) and its tip
/// (a suggested verb or flag), then the usage or a pointer to help.
fn one_line(text: &str) -> String {
    let mut msg = String::new();
    let mut usage = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(u) = line.strip_prefix("Usage:") {
            usage = Some(u.trim().to_string());
        } else if line.starts_with("For more information") {
            continue;
        } else if msg.is_empty() {
            msg.push_str(line);
        } else if msg.ends_with(':') {
            msg.push(' ');
            msg.push_str(line);
        } else if let Some(tip) = line.strip_prefix("tip:") {
            msg.push_str(&format!(" ({})", tip.trim()));
        } else if line.starts_with('[') {
            msg.push(' ');
            msg.push_str(line);
        } else {
            msg.push_str(", ");
            msg.push_str(line);
        }
    }
    if msg.is_empty() {
        msg.push_str("error: bad arguments");
    }
    match usage {
        Some(u) => format!("{msg} (usage: {u}; see `catch22 --help`)"),
        None => format!("{msg} (see `catch22 --help`)"),
    }
}

fn main() {
    remove_temporaries_on_signals();
    let cli = match catch22::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return;
        }
        Err(e) => {
            eprintln!("{}", one_line(&e.render().to_string()));
            std::process::exit(2);
        }
    };
    // A progress bar only for a person watching: stderr a terminal, no --quiet.
    let bar = (std::io::stderr().is_terminal() && !cli.quiet()).then(progress_bar::Bar::new);
    let result = match &bar {
        Some(b) => catch22::cli::execute_with(cli, b),
        None => catch22::cli::execute(cli),
    };
    if let Some(b) = &bar {
        b.finish();
    }
    match result {
        Ok(Some(status)) => eprintln!("{status}"),
        Ok(None) => {}
        Err(catch22::Error::BrokenPipe) => {}
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
