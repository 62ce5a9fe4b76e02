"""The toolkit's query strings, read against allow-lists: anything else is a 404."""

from __future__ import annotations

from django.http import Http404, QueryDict

from toolkit.render import BADGE_SIZES, LANGUAGES, PAPERS, Language, Paper

from .selectors import DEFAULT_BADGE_SIZE, ITEMS, Variant

SELECTION_PARAMS = frozenset({"lang", "paper"})
_SIZES = {str(size): size for size in BADGE_SIZES}


def _single(query: QueryDict, name: str) -> str | None:
    values = query.getlist(name)
    if len(values) > 1:
        raise Http404
    return values[0] if values else None


def _lang(raw: str) -> Language:
    if raw not in LANGUAGES:
        raise Http404
    return raw


def _paper(raw: str) -> Paper:
    if raw not in PAPERS:
        raise Http404
    return raw


def variant_from_query(
    *, item_slug: str, query: QueryDict, default_lang: Language, default_paper: Paper
) -> Variant:
    """One file: the item from the path, size, lang and paper from the query string."""
    item = ITEMS.get(item_slug)
    if item is None:
        raise Http404
    if set(query.keys()) - item.params:
        raise Http404
    lang = _lang(_single(query, "lang") or default_lang)
    size = paper = None
    if item.kind == "badge":
        raw_size = _single(query, "size") or str(DEFAULT_BADGE_SIZE)
        if raw_size not in _SIZES:
            raise Http404
        size = _SIZES[raw_size]
    if item.kind == "sign":
        paper = _paper(_single(query, "paper") or default_paper)
    return Variant(item=item, lang=lang, size=size, paper=paper)


def selection_from_query(
    query: QueryDict, *, default_langs: tuple[Language, ...], default_paper: Paper
) -> tuple[tuple[Language, ...], Paper]:
    """The sign languages (in the order of LANGUAGES) and paper picked on the page."""
    if set(query.keys()) - SELECTION_PARAMS - {"csrfmiddlewaretoken"}:
        raise Http404
    raw_langs = query.getlist("lang")
    if len(raw_langs) > len(LANGUAGES):
        raise Http404
    picked = {_lang(raw) for raw in raw_langs}
    langs = tuple(lang for lang in LANGUAGES if lang in picked) or default_langs
    paper = _paper(_single(query, "paper") or default_paper)
    return langs, paper


def selection_query(langs: tuple[Language, ...], paper: Paper) -> str:
    query = QueryDict(mutable=True)
    query.setlist("lang", list(langs))
    query["paper"] = paper
    return query.urlencode()
