"""Where it breaks in the report (issue 16): on cases whose cause is known by construction
(tests/diagnosis/), the report's first screen (the verdict card) and its plain-words paragraph
name the same constraint and upstream cause as the terminal and the file; compare shows each
plan's targets met and missed; a diagnose file gets its own report."""
import subprocess

import h5py
import pytest

import surge_analysis as sa
from surge_analysis.report import _census_section, _plain, _verdict_card, build_report
from surge_analysis.verdict import verdict

from conftest import ROOT, _make

KNOWN = ROOT / "tests" / "diagnosis"
LINE_CHAIN = ("fc/widget out of stock ← dc/widget out of stock ← plant/widget line at "
              "capacity")
LINE_WORDS = ("It breaks first at fc/widget out of stock, which waited on dc/widget out of stock, "
              "which waited on plant/widget line at capacity")


def first_screen(result):
    """The verdict card and the plain-words box, as the report renders them: what a reader sees
    before scrolling (without the figures below, which take long to draw)."""
    v = verdict(result)
    return _verdict_card(result, v), _plain(v)


@pytest.fixture(scope="module")
def known(surge, tmp_path_factory):
    d = tmp_path_factory.mktemp("breaks")
    line = str(KNOWN / "line_too_slow.yaml")
    reps = ["--reps", "4", "--threads", "2"]
    compare = d / "compare.yaml"
    compare.write_text((KNOWN / "line_too_slow.yaml").read_text() +
                       "plans:\n  faster_line: {set: {nodes.plant.lines.widget.rate: 200/d}, cost: 10}\n")
    return {
        "run": _make(surge, d / "run.h5", "run", line),
        "mc": _make(surge, d / "mc.h5", "mc", line, *reps),
        "compare": _make(surge, d / "compare.h5", "compare", str(compare), *reps, "--all-reps"),
        "diagnose": _make(surge, d / "diagnose.h5", "diagnose", str(KNOWN / "lane_at_capacity.yaml"),
                          *reps),
        "three": _make(surge, d / "three.h5", "diagnose", str(KNOWN / "three_causes.yaml"), *reps),
    }


def test_run_and_mc_reports_say_where_it_breaks_on_the_first_screen(surge, known):
    for kind in ("run", "mc"):
        card, plain = first_screen(sa.load(known[kind]))
        assert LINE_CHAIN in card, kind
        assert LINE_WORDS in plain, kind
        assert "ottleneck" not in card + plain
    # The same words as the terminal and the file.
    out = subprocess.run([surge, "run", str(KNOWN / "line_too_slow.yaml")], capture_output=True,
                         text=True, timeout=120).stdout
    assert f"Where it breaks: {LINE_CHAIN}\n" in out
    with h5py.File(known["run"]) as f:
        assert f["breaks/chain"].asstr()[0] == LINE_CHAIN


def test_the_census_is_a_table_of_the_report(known):
    _, _, census = _census_section(sa.load(known["mc"]))
    for name in ("plant/widget", "dc/widget", "fc/widget"):
        assert name in census
    assert "100.0%" in census  # each bound in every replication


def test_compare_report_says_per_plan_which_targets_it_meets_and_misses(known):
    r = sa.load(known["compare"])
    card, _ = first_screen(r)
    assert "misses fill rate over the run at least 95%" in card  # the baseline
    assert "where it breaks: " + LINE_CHAIN in card
    assert "faster_line" in card


def test_a_diagnose_file_has_a_report_with_the_relaxations(known):
    r = sa.load(known["diagnose"])
    assert r.kind == "diagnose"
    assert r.relaxations.relaxed.iloc[0] == "dc->fc"
    card, plain = first_screen(r)
    # The whole report of a diagnose file: its baseline's sections, with the census.
    assert '<section id="census"' in build_report(r)
    assert "relax dc-&gt;fc (lane)" in card
    assert "fc/widget out of stock ← dc-&gt;fc lane at capacity" in card + plain
    assert "Relaxing dc-&gt;fc alone buys the most" in card


def test_a_diagnosis_that_needs_three_fixes_says_so_in_plain_words(known):
    r = sa.load(known["three"])
    grown = r.relaxations[r.relaxations.constraints == 3]
    assert len(grown) == 1 and grown.p_deliverable.iloc[0] == 1
    _, plain = first_screen(r)
    assert "Relaxing 3 together (" in plain


KNOWN_CHAINS = {
    "fc_stock_too_small": "fc/widget out of stock",
    "pick_too_small": "fc/pick station at capacity",
    "agents_too_small": "support/agents all busy",
    "line_too_slow": LINE_CHAIN,
    "lane_at_capacity": "fc/widget out of stock ← dc->fc lane at capacity",
    "supplier_outage": "wh/widget out of stock ← acme/widget supplier down",
    "one_product_runs_out": "fc/gadget out of stock",
}


@pytest.mark.parametrize("case", sorted(KNOWN_CHAINS))
def test_every_known_case_says_the_same_in_the_terminal_the_file_and_the_report(surge, tmp_path,
                                                                                 case):
    chain = KNOWN_CHAINS[case]
    out = tmp_path / f"{case}.h5"
    proc = subprocess.run([surge, "run", str(KNOWN / f"{case}.yaml"), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"Where it breaks: {chain}\n" in proc.stdout
    r = sa.load(out)
    missed = r.breaks[~r.breaks.met.astype(bool)]
    assert missed.chain.iloc[0] == chain
    v = verdict(r)
    assert ("where it breaks", chain) in v.facts
    first = chain.split(" ← ")[0]
    assert f"It breaks first at {first}" in v.paragraph
