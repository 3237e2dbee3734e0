"""Would a learned line scorer beat the body rules? Leave-site-out, over the gold corpus.

    python -m bench.linemodel [--corpus DIR] [--heldout tests/heldout,tests/heldout2,...]

Each visible line of a page (crawler.extract.body.block_lines) is labelled body or not from the gold,
and described by a few features: length, link and punctuation share, sentence end, place relative to
the heading and in the page, the owner's tag, class/id words of its ancestors, the picture and
caption marks, and whether the boilerplate / credit / caption line rules match it. A logistic
regression (plain numpy, Newton steps with an L2 penalty) is fitted with every site of the corpus
left out in turn and scored on the left-out site's pages; a second variant also sees the rules'
own decisions (block chosen, line kept) as features. The body is the lines scored >= 0.5, in order.
Printed beside it: the rules' body on the same pages (the generic extractor, as on an unknown site),
and all three on the held-out sets, which neither was fitted or tuned on.

The rules were tuned on this corpus, so on the corpus rows they have an advantage the model has not;
the held-out rows are the fair comparison.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

from bench.corpus import corpus_dir, load_gold, load_scorer
from crawler.extract import body as B
from crawler.extract import extract, generic
from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html

_CONTENT = re.compile(r"content|article|text|body|detail|main|post|entry|story|zoom", re.I)
_ELSEWHERE = re.compile(r"nav|menu|foot|side|recommend|related|comment|share|hot|rank|list|tag|copyright|banner|header",
                        re.I)
_PUNCT = re.compile(r"[，。！？；、“”：,.!?;]")
_RULE_FEATURES = (9, 10, 11, 12)  # in the rules' block, kept by the rules, previous / next line kept


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _marks(line: B.Line, levels: int = 4) -> str:
    out, node = [], line.owner
    for _ in range(levels):
        if node is None:
            break
        out.append(f"{node.get('class') or ''} {node.get('id') or ''}")
        node = node.getparent()
    return " ".join(out)


def page_features(data: bytes, url: str, gold_body: str) -> tuple[np.ndarray, np.ndarray, list[str], list[B.Line]]:
    """(features per line, label per line, the rules' body, the lines) for one page."""
    text, _ = decode_html(data)
    doc = parse_html(text)
    root = doc.find("body")
    root = root if root is not None else doc
    lines = B.block_lines(root)
    fields = extract(data, url, use_profiles=False).fields
    kept = {_flat(t) for t in fields.body}
    block, score = B.best_block(lines, root)
    in_block: set[int] = set()
    if block is not None and score >= generic.MIN_BLOCK_SCORE:
        in_block = {id(ln) for ln in B.lines_within(lines, B.widen_block(lines, block, root))}
    heading = generic.heading_index(lines, fields.headline)
    habit = any(ln.after_img and B.is_caption_text(ln.text) for ln in lines)
    keep = [float(_flat(ln.text) in kept) for ln in lines]
    rows = []
    for i, ln in enumerate(lines):
        t, n = ln.text, max(len(ln.text), 1)
        marks = _marks(ln)
        rows.append([
            1.0, math.log1p(n), ln.links / n, len(_PUNCT.findall(t)) / n,
            float(bool(re.search(r"[。！？!?]”?$", t))), float("。" in t),
            float(heading is not None and i > heading), (i - heading) / 50 if heading is not None else 0.0,
            i / max(len(lines), 1),
            float(id(ln) in in_block), keep[i], keep[i - 1] if i else 0.0, keep[i + 1] if i + 1 < len(lines) else 0.0,
            float(bool(B.DEFAULT_BOILERPLATE.match(t))), float(bool(B.DEFAULT_CREDITS.match(t))),
            float(B.is_caption_text(t)), float(B.is_caption(ln, None, habit)), float(ln.after_img),
            float(bool(_CONTENT.search(marks))), float(bool(_ELSEWHERE.search(marks))),
            float(ln.owner.tag == "p"), float(ln.owner.tag == "li"), float(ln.owner.tag in ("h1", "h2", "h3", "h4")),
            float(n <= 10), float(n >= 60), float(bool(re.search(r"(?:19|20)\d\d[-/年.]\d", t)) and n < 40),
        ])
    gold_lines = {_flat(x) for x in gold_body.split("\n")}
    whole = _flat(gold_body)
    labels = [float(_flat(ln.text) in gold_lines or (len(_flat(ln.text)) >= 10 and _flat(ln.text) in whole))
              for ln in lines]
    return np.array(rows).reshape(len(rows), 26), np.array(labels), fields.body, lines


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Logistic regression by Newton steps with an L2 penalty."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, x.T @ (p - y) + l2 * w)
    return w


def load(folder: Path) -> tuple[list[dict], dict]:
    gold = [g for g in load_gold(folder) if g.get("kind", "article") == "article"]
    pages = {g["id"]: page_features((folder / g["file"]).read_bytes(), g.get("url") or "", g.get("body", ""))
             for g in gold}
    return gold, pages


def predict(w: np.ndarray, cols: list[int], page: tuple) -> str:
    x, _, _, lines = page
    if not len(x):
        return ""
    p = 1 / (1 + np.exp(-x[:, cols] @ w))
    return "\n".join(ln.text for ln, score in zip(lines, p, strict=True) if score >= 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linemodel", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--heldout", default=",".join(str(p) for p in sorted(Path("tests").glob("heldout*"))))
    args = parser.parse_args(argv)
    corpus = args.corpus or corpus_dir()
    scorer = load_scorer(corpus_dir().parent / "tools" / "score.py")
    variants = {"learned": [c for c in range(26) if c not in _RULE_FEATURES], "learned + rule features": list(range(26))}

    def stats(gold: list[dict], preds: list[dict]) -> list:
        s = scorer.summarize(scorer.score(gold, preds))
        return [s["body_p"], s["body_r"], s["body_f1"], s.get("leak"), s.get("miss")]

    gold, pages = load(corpus)
    sites = sorted({g["site"] for g in gold})
    rows = []
    for name, cols in variants.items():
        preds = []
        for site in sites:  # leave one site out, fit on the rest, score it
            train = [pages[g["id"]] for g in gold if g["site"] != site and len(pages[g["id"]][0])]
            w = fit(np.vstack([p[0][:, cols] for p in train]), np.concatenate([p[1] for p in train]))
            preds += [{"ref": g["id"], "body": predict(w, cols, pages[g["id"]])} for g in gold if g["site"] == site]
        rows.append([f"{name}, leave-site-out", "corpus", *stats(gold, preds)])
    rules = [{"ref": g["id"], "body": "\n".join(pages[g["id"]][2])} for g in gold]
    rows.append(["rules (generic extractor)", "corpus", *stats(gold, rules)])

    weights = {}
    for name, cols in variants.items():
        usable = [p for p in pages.values() if len(p[0])]
        weights[name] = fit(np.vstack([p[0][:, cols] for p in usable]), np.concatenate([p[1] for p in usable]))
    for folder in [Path(f) for f in args.heldout.split(",") if f.strip()]:
        if not (folder / "gold.jsonl").is_file():
            continue
        hgold, hpages = load(folder)
        for name, cols in variants.items():
            preds = [{"ref": g["id"], "body": predict(weights[name], cols, hpages[g["id"]])} for g in hgold]
            rows.append([f"{name}, fitted on corpus", folder.name, *stats(hgold, preds)])
        rows.append(["rules (generic extractor)", folder.name,
                     *stats(hgold, [{"ref": g["id"], "body": "\n".join(hpages[g["id"]][2])} for g in hgold])])

    from bench.table import format_table

    print(format_table(["model", "pages", "P", "R", "F1", "leak", "miss"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
