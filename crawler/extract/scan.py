"""Many simple CSS selectors over a whole page in one pass.

Each compiled CSS selector walks the whole tree: eleven of them cost eleven walks, 0.2 s on a 5 MB page.
`SelectorGroup` finds every element that any of its selectors may match with one XPath (elements are
found by the attribute the selector tests, which libxml2 reads much faster than a predicate per
element; bare tags by lxml's own iteration), then checks each selector on those few candidates in
Python. The matches, and their order (selector by selector, each in document order), are the same as
running the selectors one by one.

Supported forms: `tag`, `[attr]`, `[attr=value]`, `[attr*=value]`, `tag[…]` (one attribute test), and
`ancestor descendant` where the descendant is a bare tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

_SIMPLE = re.compile(
    r"""^(?P<tag>[a-z][a-z0-9]*)?(?:\[(?P<attr>[\w:.-]+)(?:(?P<op>\*?=)(?P<val>'[^']*'|"[^"]*"|[^\]'"]+))?\])?$"""
)


# The space between two compound selectors (not one inside an attribute value).
_COMBINATOR = re.compile(r"\s+(?![^\[]*\])")


class _Simple:
    """One compound selector: a tag, an attribute test, or both."""

    def __init__(self, css: str) -> None:
        m = _SIMPLE.match(css.strip())
        if not m or not (m.group("tag") or m.group("attr")):
            raise ValueError(f"unsupported selector: {css!r}")
        self.tag: str | None = m.group("tag")
        self.attr: str | None = m.group("attr")
        self.op: str | None = m.group("op")
        val = m.group("val") or ""
        self.value = val[1:-1] if val[:1] in "'\"" and len(val) >= 2 else val
        if self.op and not self.value:
            raise ValueError(f"empty attribute value: {css!r}")

    def matches(self, node: HtmlElement) -> bool:
        if self.tag and node.tag != self.tag:
            return False
        if not self.attr:
            return True
        got = node.get(self.attr)
        if got is None:
            return False
        if self.op == "=":
            return got == self.value
        if self.op == "*=":
            return self.value in got
        return True

    def value_test(self) -> str:
        """The XPath test on the attribute node itself (`.`)."""
        literal = _literal(self.value)
        return {"=": f". = {literal}", "*=": f"contains(., {literal})"}.get(self.op or "", "true()")


def _literal(value: str) -> str:
    return f"'{value}'" if "'" not in value else f'"{value}"'


# Tags a page has few of: found by lxml's own iteration (in C, near free) and tested in Python.
FEW_TAGS = frozenset({"meta", "time", "title", "link", "address", "h1", "h2", "h3", "h4", "h5", "h6"})


class SelectorGroup:
    """Simple CSS selectors run together: `each(doc)` gives each selector's matches, in document order."""

    def __init__(self, *selectors: str) -> None:
        self.css = selectors
        # Per selector: whether it picks from the bare-tag candidates, and its test.
        self._tests: list[tuple[bool, Callable[[HtmlElement, HtmlElement], bool]]] = []
        tags: set[str] = set()  # bare tags and FEW_TAGS: found by lxml's own iteration
        by_tag: dict[str, dict[str, set[str]]] = {}  # tag -> attribute -> value tests
        by_attr: dict[str, set[str]] = {}  # attribute -> value tests, on any element
        below: list[str] = []
        spread: set[str] = set()  # attributes whose elements' descendants are candidates too
        for css in selectors:
            parts = _COMBINATOR.split(css.strip())
            if len(parts) == 2:  # `[itemprop=author] a`: a bare tag below a simple selector
                outer, inner = _Simple(parts[0]), _Simple(parts[1])
                if inner.attr or not outer.attr:
                    raise ValueError(f"unsupported selector: {css!r}")
                if outer.tag:
                    below.append(f"descendant-or-self::{outer.tag}/@{outer.attr}[{outer.value_test()}]"
                                 f"/../descendant::{inner.tag}")
                else:  # read with the other tests of that attribute, in the same pass
                    by_attr.setdefault(outer.attr, set()).add(outer.value_test())
                    spread.add(outer.attr)
                self._tests.append((False, _below(outer, inner)))
                continue
            if len(parts) != 1:
                raise ValueError(f"unsupported selector: {css!r}")
            simple = _Simple(css)
            iterated = not simple.attr or simple.tag in FEW_TAGS
            self._tests.append((iterated, lambda node, _root, simple=simple: simple.matches(node)))
            if iterated:
                tags.add(simple.tag or "*")
            elif simple.tag:
                by_tag.setdefault(simple.tag, {}).setdefault(simple.attr, set()).add(simple.value_test())
            else:
                by_attr.setdefault(simple.attr, set()).add(simple.value_test())
        self._tags = sorted(tags)
        for tag, attrs in list(by_tag.items()):  # `a[class*=author]` beside `[class*=author]`: one read of @class
            for attr in [a for a in attrs if a in by_attr]:
                by_attr[attr] |= attrs.pop(attr)
            if not attrs:
                del by_tag[tag]
        paths = [
            f"descendant-or-self::{tag}/@{attr}[{_any(t)}]/.."
            for tag, attrs in sorted(by_tag.items()) for attr, t in sorted(attrs.items())
        ]
        paths += [
            f"descendant-or-self::*/@{attr}[{_any(t)}]/..{'/descendant-or-self::*' if attr in spread else ''}"
            for attr, t in sorted(by_attr.items())
        ]
        self._candidates = etree.XPath(" | ".join(paths + below)) if paths or below else None

    def each(self, doc: HtmlElement) -> list[list[HtmlElement]]:
        """For each selector in order, the elements it matches at or below `doc`, in document order."""
        tagged = list(doc.iter(*self._tags)) if self._tags else []
        found = self._candidates(doc) if self._candidates is not None else []
        return [[node for node in (tagged if bare else found) if test(node, doc)] for bare, test in self._tests]

    def all(self, doc: HtmlElement) -> list[HtmlElement]:
        """Every selector's matches one after the other (as `for s in selectors: for n in s(doc)`)."""
        return [node for matches in self.each(doc) for node in matches]


def _any(tests: set[str]) -> str:
    """The tests joined by `or`; when all are `contains` tests sharing a piece of text (`'/author/'`,
    `'/user/'`: `r/`), that piece is tested first, so most attributes take one test instead of all."""
    joined = " or ".join(sorted(tests))
    values = [t[len("contains(., "):-1] for t in tests if t.startswith("contains(., ")]
    if len(values) < 2 or len(values) != len(tests):
        return joined
    common = _common_piece([v[1:-1] for v in values])
    return f"contains(., {_literal(common)}) and ({joined})" if len(common) >= 2 else joined


def _common_piece(texts: list[str]) -> str:
    """The longest text found in every one of `texts`."""
    first = min(texts, key=len)
    for size in range(len(first), 0, -1):
        for start in range(len(first) - size + 1):
            piece = first[start : start + size]
            if all(piece in t for t in texts):
                return piece
    return ""


def _below(outer: _Simple, inner: _Simple) -> Callable[[HtmlElement, HtmlElement], bool]:
    """`outer inner`: the node matches `inner` and an element above it, up to `root`, matches `outer`."""

    def test(node: HtmlElement, root: HtmlElement) -> bool:
        if not inner.matches(node) or node is root:
            return False
        up = node.getparent()
        while up is not None:
            if outer.matches(up):
                return True
            if up is root:
                return False
            up = up.getparent()
        return False

    return test
