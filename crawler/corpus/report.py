"""The corpus report: a self-contained HTML page (inline SVG charts, inline CSS) and a JSON summary beside it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from html import escape
from pathlib import Path

from crawler.corpus import charts
from crawler.corpus.summary import FILL_FIELDS, TOP

DAILY_LIMIT = 120  # longer spans are charted per month

CSS = """
body { font-family: sans-serif; margin: 2em auto; max-width: 800px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
td, th { border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left; vertical-align: top; }
.num { text-align: right; } figure { margin: 0; } .muted { color: #777; }
"""


def timeline(per_day: dict[str, int]) -> tuple[str, list[tuple[str, float]]]:
    """(unit, [(label, count)]) with empty days or months filled in between first and last."""
    if not per_day:
        return "day", []
    try:
        days = [date.fromisoformat(d) for d in per_day]
    except ValueError:
        return "day", sorted(per_day.items())
    first, last = min(days), max(days)
    if (last - first).days < DAILY_LIMIT:
        span = ((first + timedelta(n)).isoformat() for n in range((last - first).days + 1))
        return "day", [(d, per_day.get(d, 0)) for d in span]
    months: Counter[str] = Counter()
    for d, n in per_day.items():
        months[d[:7]] += n
    labels, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        labels.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return "month", [(label, months.get(label, 0)) for label in labels]


def _clusters_table(clusters: list[dict]) -> str:
    if not clusters:
        return '<p class="muted">No near-duplicate bodies found.</p>'
    rows = []
    for c in clusters:
        first = c["first"]
        sites = Counter(m["site"] for m in c["copies"])
        rows.append(f'<tr><td class="num">{c["size"]}</td><td>{escape(first.get("headline") or "")}<br>'
                    f'<span class="muted">{escape(str(first.get("id")))}</span></td>'
                    f'<td>{escape(", ".join(f"{s} ×{n}" for s, n in sites.most_common()))}</td></tr>')
    return ('<table id="dup-clusters"><tr><th class="num">copies</th><th>first seen</th><th>copied by</th></tr>'
            + "".join(rows) + "</table>")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(summary: dict, inputs: list[str]) -> str:
    unit, days = timeline(summary["per_day"])
    fill = summary["fill_rates"]
    lengths = summary["body_length"]
    hist = [(b, lengths["histogram"].get(b, 0)) for b in lengths["bins"]]
    dup = summary["duplicates"]
    dates = summary["date_range"]
    date_range = f"published {dates[0]} to {dates[1]}" if dates else "no publication dates"
    read = summary.get("read", {})
    figures = [
        (f"Articles per {unit}", charts.columns("chart-per-day", f"Articles per {unit}", days),
         f'{summary["no_date"]} records have no publication date.'),
        ("Articles per site", charts.hbars("chart-per-site", "Articles per site",
                                           list(summary["per_site"].items())[:TOP]), ""),
        ("Articles per site and section", charts.hbars("chart-per-section", "Articles per site and section",
                                                       list(summary["per_site_section"].items())[:TOP]),
         "First breadcrumb level."),
        ("Field fill rates per site", charts.heatmap("chart-fill-rates", "Field fill rates per site", list(fill),
                                                     list(FILL_FIELDS), [[r[f] for f in FILL_FIELDS]
                                                                          for r in fill.values()]),
         "Share of records where the field is neither null nor empty."),
        ("Body length (characters)", charts.columns("chart-body-length", "Body length", hist),
         f'min {lengths["min"]}, p10 {lengths["p10"]}, median {lengths["median"]}, p90 {lengths["p90"]}, '
         f'max {lengths["max"]}'),
        ("Top sources (来源)", charts.hbars("chart-top-sources", "Top sources",
                                          list(summary["top_sources"].items())), ""),
        ("Duplicate clusters", charts.hbars("chart-dup-clusters", "Largest duplicate clusters",
                                            [((c["first"].get("headline") or c["first"]["id"]), c["size"])
                                             for c in dup["largest"]]),
         f'{dup["clusters"]} clusters, {dup["copies"]} near-duplicate copies.'),
    ]
    sections = "".join(f"<section><h2>{escape(title)}</h2><figure>{svg}"
                       f'<figcaption class="muted">{escape(note)}</figcaption></figure></section>'
                       for title, svg, note in figures)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>Corpus report</title><style>{CSS}</style></head><body>"
        f"<h1>Corpus report</h1><p>{summary['records']:,} records, {_count(len(summary['per_site']), 'site')}, "
        f"{escape(date_range)}. Skipped lines: {read.get('bad_json', 0)} not JSON, "
        f"{read.get('invalid', 0)} failing the schema.</p>"
        f'<p class="muted">Inputs: {escape(", ".join(inputs))}</p>'
        f"{sections}<section><h2>Largest clusters</h2>{_clusters_table(dup['largest'])}</section>"
        "</body></html>"
    )


def write_report(summary: dict, inputs: list[str], html_path: Path) -> Path:
    """Write the HTML report and <name>.json beside it; returns the JSON path."""
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render(summary, inputs), encoding="utf-8")
    json_path = html_path.with_suffix(".json")
    json_path.write_text(json.dumps({"inputs": inputs, **summary}, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    return json_path
