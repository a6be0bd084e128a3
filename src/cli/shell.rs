//! `catch22 completions SHELL` and `catch22 man`: the command line described
//! for the shells (clap_complete) and for `man` (clap_mangen), generated from
//! the same clap definitions as the parser, so they never go stale.

use clap::CommandFactory;
use clap_complete::aot;

use super::io::Io;
use super::{Cli, CompletionsArgs, ManArgs, Shell};
use crate::error::{Error, Result};
use crate::output::Destination;
use crate::output::file::MadeDirs;

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> String {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    let name = "catch22";
    match shell {
        Shell::Bash => aot::generate(aot::Bash, &mut cmd, name, &mut buf),
        Shell::Zsh => aot::generate(aot::Zsh, &mut cmd, name, &mut buf),
        Shell::Fish => aot::generate(aot::Fish, &mut cmd, name, &mut buf),
        Shell::Powershell => aot::generate(aot::PowerShell, &mut cmd, name, &mut buf),
        Shell::Elvish => aot::generate(aot::Elvish, &mut cmd, name, &mut buf),
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// `catch22 completions SHELL`.
pub fn completions(a: CompletionsArgs, io: &mut Io) -> Result<Option<String>> {
    io.write_text(a.out.out.as_deref(), &completion_script(a.shell))?;
    Ok(None)
}

/// The manual pages: `catch22.1`, then `catch22-VERB.1` for every verb.
pub fn man_pages() -> Result<Vec<(String, String)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let render = |c: clap::Command| -> Result<(String, String)> {
        let man = clap_mangen::Man::new(c);
        let mut buf = Vec::new();
        man.render(&mut buf)
            .map_err(|e| Error::Runtime(format!("man page: {e}")))?;
        Ok((
            man.get_filename(),
            String::from_utf8_lossy(&buf).into_owned(),
        ))
    };
    let mut pages = vec![render(cmd.clone())?];
    for sub in cmd.get_subcommands() {
        let name = format!("catch22-{}", sub.get_name());
        pages.push(render(sub.clone().name(name.clone()).display_name(name))?);
    }
    Ok(pages)
}

/// `catch22 man [--dir DIR]`.
pub fn man(a: ManArgs, io: &mut Io) -> Result<Option<String>> {
    let pages = man_pages()?;
    let Some(dir) = &a.dir else {
        io.write_text(a.out.out.as_deref(), &pages[0].1)?;
        return Ok(None);
    };
    io.reserve("--dir", dir)?;
    let made = MadeDirs::create(dir)?;
    let mut outputs = Vec::new();
    for (file, text) in &pages {
        let path = std::path::Path::new(dir).join(file);
        let path = path.to_string_lossy().into_owned();
        let mut f = io.file("--dir", &path)?;
        std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Error::write(&path, &e))?;
        outputs.push(Destination::File(f));
    }
    io.commit(outputs)?;
    made.keep();
    Ok(Some(format!(
        "catch22 man: {} pages in {dir} (read one with `man -l {dir}/catch22-run.1`)",
        pages.len()
    )))
}
