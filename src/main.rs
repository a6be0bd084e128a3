//! The `catch22` binary: parse the command line, run, report, set the exit code.

use clap::Parser;

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
    match catch22::cli::execute(cli) {
        Ok(Some(status)) => eprintln!("{status}"),
        Ok(None) => {}
        Err(catch22::Error::BrokenPipe) => {}
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
