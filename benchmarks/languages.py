"""What the languages cost: one string lookup, the lookups of one explorer page run, and that page run in
English, Chinese and French (AppTest, in this process).

    python benchmarks/languages.py [--json results.json] [--runs 15]

A lookup from app code reads the session's language through the hook ui/language.py sets, then gettext's
dictionary; the issue's target is that no click pays for lookups in any noticeable way, and that switching
language costs one page run.
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from streamlit.testing.v1 import AppTest  # noqa: E402

import backprop.i18n as i18n  # noqa: E402


def per_lookup(language: str, calls: int = 200_000) -> float:
    """Seconds for one `_` in a `speaking` block (the CLI's path)."""
    with i18n.speaking(language):
        start = time.perf_counter()
        for _round in range(calls):
            i18n._("Apply update")
        return (time.perf_counter() - start) / calls


def page_runs(language: str, runs: int) -> dict:
    """An explorer page run in `language`, its lookups, and the time they spent reading the session's language
    through the hook (the rest of a lookup is per_lookup's)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = language
    at.run()
    at.switch_page("pages/1_Network_explorer.py")
    at.run()
    counted = {"n": 0, "hook": 0.0}
    lookup, reader = i18n.catalogue, i18n._readers[0]

    def counting(code):
        counted["n"] += 1
        return lookup(code)

    def timed_reader():
        start = time.perf_counter()
        try:
            return reader()
        finally:
            counted["hook"] += time.perf_counter() - start

    times, lookups, hooks = [], [], []
    i18n.catalogue, i18n._readers[0] = counting, timed_reader  # `_` reads both once per call
    try:
        for _round in range(runs):
            counted.update(n=0, hook=0.0)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            lookups.append(counted["n"])
            hooks.append(counted["hook"])
    finally:
        i18n.catalogue, i18n._readers[0] = lookup, reader
    assert not at.exception, at.exception
    return {"page_run_ms": statistics.median(times) * 1e3, "lookups": int(statistics.median(lookups)),
            "hook_ms": statistics.median(hooks) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json")
    args = parser.parse_args()
    results = {}
    for language in i18n.LANGUAGES:
        results[language] = page_runs(language, args.runs) | {"lookup_us": per_lookup(language) * 1e6}
    print("| language | one lookup | lookups per explorer run | their cost in that run | explorer run (AppTest) "
          "| × English |")
    print("|---|---|---|---|---|---|")
    for language, r in results.items():
        cost = r["hook_ms"] + r["lookups"] * r["lookup_us"] / 1e3
        print(f"| {language} | {r['lookup_us']:.2f} µs | {r['lookups']} | {cost:.2f} ms | {r['page_run_ms']:.0f} ms | "
              f"{r['page_run_ms'] / results['en']['page_run_ms']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))

if __name__ == "__main__":
    main()
