"""Local HTTP servers that speak the PubMed E-utilities, OpenAlex and DataCite APIs, for
tests. Modelled on the recorded exchanges in ``tests/data/{pubmed,openalex,datacite}-api/``
(see their README): the same envelopes (ESummary's ``result`` with ``uids``, ESearch's
``esearchresult`` with string counts, OpenAlex's ``meta``/``results``, DataCite's JSON:API
``data``), the same not-found answers (an empty ``idlist`` in a 200; OpenAlex's HTML 404;
DataCite's JSON ``errors`` 404) and the rate-limit headers they sent.

Each serves the records it is given, ranks searches by shared words, logs every request
(tests count what reached the network) and can be told to misbehave (``fail``, as the
Crossref test server).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .crossref_server import LoopbackServer

DATA = Path(__file__).resolve().parent / "data"
Reply = tuple[int, str, bytes, dict[str, str]]


def _sample(kind: str, name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((DATA / kind / name).read_text(encoding="utf-8"))
    return doc


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def _ranked(
    query: str, records: Iterable[Any], text_of: Any, rows: int, share: float = 0.0
) -> list[Any]:
    """Records sharing words with the query, most shared first; with ``share``, only those
    holding at least that fraction of the query's words (ESearch ANDs its terms)."""
    wanted = _words(query)
    scored = []
    for record in records:
        shared = len(wanted & _words(text_of(record)))
        if shared and shared >= share * len(wanted):
            scored.append((shared, record))
    scored.sort(key=lambda pair: -pair[0])
    return [r for _, r in scored[:rows]]


class ApiServer(LoopbackServer):
    """Subclasses answer ``(path, query) -> (status, type, body, headers)``."""

    def answer(self, path: str, query: Mapping[str, list[str]]) -> Reply:
        raise NotImplementedError

    def reply(
        self, path: str, query: Mapping[str, list[str]], headers: Mapping[str, str]
    ) -> Reply:
        return self.answer(unquote(path), query)


# -- PubMed E-utilities ------------------------------------------------------------------

_ESEARCH = _sample("pubmed-api", "esearch-json.json")["response"]["body"]
_ESUMMARY = _sample("pubmed-api", "esummary-json.json")["response"]["body"]
# The rate-limit headers NCBI sent (2025 recording: 10/s with a key).
PUBMED_HEADERS = {
    k: v
    for k, v in _sample("pubmed-api", "esearch-xml.json")["response"]["headers"].items()
    if k.startswith("x-ratelimit") or k in ("ncbi-sid",)
}


def _pubmed_doi(record: Mapping[str, Any]) -> str | None:
    for item in record.get("articleids", []):
        if item.get("idtype") == "doi":
            return str(item["value"]).lower()
    return None


def _pubmed_text(record: Mapping[str, Any]) -> str:
    names = " ".join(a.get("name", "") for a in record.get("authors", []))
    return f"{record.get('title', '')} {names} {record.get('source', '')}"


class PubMedServer(ApiServer):
    """``esearch.fcgi`` (free text, ``"DOI"[aid]``, ``N[uid]``) and ``esummary.fcgi``
    (JSON), over ESummary records (``result["<uid>"]`` objects)."""

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        super().__init__()
        self.records = {str(r["uid"]): dict(r) for r in records}
        self.params_seen: list[dict[str, list[str]]] = []

    def answer(self, path: str, query: Mapping[str, list[str]]) -> Reply:
        self.params_seen.append(dict(query))
        ctype = "application/json; charset=UTF-8"
        if path.endswith("/esearch.fcgi"):
            term = query.get("term", [""])[0]
            rows = int(query.get("retmax", ["20"])[0])
            ids = self._search(term, rows)
            body = json.loads(json.dumps(_ESEARCH))
            body["esearchresult"].update(
                {
                    "count": str(len(ids)),
                    "retmax": str(len(ids)),
                    "retstart": "0",
                    "idlist": ids,
                    "translationset": [],
                    "querytranslation": term,
                }
            )
            return 200, ctype, json.dumps(body).encode(), dict(PUBMED_HEADERS)
        if path.endswith("/esummary.fcgi"):
            uids = [u for u in query.get("id", [""])[0].split(",") if u]
            result: dict[str, Any] = {"uids": uids}
            for uid in uids:
                result[uid] = self.records.get(
                    uid, {"uid": uid, "error": "cannot get document summary"}
                )
            body = {"header": _ESUMMARY["header"], "result": result}
            return 200, ctype, json.dumps(body).encode(), dict(PUBMED_HEADERS)
        return 404, "text/html", b"<html><body>Not Found</body></html>", {}

    def _search(self, term: str, rows: int) -> list[str]:
        tagged = re.fullmatch(r'\s*"?([^"\[]+?)"?\s*\[(aid|doi|uid|pmid)\]\s*', term, re.I)
        if tagged:
            value, tag = tagged.group(1).strip().lower(), tagged.group(2).lower()
            if tag in ("uid", "pmid"):
                return [value] if value in self.records else []
            return [u for u, r in self.records.items() if _pubmed_doi(r) == value]
        text = re.sub(r"\[[a-z]+\]", " ", term, flags=re.I).replace(" AND ", " ")
        found = _ranked(text, self.records.values(), _pubmed_text, rows, share=0.6)
        return [str(r["uid"]) for r in found]


# -- OpenAlex ------------------------------------------------------------------------------

_OA_LIST = _sample("openalex-api", "works-filter-title-search.json")["response"]
_OA_MISSING = _sample("openalex-api", "work-not-found.json")["response"]
OPENALEX_HEADERS = {
    k: v
    for k, v in _sample("openalex-api", "work-by-doi.json")["response"]["headers"].items()
    if k.startswith("x-ratelimit") or k == "x-api-pool"
}


def _openalex_text(record: Mapping[str, Any]) -> str:
    names = " ".join(
        str((a.get("author") or {}).get("display_name", "")) for a in record.get("authorships", [])
    )
    return f"{record.get('title', '')} {names}"


def _tail(value: Any) -> str:
    return str(value or "").rstrip("/").rsplit("/", 1)[-1].lower()


class OpenAlexServer(ApiServer):
    """``/works/doi:…``, ``/works/pmid:…``, ``/works/W…``, ``/works?search=…`` and
    ``/works?filter=doi:…``, over OpenAlex work objects."""

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        super().__init__()
        self.records = [dict(r) for r in records]

    def _one(self, key: str) -> Mapping[str, Any] | None:
        key = key.strip()
        low = key.lower()
        for record in self.records:
            ids = record.get("ids", {})
            if low.startswith("doi:") or low.startswith("https://doi.org/"):
                doi = low.split("doi:", 1)[-1] if low.startswith("doi:") else low[16:]
                if str(record.get("doi", "")).lower().endswith("doi.org/" + doi):
                    return record
            elif low.startswith("pmid:"):
                if _tail(ids.get("pmid")) == low[5:]:
                    return record
            elif _tail(record.get("id")) == low:
                return record
        return None

    def answer(self, path: str, query: Mapping[str, list[str]]) -> Reply:
        headers = dict(OPENALEX_HEADERS)
        if path.startswith("/works/"):
            record = self._one(path[len("/works/") :])
            if record is None:
                missing = str(_OA_MISSING["body"]).encode()
                return 404, "text/html; charset=utf-8", missing, headers
            return 200, "application/json", json.dumps(record).encode(), headers
        if path.rstrip("/") == "/works":
            rows = int(query.get("per-page", query.get("per_page", ["25"]))[0])
            if "filter" in query:
                flt = query["filter"][0]
                found = [r for r in self.records if flt.startswith("doi:") and self._one(flt) is r]
            else:
                text = query.get("search", [""])[0]
                found = _ranked(text, self.records, _openalex_text, rows)
            listing = {
                "meta": {
                    **_OA_LIST["body"]["meta"],
                    "count": len(found),
                    "per_page": rows,
                },
                "results": [{**r, "relevance_score": 1.0} for r in found],
                "group_by": [],
            }
            return 200, "application/json", json.dumps(listing).encode(), headers
        return 404, "text/html; charset=utf-8", str(_OA_MISSING["body"]).encode(), headers


# -- DataCite --------------------------------------------------------------------------------

_DC_MISSING = _sample("datacite-api", "doi-not-found.json")["response"]


def _datacite_text(record: Mapping[str, Any]) -> str:
    attributes = record.get("attributes", {})
    titles = " ".join(t.get("title", "") for t in attributes.get("titles", []))
    names = " ".join(c.get("name", "") for c in attributes.get("creators", []))
    return f"{titles} {names}"


class DataCiteServer(ApiServer):
    """``/dois/{doi}`` and ``/dois?query=…``, over DataCite ``data`` objects."""

    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        super().__init__()
        self.records = {str(r["attributes"]["doi"]).lower(): dict(r) for r in records}

    def answer(self, path: str, query: Mapping[str, list[str]]) -> Reply:
        ctype = "application/json; charset=utf-8"
        if path.startswith("/dois/"):
            record = self.records.get(path[len("/dois/") :].lower())
            if record is None:
                return 404, ctype, json.dumps(_DC_MISSING["body"]).encode(), {}
            return 200, ctype, json.dumps({"data": record}).encode(), {}
        if path.rstrip("/") == "/dois":
            rows = int(query.get("page[size]", ["25"])[0])
            found = _ranked(
                query.get("query", [""])[0], self.records.values(), _datacite_text, rows
            )
            body = {"data": found, "meta": {"total": len(found)}, "links": {}}
            return 200, ctype, json.dumps(body).encode(), {}
        return 404, ctype, json.dumps(_DC_MISSING["body"]).encode(), {}
