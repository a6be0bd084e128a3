//! Output escaping (issue 11, class 3): user-derived text reaches every
//! format as text, never as markup, and no output holds a non-finite number.

mod common;

use common::TempDir;

const SCRIPT: &str = "<script>alert('x')</script>";

/// A sweep's summary CSV whose varied-key column and values are hostile.
fn hostile_csv(dir: &TempDir) -> String {
    let out = dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "iran.resilience=0.3,0.4",
        "--runs",
        "40",
        "-q",
    ]);
    out.success();
    let mut lines = out.stdout.lines();
    let header = lines
        .next()
        .unwrap()
        .replace("iran.resilience", &format!("\"{SCRIPT}\""));
    let mut text = format!("{header}\n");
    for line in lines {
        // The scenario name and the first quantile of every row, hostile too.
        let fields: Vec<&str> = line.split(',').collect();
        let mut f: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
        f[0] = "\"<b>name</b>&\"".to_string();
        f[2] = format!("\"{SCRIPT}{}\"", fields[2]);
        text.push_str(&f.join(","));
        text.push('\n');
    }
    text
}

#[test]
fn a_hostile_csv_cannot_put_markup_in_the_report() {
    let dir = TempDir::new("escape-report");
    let csv = hostile_csv(&dir);
    dir.write("s.csv", &csv);
    let out = dir.run(&["report", "s.csv", "--svg", "charts", "-q"]);
    out.success();
    let mut pages = vec![out.stdout.clone()];
    for e in std::fs::read_dir(dir.path().join("charts")).unwrap() {
        pages.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for page in &pages {
        assert!(!page.contains("<script"), "live markup in:\n{page}");
        assert!(!page.contains("<b>"), "live markup in:\n{page}");
        assert!(
            page.contains("&lt;script&gt;"),
            "the name should be shown, escaped"
        );
    }
}

#[test]
fn non_finite_quantiles_are_refused_never_drawn() {
    let dir = TempDir::new("escape-inf");
    let out = dir.run(&["run", "--runs", "40", "-q"]);
    out.success();
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap();
    let cols: Vec<&str> = header.split(',').collect();
    let p10 = cols.iter().position(|c| *c == "round_p10").unwrap();
    let mut text = format!("{header}\n");
    for (i, line) in lines.enumerate() {
        let mut f: Vec<String> = line.split(',').map(String::from).collect();
        f[p10] = ["-inf", "inf", "NaN", "1e999"][i % 4].to_string();
        text.push_str(&f.join(","));
        text.push('\n');
    }
    dir.write("s.csv", &text);
    // The summary reader refuses them; were one to pass, it would not be drawn.
    let out = dir.run(&["report", "s.csv", "-q"]);
    out.refused("not a finite number");
    for bad in ["inf\"", "NaN\"", "=\"-inf", "=\"inf"] {
        assert!(!out.stdout.contains(bad), "{bad} written:\n{}", out.stdout);
    }
}
