//! The `catch22` binary: parse the command line, run, report, set the exit code.

use clap::Parser;

fn main() {
    let cli = match catch22::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout (exit 0) and usage
            // errors, starting with "error:", to stderr (exit 2).
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 2 } else { 0 });
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
