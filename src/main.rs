//! The `catch22` binary: parse the command line, run, report, set the exit code.

use std::io::IsTerminal;

use clap::Parser;

mod progress_bar;

fn main() {
    let cli = match catch22::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return;
        }
        Err(e) => {
            // One line, like every other error: clap's first line, then a pointer to help.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("error: bad arguments");
            eprintln!("{first} (see `catch22 --help`)");
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
