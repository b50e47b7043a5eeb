"""A local HTTP server that speaks the Crossref REST API, for tests and benchmarks.

Modelled on the recorded exchanges in ``tests/data/crossref-api/`` (habanero's cassettes):
the same envelopes (``message-type`` ``work`` / ``work-list``, ``items`` with a relevance
``score``), the plain-text 404 ``Resource not found.``, the 400 ``validation-failure`` body
and the rate-limit headers. It serves the records it is given, ranks ``query.bibliographic``
searches by shared words, answers ``filter=updates:DOI``, and can be told to misbehave
(``fail``): a status with headers, a delay, a truncated body, a wrong content type.
Every request is logged, so tests can count what reached the network.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

SAMPLES = Path(__file__).resolve().parent / "data" / "crossref-api"


def _sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


_QUERY_SAMPLE = _sample("works-query.json")
_VALIDATION_SAMPLE = _sample("validation-failure.json")
# The polite-pool headers exactly as Crossref sent them.
RATE_HEADERS = {k: v for k, v in _QUERY_SAMPLE["response"]["headers"].items() if k.startswith("x-")}


@dataclass
class Fault:
    """Misbehaviour for requests whose path+query contains ``match``; used ``times`` times
    (``None``: always)."""

    match: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    content_type: str | None = None
    delay: float = 0.0
    times: int | None = 1


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def _record_text(record: Mapping[str, Any]) -> str:
    parts = [*record.get("title", []), *record.get("container-title", [])]
    parts += [a.get("family", "") for a in record.get("author", [])]
    return " ".join(str(p) for p in parts)


class LoopbackServer:
    """The HTTP plumbing of every test server: a threaded server on 127.0.0.1 (a free port),
    a request log and injected faults; a subclass gives the request handler."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.log: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def reply(
        self, path: str, query: Mapping[str, list[str]], headers: Mapping[str, str]
    ) -> tuple[int, str, bytes, dict[str, str]]:
        """The answer to ``GET path?query``: status, content type, body, headers."""
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                target = self.path
                with server._lock:
                    server.log.append(target)
                parts = urlsplit(target)
                fault = server._fault_for(target)
                status, ctype, body, headers = server.reply(
                    parts.path, parse_qs(parts.query), dict(self.headers)
                )
                if fault is not None:
                    time.sleep(fault.delay)
                    if fault.status != 200 or fault.body is not None:
                        status = fault.status
                        body = fault.body if fault.body is not None else b"Server error."
                        ctype = "text/plain" if fault.body is None else ctype
                    ctype = fault.content_type or ctype
                    headers = {**headers, **fault.headers}
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

        return Handler

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def fail(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def _fault_for(self, target: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.match in target and (fault.times is None or fault.times > 0):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None


class CrossrefServer(LoopbackServer):
    def __init__(self, records: Iterable[Mapping[str, Any]] = ()) -> None:
        self.records = {str(r["DOI"]).lower(): dict(r) for r in records}
        self.headers_seen: list[dict[str, str]] = []
        self.rate_headers = dict(RATE_HEADERS)
        super().__init__()

    # -- the API ---------------------------------------------------------------------

    def answer(self, path: str, query: Mapping[str, list[str]]) -> tuple[int, str, bytes]:
        if path.startswith("/works/"):
            doi = unquote(path[len("/works/") :]).lower()
            record = self.records.get(doi)
            if record is None:
                return 404, "text/plain", b"Resource not found."
            return 200, "application/json", _envelope("work", record)
        if path.rstrip("/") == "/works":
            rows = query.get("rows", ["20"])[0]
            if not rows.isdigit():
                body = dict(_VALIDATION_SAMPLE["response"]["body"])
                return 400, "application/json;charset=utf-8", json.dumps(body).encode()
            if "filter" in query:
                return self._updates(query["filter"][0], int(rows))
            text = " ".join(query.get("query.bibliographic", []) + query.get("query", []))
            return self._search(text, int(rows))
        return 404, "text/plain", b"Resource not found."

    def _search(self, text: str, rows: int) -> tuple[int, str, bytes]:
        wanted = _words(text)
        scored = []
        for record in self.records.values():
            shared = len(wanted & _words(_record_text(record)))
            if shared:
                scored.append((shared, record))
        scored.sort(key=lambda pair: -pair[0])
        # Crossref's relevance score grows with the query's length and how much of it the
        # record explains (good bibliographic matches score about the query's length).
        scale = len(text) / max(1, len(wanted))
        items = [{**r, "score": round(s * scale, 3)} for s, r in scored[:rows]]
        return 200, "application/json", _envelope("work-list", _list(items))

    def _updates(self, flt: str, rows: int) -> tuple[int, str, bytes]:
        target = flt.split("updates:", 1)[-1].lower()
        items = [
            r
            for r in self.records.values()
            if any(str(u.get("DOI", "")).lower() == target for u in r.get("update-to", []))
        ]
        return 200, "application/json", _envelope("work-list", _list(items[:rows]))

    def reply(
        self, path: str, query: Mapping[str, list[str]], headers: Mapping[str, str]
    ) -> tuple[int, str, bytes, dict[str, str]]:
        with self._lock:
            self.headers_seen.append(dict(headers))
        status, ctype, body = self.answer(path, query)
        return status, ctype, body, dict(self.rate_headers)


def _list(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "facets": {},
        "total-results": len(items),
        "items": items,
        "items-per-page": len(items),
        "query": {"start-index": 0, "search-terms": None},
    }


def _envelope(kind: str, message: Mapping[str, Any]) -> bytes:
    doc = {"status": "ok", "message-type": kind, "message-version": "1.0.0", "message": message}
    return json.dumps(doc).encode()
