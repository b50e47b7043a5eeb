"""Records of every source as the same ``Work``: PubMed ESummary documents, OpenAlex works
and DataCite DOIs (Crossref's are read in ``work``). Pure; read defensively (a missing
field is unknown, never a mismatch).

``kind_of`` tells a record's source from its shape, so one loader reads a file of any of
them (``citelink index add``) and the local index can hold them side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from citelink.metadata.work import (
    Work,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
    work_from_json,
)
from citelink.model import Author

SOURCES = ("crossref", "pubmed", "openalex", "datacite")


def _text(value: Any) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return re.sub(r"\s+", " ", str(value)).strip()
    return None


def _year(value: Any) -> int | None:
    match = re.match(r"\s*(\d{4})", str(value)) if isinstance(value, str | int) else None
    return int(match.group(1)) if match else None


# -- PubMed (ESummary 2.0 DocSum as JSON) ---------------------------------------------------


def _medline_author(name: str) -> Author:
    """``Suk KT`` -> Author("Suk", "KT"); ``van der Berg AB`` keeps its particles."""
    parts = name.split()
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{1,4}", parts[-1]):
        return Author(" ".join(parts[:-1]), parts[-1])
    return Author(name)


def work_from_pubmed(record: Mapping[str, Any]) -> Work | None:
    """A ``Work`` from an ESummary ``result["<uid>"]`` object; ``None`` without a PMID or
    for ESummary's per-id error object (``{"uid": ..., "error": "cannot get document
    summary"}``)."""
    pmid = normalize_pmid(record.get("uid"))
    if pmid is None or record.get("error"):
        return None
    ids: dict[str, str] = {}
    for item in record.get("articleids") or []:
        if isinstance(item, Mapping) and isinstance(item.get("idtype"), str):
            value = _text(item.get("value"))
            if value:
                ids.setdefault(item["idtype"].lower(), value)
    doi = ids.get("doi")
    if doi is None:
        eloc = _text(record.get("elocationid")) or ""
        found = re.search(r"doi:\s*(10\.\S+)", eloc, re.IGNORECASE)
        doi = found.group(1) if found else None
    authors = tuple(
        _medline_author(a["name"].strip())
        for a in record.get("authors") or []
        if isinstance(a, Mapping)
        and isinstance(a.get("name"), str)
        and a["name"].strip()
        and str(a.get("authtype", "Author")).lower() == "author"
    )
    years = [y for y in (_year(record.get("pubdate")), _year(record.get("epubdate"))) if y]
    pubtypes = [str(t).lower() for t in record.get("pubtype") or [] if isinstance(t, str)]
    kind = "journal-article"
    if any("retraction of publication" in t for t in pubtypes):
        kind = "retraction"
    elif any("published erratum" in t for t in pubtypes):
        kind = "erratum"
    title = _text(record.get("title"))
    return Work(
        doi=normalize_doi(doi) if doi else "",
        title=title.rstrip(".") if title else None,
        authors=authors,
        journal=_text(record.get("fulljournalname")),
        journal_short=_text(record.get("source")),
        issn=tuple(s.upper() for s in (_text(record.get("issn")), _text(record.get("essn"))) if s),
        years=tuple(dict.fromkeys(years)),
        volume=_text(record.get("volume")),
        issue=_text(record.get("issue")),
        pages=_text(record.get("pages")),
        type=kind,
        pmid=pmid,
        pmcid=normalize_pmcid(ids.get("pmc") or ids.get("pmcid")),
        source="pubmed",
    )


# -- OpenAlex ---------------------------------------------------------------------------


def openalex_id(value: Any) -> str | None:
    """``https://openalex.org/W2109415576`` / ``W2109415576`` -> ``W2109415576``."""
    match = re.search(r"\b(W\d+)\b", str(value)) if isinstance(value, str) else None
    return match.group(1) if match else None


def _openalex_author(name: str) -> Author:
    """OpenAlex gives display names, given name first (``Eleftherios Makris``)."""
    if "," in name:
        family, given = name.split(",", 1)
        return Author(family.strip(), given.strip())
    parts = name.split()
    if len(parts) == 1:
        return Author(name)
    cut = len(parts) - 1
    while cut > 1 and parts[cut - 1].lower() in {"van", "von", "de", "der", "da", "del", "di"}:
        cut -= 1
    return Author(" ".join(parts[cut:]), " ".join(parts[:cut]))


def work_from_openalex(record: Mapping[str, Any]) -> Work | None:
    """A ``Work`` from an OpenAlex work object; ``None`` without an OpenAlex id."""
    oid = openalex_id(record.get("id"))
    if oid is None:
        return None
    ids = record.get("ids") if isinstance(record.get("ids"), Mapping) else {}
    assert isinstance(ids, Mapping)
    doi = _text(record.get("doi")) or _text(ids.get("doi"))
    authors = []
    for item in record.get("authorships") or []:
        if not isinstance(item, Mapping):
            continue
        author = item.get("author") if isinstance(item.get("author"), Mapping) else {}
        assert isinstance(author, Mapping)
        name = _text(author.get("display_name")) or _text(item.get("raw_author_name"))
        if name:
            authors.append(_openalex_author(name))
    location = record.get("primary_location")
    source = location.get("source") if isinstance(location, Mapping) else None
    journal = _text(source.get("display_name")) if isinstance(source, Mapping) else None
    issn: tuple[str, ...] = ()
    if isinstance(source, Mapping) and isinstance(source.get("issn"), list):
        issn = tuple(str(s).upper() for s in source["issn"] if isinstance(s, str))
    biblio = record.get("biblio") if isinstance(record.get("biblio"), Mapping) else {}
    assert isinstance(biblio, Mapping)
    first, last = _text(biblio.get("first_page")), _text(biblio.get("last_page"))
    pages = f"{first}-{last}" if first and last and first != last else first
    years = [y for y in (record.get("publication_year"),) if isinstance(y, int)]
    return Work(
        doi=normalize_doi(doi) if doi else "",
        title=_text(record.get("title")) or _text(record.get("display_name")),
        authors=tuple(authors),
        journal=journal,
        issn=issn,
        years=tuple(years),
        volume=_text(biblio.get("volume")),
        issue=_text(biblio.get("issue")),
        pages=pages,
        type=_text(record.get("type_crossref")) or _text(record.get("type")),
        pmid=normalize_pmid(ids.get("pmid")),
        pmcid=normalize_pmcid(ids.get("pmcid")),
        openalex=oid,
        source="openalex",
        is_retracted=record.get("is_retracted") is True,
    )


# -- DataCite ---------------------------------------------------------------------------


def work_from_datacite(record: Mapping[str, Any]) -> Work | None:
    """A ``Work`` from a DataCite ``data`` object (JSON:API) or its ``attributes``."""
    attributes = record.get("attributes", record)
    if not isinstance(attributes, Mapping):
        return None
    doi = _text(attributes.get("doi")) or _text(record.get("id"))
    if not doi:
        return None
    titles = attributes.get("titles") or []
    title = next(
        (
            _text(t.get("title"))
            for t in titles
            if isinstance(t, Mapping) and _text(t.get("title")) and not t.get("titleType")
        ),
        None,
    )
    authors = []
    for creator in attributes.get("creators") or []:
        if not isinstance(creator, Mapping):
            continue
        family, given = _text(creator.get("familyName")), _text(creator.get("givenName"))
        name = _text(creator.get("name"))
        if family:
            authors.append(Author(family, given or ""))
        elif name and "," in name and creator.get("nameType") != "Organizational":
            fam, giv = name.split(",", 1)
            authors.append(Author(fam.strip(), giv.strip()))
        elif name:
            authors.append(Author(name))
    container = attributes.get("container")
    journal = _text(container.get("title")) if isinstance(container, Mapping) else None
    publisher = attributes.get("publisher")
    if isinstance(publisher, Mapping):
        publisher = publisher.get("name")
    types = attributes.get("types") if isinstance(attributes.get("types"), Mapping) else {}
    assert isinstance(types, Mapping)
    year = _year(attributes.get("publicationYear"))
    return Work(
        doi=normalize_doi(doi),
        title=title,
        authors=tuple(authors),
        journal=journal or _text(publisher),
        years=(year,) if year else (),
        volume=_text(container.get("volume")) if isinstance(container, Mapping) else None,
        issue=_text(container.get("issue")) if isinstance(container, Mapping) else None,
        pages=_text(container.get("firstPage")) if isinstance(container, Mapping) else None,
        type=(_text(types.get("resourceTypeGeneral")) or "").lower() or None,
        source="datacite",
    )


# -- any record -------------------------------------------------------------------------


def kind_of(record: Mapping[str, Any]) -> str | None:
    """Which source a record is from, by its shape (``None``: not a work record)."""
    if isinstance(record.get("DOI"), str):
        return "crossref"
    if openalex_id(record.get("id")) and "openalex.org" in str(record.get("id")):
        return "openalex"
    if record.get("type") == "dois" or isinstance(record.get("attributes"), Mapping):
        return "datacite"
    if "uid" in record and ("articleids" in record or "title" in record):
        return "pubmed"
    return None


def to_work(kind: str, record: Mapping[str, Any]) -> Work | None:
    if kind == "pubmed":
        return work_from_pubmed(record)
    if kind == "openalex":
        return work_from_openalex(record)
    if kind == "datacite":
        return work_from_datacite(record)
    return work_from_json(record)


def items(doc: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(kind, record) for every work record in a document of any source's shape: a record,
    a list, Crossref's ``{"items": [...]}`` / ``{"message": ...}``, OpenAlex's
    ``{"results": [...]}``, DataCite's ``{"data": ...}``, ESummary's ``{"result": {"uids":
    [...], "<uid>": {...}}}``."""
    if isinstance(doc, list):
        for item in doc:
            yield from items(item)
        return
    if not isinstance(doc, Mapping):
        return
    kind = kind_of(doc)
    if kind is not None:
        yield kind, doc
        return
    for key in ("items", "message", "results", "data"):
        if isinstance(doc.get(key), Mapping | list):
            yield from items(doc[key])
            return
    result = doc.get("result")
    if isinstance(result, Mapping) and isinstance(result.get("uids"), list):
        for uid in result["uids"]:
            record = result.get(str(uid))
            if isinstance(record, Mapping):
                yield "pubmed", record
