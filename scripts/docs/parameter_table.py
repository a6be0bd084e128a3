#!/usr/bin/env python3
"""Writes the parameter reference of docs/MODEL.md section 7 from the schema.

The key, default, allowed range, basis and plausible range come from
`catch22 check` (the schema itself); the reason for each default is written
here, one line a key. Run from the repository root after a schema change:

    python3 scripts/docs/parameter_table.py target/release/catch22 > /tmp/table.md

and paste the output over section 7's tables. `tests/docs.rs` checks that
every key of the schema appears there with its default, basis and range.
"""
import re
import subprocess
import sys

WHY = {
    "scenario.name": "Label only.",
    "scenario.description": "Label only.",
    "scenario.rounds": "NSPM-2 (4 Feb 2025) to the end of the term, 20 Jan 2029 (calibration §6).",
    "scenario.runs": "A Wilson 95% half-width of at most one percentage point.",
    "scenario.seed": "Arbitrary; fixed for reproducibility.",
    "iran.policy": "The article's reading: talks refused in words, intermediaries in deeds (A12).",
    "iran.resilience": "\"Weaker than ever\" (A3): 0.2 above the mean threshold, a crisis hazard of 0.03% a month at the start.",
    "iran.survival_threshold": "Anchors the unit-free resilience scale.",
    "iran.threshold_spread": "Private resolve (Fearon 1995); how far types may differ is a judgement.",
    "iran.leverage": "The axis lost in 2024: Nasrallah killed (27 Sep), Assad fallen (8 Dec) (calibration §5).",
    "iran.hardliners": "Principalist dominance: the Majlis impeached Hemmati by 182 of 273 votes (0.67), March 2025 (calibration §5).",
    "iran.nuclear": "274.8 kg of 60% uranium in Feb 2025 (IAEA, calibration §3), scored high on a 0-1 scale.",
    "iran.public_refusal": "Khamenei, 7 Feb 2025: talks with the US \"not smart, wise or honourable\" (calibration §5).",
    "iran.survival_floor": "The Leader's acceptable survival floor θ* of mechanics.md §6: \"saving the system at all costs\" asks for a high one.",
    "iran.hold_the_line.confront_prob": "Pure refusal by default.",
    "iran.heroic_flexibility.go_direct_at": "Equal to talks.interim_at: talks go public after the interim deal, as after the JPOA (Nov 2013).",
    "iran.fence_sitter.confront_below": "Just under L0: confrontations begin once leverage has faded for about eight months.",
    "iran.fence_sitter.confront_prob": "Limited confrontation half of the time when leverage is low.",
    "iran.full_confrontation.escalate_prob": "The path not taken, escalating every other month.",
    "us.policy": "NSPM-2 (4 Feb 2025) and the Omani talks from 12 Apr 2025: tighten and talk through Oman.",
    "us.pressure": "Exports ~1.5 mbpd in 2024 against 2.5 in May 2018: P0 = 1 - 1.5/2.5 (calibration §1).",
    "us.credibility": "The 2018 withdrawal, which Khamenei cites (7 Feb 2025); finite-horizon credibility (models.md §8).",
    "us.credibility_end": "A deal signed on the way out of a term binds the successor least (models.md §8).",
    "us.belief_mean": "No misperception by default: the US believes the true mean.",
    "us.belief_spread": "No misperception by default: the US belief as wide as Iran's true types.",
    "us.successor_dove": "Of the last three transitions, one eased (2021) and two tightened (2017, 2025).",
    "us.successor_relief": "The 2021-24 lax enforcement took exports from ~0.4 to ~1.5 mbpd (calibration §1).",
    "us.maximum_pressure.strike_at": "Not reached by drift within 48 rounds: strikes answer escalation.",
    "us.pressure_and_engage.strike_at": "As maximum_pressure.",
    "us.strike_on_breakout.strike_at": "A lower red line, reached after about 25 months of drift (cf. the strikes of June 2025).",
    "lifeline.active": "China took ~90% of crude exports in 2023-2025 (calibration §1).",
    "lifeline.probability": "A lost buyer returns within about two years.",
    "lifeline.end_probability": "Expected life about 25 months; the Nov-Dec 2024 \"dark fleet\" sanctions cut Chinese intake (calibration §1).",
    "lifeline.offset": "Exports recovered from ~0.4 (2020) to ~1.5 mbpd (2024), mostly to China: P fell from ~0.84 to ~0.4, about half offset (calibration §1).",
    "sanctions.tighten": "24 months of tightening from P = 0 give 1 - 0.92^24 = 0.86, the fall from 2.5 mbpd (May 2018) to ~0.4 (2020) (calibration §1).",
    "sanctions.erosion": "Enforcement held, evasion slowly erodes it: slower than lax enforcement.",
    "sanctions.ease": "Lax enforcement 2021-24: P from ~0.84 to ~0.4 in 48 months, (1 - ε_E)^48 = 0.48 (calibration §1).",
    "resilience.recovery": "Regimes like Iran's adapt (Escribà-Folch & Wright 2010); a = b makes R* = 1 - P_eff.",
    "resilience.pressure_cost": "Equal to recovery: refusing is sustainable while P_eff stays well below 1 - θ.",
    "resilience.noise": "Month-to-month shocks of a few hundredths.",
    "resilience.confront_cost": "Small: a limited confrontation.",
    "resilience.escalate_cost": "Twice a confrontation's.",
    "resilience.strike_damage": "A strike's direct damage to the system.",
    "resilience.audience_cost": "Audience costs of going back on a public refusal (Fearon 1994; Weeks 2008; Kurizaki 2007).",
    "leverage.decay": "Networks and resolve fade unless demonstrated: half-life about 23 months.",
    "leverage.confront_gain": "Limited aggression changes the terms (Schelling 1966; Schram 2020).",
    "leverage.escalate_gain": "Escalation adds less leverage than it costs in risk.",
    "leverage.strike_loss": "A strike degrades the network.",
    "nuclear.drift": "The 60% stock grew 182 to 409 kg from Oct 2024 to May 2025 (calibration §3); the 0-1 score is not a kilogram scale.",
    "nuclear.escalate_step": "A visible step (enrichment level, NPT threat).",
    "nuclear.strike_setback": "June 2025: facilities struck, the enriched stock's fate unknown (IAEA, Oct 2025; calibration §3): latency set back less than the facilities.",
    "nuclear.rebuild": "Assessments of the June 2025 strikes ranged from months to two years: a half-life of about a year.",
    "hardliners.pressure_gain": "\"Perverse\" rally effects of sanctions (Kaempfer & Lowenberg).",
    "hardliners.confront_gain": "Confrontation and strikes strengthen the principalists.",
    "hardliners.relief_loss": "Relief weakens the hardliners' case.",
    "talks.intermediary_rate": "About 20 rounds of talks in both directions: Oman channel March 2013 to the JPOA (Nov 2013) to the JCPOA (July 2015) (calibration §4).",
    "talks.direct_rate": "Direct talks move faster than shuttle diplomacy.",
    "talks.hardliner_drag": "Level II constraints slow Level I talks (Putnam 1988).",
    "talks.decay": "Progress fades when nobody talks.",
    "talks.interim_at": "Half way, as the JPOA came half way to the JCPOA.",
    "talks.interim_relief": "The JPOA's limited relief (~$7 bn, Nov 2013; calibration §4).",
    "talks.interim_breakdown": "Mediated agreements are less durable (Beardsley 2008).",
    "talks.setback": "Half the progress survives a refusal, a veto or a breakdown.",
    "talks.confront_setback": "An incident sets talks back; the US breaks them off for a round.",
    "talks.progress_spread": "Talks move unevenly from month to month.",
    "deal.relief": "The JCPOA took exports from ~1.1 to ~2.1 mbpd: P from 0.56 to 0.16, 70% lifted (calibration §1).",
    "deal.concession_cost": "Concessions as existential as refusing (A4); selectorate logic (Bueno de Mesquita et al. 2003).",
    "deal.backlash": "Hardliners amplify the domestic blow of concessions (A10).",
    "deal.shock_spread": "How much a deal's domestic reception can surprise.",
    "deal.veto_base": "Rescaled to the screening offer's terms: the baseline win-set, 0.375 at H = 0.65, is about three times the mean offer; the hardliner surge's, 0.25, binds.",
    "deal.veto_weight": "Hardliners shrink the win-set (Putnam 1988).",
    "deal.lasting_cost": "What concessions cost the system each month after a deal.",
    "deal.breakdown_cost": "A US that does not fear failed talks much (maximum pressure, the strike option): Fearon's c_A small.",
    "deal.leverage_weight": "Iran's chips: a deal freezes the regional posture, worth half of leverage in concessions (the v1 leverage weight, 0.5).",
    "deal.latency_weight": "Restraint on enrichment as a chip (A11): worth a twentieth of latency in concessions.",
    "hazard.crisis_max": "Pressure turns into crisis risk only through severe, prolonged shocks (Escribà-Folch & Wright 2010).",
    "hazard.crisis_width": "The hazard falls by e for every 0.04 of headroom.",
    "hazard.war_base": "About 2.4% over 48 months without any provocation.",
    "hazard.confront": "A threat that leaves something to chance (Schelling 1960).",
    "hazard.escalate": "Nuclear escalation invites preventive war (Powell 2006; Debs & Monteiro 2014).",
    "hazard.strike": "The June 2025 strikes ended in a ceasefire after 12 days: most strikes do not spiral (calibration §5).",
    "war.regime_survival": "The regime survived the June 2025 war; wars topple regimes rarely.",
    "war.nuclear_setback": "A war destroys more latency than a strike; it rebuilds at nuclear.rebuild.",
    "war.leverage_loss": "A war degrades the regional network.",
    "payoff.discount": "About 11% a year.",
    "payoff.crisis_cost": "The regime's loss when it falls, besides every later flow.",
    "payoff.war_cost_iran": "A war's cost to Iran (a contract key; unchanged from version 1).",
    "payoff.war_cost_us": "A war's cost to the US (a contract key; unchanged from version 1).",
    "payoff.crisis_value_us": "Neutral: the US neither courts nor fears a regime crisis, against the standoff continuing.",
    "payoff.strike_cost_us": "Operations, oil prices, risk to forces and allies.",
    "payoff.latency_weight_us": "The US lived with Iran's latency for two decades before striking once: a war costs it about six years of the latency loss.",
    "payoff.leverage_weight_us": "Iran's regional network matters less to the US than its latency.",
    "payoff.enforcement_cost_us": "Enforcing secondary sanctions costs: oil prices, friction with China and allies.",
    "equilibrium.grid.resilience": "Solver setting: the default grid solves in under 15 s on 2 threads.",
    "equilibrium.grid.leverage": "Solver setting.",
    "equilibrium.grid.pressure": "Solver setting.",
    "equilibrium.grid.talks": "Solver setting.",
    "equilibrium.grid.hardliners": "Solver setting.",
    "equilibrium.grid.nuclear": "Solver setting.",
    "equilibrium.grid.belief": "Solver setting.",
    "equilibrium.noise_nodes": "Solver setting: the midpoint (the noise is small against the hazard).",
    "equilibrium.backlash_nodes": "Solver setting.",
}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/catch22"
    text = subprocess.run([binary, "check", "baseline-2025"], capture_output=True, text=True, check=True).stdout
    table = ""
    rows = {}
    order = []
    for line in text.splitlines():
        m = re.match(r"^\[(.+)\]$", line)
        if m:
            table = m.group(1)
            continue
        m = re.match(r'^(\w+) = (.*?)  # (set|default)(?:; (.*))?$', line)
        if not m or line.startswith("#"):
            continue
        key = f"{table}.{m.group(1)}"
        value = m.group(2)
        rest = (m.group(4) or "").split("; ")
        kind = rest[0] if len(rest) > 1 else ""
        basis = rest[-1]
        if key in ("scenario.name", "scenario.description"):
            value = '"unnamed"' if key == "scenario.name" else '""'
        rows[key] = (value, kind, basis)
        order.append(key)
    missing = [k for k in order if k not in WHY]
    if missing:
        sys.exit(f"no reason written for: {missing}")
    section = None
    for key in order:
        head = key.split(".")[0]
        if head != section:
            section = head
            print(f"\n### `[{section}]`\n")
            print("| Key | Default | Allowed | Basis | Plausible | Why |")
            print("|-----|---------|---------|-------|-----------|-----|")
        value, kind, basis = rows[key]
        m = re.match(r"(\w+) \[(.*)\]", basis)
        tag, plausible = (m.group(1), f"[{m.group(2)}]") if m else (basis, "—")
        allowed = kind.replace("a number in ", "").replace("an integer in ", "").replace("one of ", "")
        if kind == "":
            allowed = "text"
        print(f"| `{key}` | {value} | {allowed} | {tag} | {plausible} | {WHY[key]} |")


if __name__ == "__main__":
    main()
