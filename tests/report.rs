//! `catch22 report`: the page and the SVG files are well-formed XML, and the
//! numbers drawn are the numbers in the summary CSV.

mod common;

use common::{Csv, TempDir};

/// A minimal XML well-formedness check: tags balance and nest, attributes are
/// quoted, entities are the five XML ones. Returns the element names seen.
fn well_formed(text: &str) -> Result<Vec<String>, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt])?;
        rest = &rest[lt..];
        if rest.starts_with("<?") {
            let end = rest.find("?>").ok_or("unclosed <?")?;
            rest = &rest[end + 2..];
            continue;
        }
        if rest.starts_with("<!") {
            let end = rest.find('>').ok_or("unclosed <!")?;
            rest = &rest[end + 1..];
            continue;
        }
        let end = tag_end(rest)
            .ok_or_else(|| format!("unclosed tag near {:?}", &rest[..rest.len().min(40)]))?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or_else(|| format!("stray </{name}>"))?;
            if open != name.trim() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
        check_attributes(&body[name.len()..])?;
        seen.push(name.clone());
        if !self_closing {
            stack.push(name);
        }
    }
    check_text(rest)?;
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> never closed"));
    }
    Ok(seen)
}

/// The end of a tag, skipping `>` inside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn check_attributes(s: &str) -> Result<(), String> {
    let mut rest = s.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("attribute without value: {rest:?}"))?;
        let after = &rest[eq + 1..];
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"')
            .ok_or("unquoted attribute")?;
        let close = after[1..].find(q).ok_or("unterminated attribute")?;
        check_text(&after[1..1 + close])?;
        rest = after[close + 2..].trim_start();
    }
    Ok(())
}

fn check_text(s: &str) -> Result<(), String> {
    for (i, _) in s.match_indices('&') {
        let ent = &s[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| ent.starts_with(e))
        {
            return Err(format!("bad entity near {:?}", &ent[..ent.len().min(10)]));
        }
    }
    Ok(())
}

/// Every `data-KEY="..."` attribute of elements of class `class`, as maps.
fn marks(text: &str, class: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let needle = format!("class=\"{class}\"");
    text.match_indices(&needle)
        .map(|(i, _)| {
            let start = text[..i].rfind('<').unwrap();
            let end = start + tag_end(&text[start..]).unwrap();
            let tag = &text[start..end];
            let mut m = std::collections::BTreeMap::new();
            for (j, _) in tag.match_indices(" data-") {
                let kv = &tag[j + 6..];
                let eq = kv.find('=').unwrap();
                let val = &kv[eq + 2..];
                let close = val.find('"').unwrap();
                m.insert(kv[..eq].to_string(), val[..close].to_string());
            }
            m
        })
        .collect()
}

#[test]
fn checker_rejects_broken_xml() {
    assert!(well_formed("<a><b></a>").is_err());
    assert!(well_formed("<a x=1></a>").is_err());
    assert!(well_formed("<a>&nbsp;</a>").is_err());
    assert!(well_formed("<a><b/></a>").is_ok());
}

#[test]
fn report_draws_the_csv_numbers_in_well_formed_xml() {
    let dir = TempDir::new("report");
    dir.run(&[
        "sweep",
        "baseline-2025",
        "--vary",
        "lifeline.probability=0:0.5:3",
        "--vary",
        "us.policy=maximum_pressure,engagement",
        "--runs",
        "600",
        "--out",
        "s.csv",
    ])
    .success();
    let out = dir.run(&[
        "report",
        "s.csv",
        "jcpoa-2015",
        "--runs",
        "500",
        "--out",
        "r.html",
        "--svg",
        "svgs",
    ]);
    out.success().stderr_has("2 inputs");
    let page = dir.read("r.html");
    let tags = well_formed(&page).unwrap_or_else(|e| panic!("report is not well-formed: {e}"));
    assert!(tags.iter().filter(|t| *t == "svg").count() >= 4);
    assert!(
        !page.contains("http://") || !page.contains("src="),
        "no external resources"
    );
    assert!(page.contains("<title>catch22 report</title>"));

    // The bars of the first input are the CSV's probabilities and intervals.
    let csv = Csv::parse(&dir.read("s.csv"));
    let bars = marks(&page, "bar");
    let (point, outcome, p, lo, hi) = (
        csv.col("point"),
        csv.col("outcome"),
        csv.col("probability"),
        csv.col("ci_low"),
        csv.col("ci_high"),
    );
    assert_eq!(
        bars.len(),
        csv.rows.len() + 4,
        "6 points x 4 outcomes, then jcpoa's 4"
    );
    for (row, bar) in csv.rows.iter().zip(&bars) {
        assert_eq!(bar["point"], row[point]);
        assert_eq!(bar["outcome"], row[outcome]);
        assert_eq!(bar["p"], row[p]);
        assert_eq!(bar["lo"], row[lo]);
        assert_eq!(bar["hi"], row[hi]);
    }
    // The sweep dots too, one chart per us.policy value.
    let dots = marks(&page, "dot");
    assert_eq!(dots.len(), csv.rows.len());
    for dot in &dots {
        let row = csv
            .rows
            .iter()
            .find(|r| r[point] == dot["point"] && r[outcome] == dot["outcome"])
            .unwrap();
        assert_eq!(dot["p"], row[p]);
        assert_eq!(dot["x"], row[csv.col("lifeline.probability")]);
    }
    // The scenario's time-to-outcome histogram adds up to its runs.
    let hist: u64 = marks(&page, "hist")
        .iter()
        .map(|m| m["count"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(hist, 500);
    // Reproduction recipe.
    assert!(page.contains("catch22 run jcpoa-2015 --runs 500 --seed 2013"));
    assert!(page.contains("file hash"));

    // Each standalone SVG is well-formed and is the chart in the page.
    let files = std::fs::read_dir(dir.path().join("svgs")).unwrap();
    let mut n = 0;
    for f in files {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        well_formed(&text).unwrap();
        let body = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert!(page.contains(body.trim()), "SVG file differs from the page");
        n += 1;
    }
    assert!(n >= 4);
}

#[test]
fn report_refuses_bad_input_without_leaving_files() {
    let dir = TempDir::new("report-bad");
    for args in [
        vec!["report", "no-such.toml", "--out", "r.html"],
        vec!["report", "baseline-2025", "--runs", "0", "--out", "r.html"],
        vec![
            "report",
            "baseline-2025",
            "--runs",
            "10",
            "--out",
            "missing-dir/r.html",
        ],
    ] {
        let out = dir.run(&args);
        out.check(out.code() == Some(2), "expected exit 2")
            .check(out.stderr.starts_with("error: "), "one error line")
            .check(out.stderr.lines().count() == 1, "one line");
        assert!(!dir.exists("r.html"));
    }
    assert!(dir.entries().is_empty(), "{:?}", dir.entries());
}

#[test]
fn report_draws_the_catch22_map_explain_writes() {
    let dir = TempDir::new("report-map");
    dir.run(&[
        "report",
        "baseline-2025",
        "--runs",
        "30",
        "--seed",
        "11",
        "--out",
        "r.html",
    ])
    .success();
    let page = dir.read("r.html");
    well_formed(&page).unwrap();
    // The recipe names the explain command that computes the same map.
    let cmd = "catch22 explain baseline-2025 --seed 11 --map-steps 21 --map-out map.csv";
    assert!(page.contains(cmd), "no map recipe");
    let args: Vec<&str> = cmd.split_whitespace().skip(1).collect();
    dir.run(&args).success();
    let csv = Csv::parse(&dir.read("map.csv"));
    let cells = marks(&page, "map-cell");
    assert_eq!(cells.len(), 441);
    assert_eq!(csv.rows.len(), 441);
    for (cell, row) in cells.iter().zip(&csv.rows) {
        for (attr, col) in [
            ("resilience", "resilience"),
            ("leverage", "leverage"),
            ("offer", "offer"),
            ("deal", "deal_survival"),
            ("refuse", "refuse_survival"),
            ("region", "region"),
        ] {
            assert_eq!(cell[attr], row[csv.col(col)], "{attr}");
        }
    }
    let initial = marks(&page, "map-initial");
    assert_eq!(initial.len(), 1);
    assert_eq!(initial[0]["resilience"], "0.450000");
    assert_eq!(initial[0]["leverage"], "0.250000");
}

/// The harmonic mean of coverage and density, as `discover` picks its box.
fn f1(c: f64, d: f64) -> f64 {
    if c + d > 0.0 {
        2.0 * c * d / (c + d)
    } else {
        0.0
    }
}

#[test]
fn report_draws_sensitivity_indices_and_prim_boxes_as_written() {
    let dir = TempDir::new("report-uncertainty");
    for args in [
        vec![
            "sensitivity",
            "--function",
            "sobol-g",
            "--samples",
            "256",
            "--out",
            "sob.csv",
        ],
        vec![
            "sensitivity",
            "--function",
            "sobol-g",
            "--method",
            "morris",
            "--samples",
            "20",
            "--out",
            "mor.csv",
        ],
    ] {
        dir.run(&args).success();
    }
    let data = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/discover/prim-scales.csv"),
    )
    .unwrap();
    dir.write("samples.csv", &data);
    dir.run(&[
        "discover",
        "samples.csv",
        "--outcome",
        "y",
        "--threshold",
        "0.5",
        "--out",
        "prim.csv",
    ])
    .success();
    dir.run(&[
        "report", "sob.csv", "mor.csv", "prim.csv", "--svg", "svgs", "--out", "r.html",
    ])
    .success();
    let page = dir.read("r.html");
    well_formed(&page).unwrap();
    for bad in ["NaN", "inf\"", "=\"inf", "\"-inf"] {
        assert!(!page.contains(bad), "{bad} in the page");
    }
    // Sobol': every parameter's S1 and ST as written, sorted by ST.
    let sob = Csv::parse(&dir.read("sob.csv"));
    let st = marks(&page, "st");
    assert_eq!(st.len(), 8);
    assert_eq!(marks(&page, "s1").len(), 8);
    let values: Vec<f64> = st.iter().map(|m| m["value"].parse().unwrap()).collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "not sorted: {values:?}"
    );
    assert_eq!(st[0]["parameter"], "x1", "x1 matters most in Sobol' G");
    for row in &sob.rows {
        let m = st
            .iter()
            .find(|m| m["parameter"] == row[sob.col("parameter")])
            .unwrap();
        assert_eq!(m["value"], row[sob.col("ST")]);
        assert_eq!(m["low"], row[sob.col("ST_low")]);
        assert_eq!(m["high"], row[sob.col("ST_high")]);
    }
    // Morris: one point per parameter at (mu*, sigma) as written.
    let mor = Csv::parse(&dir.read("mor.csv"));
    let points = marks(&page, "morris");
    assert_eq!(points.len(), mor.rows.len());
    for (m, row) in points.iter().zip(&mor.rows) {
        assert_eq!(m["parameter"], row[mor.col("parameter")]);
        assert_eq!(m["mu-star"], row[mor.col("mu_star")]);
        assert_eq!(m["sigma"], row[mor.col("sigma")]);
    }
    // PRIM: every step, and the chosen box's limits (the largest harmonic
    // mean), restricted where the data set's box is: a, b, c but not d.
    let prim = Csv::parse(&dir.read("prim.csv"));
    assert_eq!(marks(&page, "prim-step").len(), prim.rows.len());
    let f: Vec<f64> = prim
        .rows
        .iter()
        .map(|r| {
            f1(
                r[prim.col("coverage")].parse().unwrap(),
                r[prim.col("density")].parse().unwrap(),
            )
        })
        .collect();
    let pick = (0..f.len()).fold(0, |b, i| if f[i] > f[b] { i } else { b });
    let limits = marks(&page, "prim-limit");
    assert_eq!(limits.len(), 4);
    for m in &limits {
        let input = &m["input"];
        assert_eq!(m["low"], prim.rows[pick][prim.col(&format!("{input}_low"))]);
        assert_eq!(
            m["high"],
            prim.rows[pick][prim.col(&format!("{input}_high"))]
        );
    }
    assert!(page.contains(&format!("chosen box, step {pick}:")));
    assert!(page.contains(">not restricted<"));
    // The recipe comes from each CSV's manifest.
    assert!(page.contains("catch22 reproduce sob.csv.meta.json"));
    // One SVG per chart, each the chart in the page.
    let names = std::fs::read_dir(dir.path().join("svgs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["1-sobol-y.svg", "2-morris-y.svg", "3-prim.svg"]
    );
}

#[test]
fn report_escapes_analysis_names_and_refuses_bad_analysis_csvs() {
    let dir = TempDir::new("report-uncertainty-bad");
    dir.run(&[
        "sensitivity",
        "--function",
        "ishigami",
        "--samples",
        "64",
        "--no-meta",
        "--out",
        "sob.csv",
    ])
    .success();
    let sob = dir.read("sob.csv");
    let hostile = sob
        .replacen("x1,y,", "\"<script>x</script>\",\"<b>&y\",", 1)
        .replacen("x2,y,", "x2,\"<b>&y\",", 1)
        .replacen("x3,y,", "x3,\"<b>&y\",", 1);
    dir.write("hostile.csv", &hostile);
    dir.run(&["report", "hostile.csv", "--svg", "svgs", "--out", "r.html"])
        .success();
    let mut pages = vec![dir.read("r.html")];
    for e in std::fs::read_dir(dir.path().join("svgs")).unwrap() {
        pages.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for page in &pages {
        well_formed(page).unwrap();
        assert!(
            !page.contains("<script") && !page.contains("<b>"),
            "live markup"
        );
    }
    assert!(pages[0].contains("&lt;script&gt;x&lt;/script&gt;"));
    // Line 3's ST (column 6) not finite; a header alone.
    let mut lines: Vec<String> = sob.lines().map(String::from).collect();
    let mut f: Vec<&str> = lines[2].split(',').collect();
    f[5] = "inf";
    lines[2] = f.join(",");
    let bad_number = lines.join("\n");
    let header_only = lines[0].clone();
    for (name, text, needle) in [
        ("inf.csv", bad_number, "inf.csv:3:6"),
        ("empty.csv", header_only, "no rows"),
        (
            "prim.csv",
            "step,coverage,density,mass,n_restricted,a_low,b_high\n0,1,0.5,1,0,0,1\n".to_string(),
            "prim.csv:1:6",
        ),
        (
            "nan.csv",
            "step,coverage,density,mass,n_restricted,a_low,a_high\n0,1,NaN,1,0,0,1\n".to_string(),
            "not a finite number",
        ),
    ] {
        dir.write(name, &text);
        dir.run(&["report", name, "--svg", "out-svgs", "--out", "out.html"])
            .refused(needle);
        assert!(!dir.exists("out.html") && !dir.exists("out-svgs"));
    }
}
