"""The ``citelink`` command: a thin typer layer. Each command reads the article, calls the
library and picks a renderer; user errors become one line on stderr and exit code 2."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperOption

from citelink import load_article
from citelink.errors import CitelinkError, Interrupted, Stopped, UsageError
from citelink.files import default_article, default_cache, output_dir, read_bytes, write_atomic
from citelink.graph import links
from citelink.graph import lint as linting
from citelink.metadata.urls import (
    DEFAULT_API_URL,
    DEFAULT_CACHE,
    DEFAULT_URLS,
    SOURCES,
    validate_base_url,
)
from citelink.model import Article, Finding, Severity
from citelink.parse.markers import expand
from citelink.render import as_json, bibtex

# The tagger's inference (parse/network.py) is NumPy over matrices of a few hundred rows: a
# second BLAS thread there costs CPU and gains nothing (7.8 ms an entry on one thread, 9.1 ms
# wall and 18 ms CPU on two). The command owns its process, so it asks for one thread before
# NumPy is first imported; a value the user set wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

if TYPE_CHECKING:
    from rich.console import Console

    from citelink.metadata.result import CheckReport
    from citelink.metadata.session import Settings

# The metadata stack (HTTP clients, index, session), the HTML, SARIF, CSL and RIS renderers
# and the batch runner are imported by the commands that use them: reading one article
# (``refs``, ``claims``, ``lint``...) starts without them, a fifth of a PDF run's time.

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    # Markdown: docstrings wrap as paragraphs (no line break mid-sentence) and ``code`` shows
    # as code, not as raw backquotes.
    rich_markup_mode="markdown",
    help="Check an article's references (text, JATS or PDF; numbered or author-year, any "
    "style): parse them, export BibTeX, link them to the claims and table rows that cite "
    "them, lint the article's consistency and check them against Crossref and other sources.",
)

# typer 0.29 shows ``<bool>`` after flags; the typer range pinned in pyproject.toml (below
# 0.29, which imports pydantic at start) does not, and the adjustment applies only where
# the hook exists. Both wrap an argument's metavar in ``{...}`` in the usage line.
_option_type = getattr(TyperOption, "display_type_rich", None)
_usage_pieces = TyperArgument.get_usage_pieces


def _flag_without_type(self: Any, ctx: Any) -> str | None:
    """Help shows a type for options that take a value, none for flags (no ``<bool>``)."""
    assert _option_type is not None
    shown: str | None = None if self.is_flag else _option_type(self, ctx)
    return shown


def _metavar_as_written(self: TyperArgument, ctx: Any) -> list[str]:
    """An argument with a metavar appears in the usage line as written (``NUMBERS...
    [ARTICLE]``), not wrapped in typer's ``{...}``."""
    return [self.metavar] if self.metavar else _usage_pieces(self, ctx)


if _option_type is not None:
    setattr(TyperOption, "display_type_rich", _flag_without_type)  # noqa: B010
TyperArgument.get_usage_pieces = _metavar_as_written  # type: ignore[method-assign]

ArticleArg = Annotated[
    Path | None,
    typer.Argument(
        metavar="[ARTICLE]",
        help="Article: plain text (UTF-8), JATS XML or PDF. Default: the bundled refs/article.txt.",
    ),
]
ArticlesArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="[ARTICLE]...",
        help="Articles: plain text (UTF-8), JATS XML or PDF; several run in parallel. "
        "Default: the bundled refs/article.txt.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"


FormatOpt = Annotated[
    Format,
    typer.Option("--format", help="table (a person), json, or sarif (SARIF 2.1.0 for CI)."),
]


def _format(fmt: Format, as_json_: bool) -> Format:
    """``--json`` is ``--format json``; with another ``--format`` it is a conflict."""
    if as_json_ and fmt not in (Format.TABLE, Format.JSON):
        raise UsageError(f"--json and --format {fmt.value} conflict; give one of them")
    return Format.JSON if as_json_ else fmt


def _emit_sarif(parsed: Article, found: list[Finding], report: CheckReport | None = None) -> None:
    from citelink.render import sarif

    lines = read_bytes(Path(parsed.path)).decode("utf-8", "replace").split("\n")
    _emit_json(sarif.sarif_log(parsed, found, lines, sarif.artifact_uri(parsed.path), report))


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except CitelinkError as exc:
        typer.echo(f"citelink: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _load(path: Path | None) -> Article:
    path = path or default_article()
    return load_article(path)


def _emit_json(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _console() -> Console:
    """Rich output; piped output gets a wide page instead of rich's 80-column default."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _stderr_warnings(article: Article) -> None:
    for warning in article.warnings:
        typer.echo(f"citelink: warning: {warning}", err=True)


OfflineOpt = Annotated[
    bool, typer.Option("--offline", help="No HTTP at all: the HTTP cache, then the local index.")
]
ApiUrlOpt = Annotated[
    str,
    typer.Option(
        "--api-url",
        envvar="CITELINK_API_URL",
        help="Crossref REST API base URL (or a compatible server).",
    ),
]


def _default_cache(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """``--cache`` not given: ``cache/`` in a checkout, else the user's cache directory."""
    source = ctx.get_parameter_source(param.name or "cache")
    return default_cache() if getattr(source, "name", "") == "DEFAULT" else value


CacheOpt = Annotated[
    Path,
    typer.Option(
        "--cache",
        envvar="CITELINK_CACHE",
        callback=_default_cache,
        show_default="cache/ in a checkout, else ~/.cache/citelink/",
        help="HTTP cache (SQLite); the local index sits beside it.",
    ),
]
MailtoOpt = Annotated[
    str | None,
    typer.Option(
        "--mailto",
        envvar="CITELINK_MAILTO",
        help="Your e-mail: Crossref's and OpenAlex's polite pools, NCBI's email parameter.",
    ),
]
SourcesOpt = Annotated[
    str,
    typer.Option(
        "--sources",
        envvar="CITELINK_SOURCES",
        help="Which sources are asked, comma-separated: crossref,pubmed,openalex,datacite.",
    ),
]
PubmedUrlOpt = Annotated[
    str,
    typer.Option("--pubmed-url", envvar="CITELINK_PUBMED_URL", help="NCBI E-utilities base URL."),
]
OpenalexUrlOpt = Annotated[
    str,
    typer.Option("--openalex-url", envvar="CITELINK_OPENALEX_URL", help="OpenAlex API base URL."),
]
DataciteUrlOpt = Annotated[
    str,
    typer.Option("--datacite-url", envvar="CITELINK_DATACITE_URL", help="DataCite API base URL."),
]
NcbiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--ncbi-api-key",
        envvar="CITELINK_NCBI_API_KEY",
        help="NCBI API key: PubMed at 10 requests/s instead of 3.",
    ),
]
ALL_SOURCES = ",".join(SOURCES)


class Export(StrEnum):
    BIBTEX = "bibtex"
    CSL = "csl"
    RIS = "ris"


def _one(articles: list[Path] | None) -> Path | None:
    return articles[0] if articles else None


def _beside(article: Path | None, parsed: Article, suffix: str) -> Path:
    """An output "beside the article": beside the file the user named (or the checkout's
    refs/article.txt); in the current directory for the installed package's bundled copy."""
    path = Path(parsed.path)
    return output_dir(article is not None, path) / (path.stem + suffix)


_PATH_PARAMS = frozenset({"output", "bib_out", "cache"})


def _batch(
    ctx: typer.Context,
    command: Any,
    articles: list[Path] | None,
    as_document: bool,
    sarif_: bool = False,
) -> bool:
    """Several articles: run ``command`` for each in parallel (see ``citelink.batch``) and
    print what each printed, in the order named. Returns ``False`` for one article (the
    caller runs it itself, exactly as before). JSON: one list, an object per article (a
    failed one: ``{"article", "error"}``); SARIF: one log with a run per article; tables:
    each article's output under a ``==> ARTICLE <==`` line."""
    if not articles or len(articles) < 2:
        return False
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from citelink import batch

    # The command's own values, as typer passes them to it (a path option may still be the
    # text of the path in ``ctx.params``, depending on typer's version).
    params = {
        k: Path(v) if k in _PATH_PARAMS and isinstance(v, str) else v for k, v in ctx.params.items()
    }
    jobs = [(str(path), {**params, "ctx": None, "articles": [path]}) for path in articles]
    bar: Progress | None = None
    if sys.stderr.isatty():
        bar = Progress(
            TextColumn("articles"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
    if bar is not None:
        task = bar.add_task("articles", total=len(jobs))
        try:
            done = batch.run_all(command, jobs, lambda job: bar.advance(task), started=bar.start)
        finally:
            bar.stop()
    else:
        done = batch.run_all(command, jobs)
    if as_document:
        docs: list[Any] = []
        for job in done:
            try:
                docs.append(json.loads(job.out))
            except ValueError:
                error = job.err.strip().splitlines()[-1:] or ["no output"]
                why = error[0].removeprefix("citelink: error: ")
                docs.append({"article": job.path, "error": why})
        if sarif_:
            runs = [run for doc in docs if "runs" in doc for run in doc["runs"]]
            first: dict[str, Any] = next((doc for doc in docs if "runs" in doc), {})
            _emit_json({k: v for k, v in first.items() if k != "runs"} | {"runs": runs})
        else:
            sys.stdout.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
    for job in done:
        if not as_document and job.out:
            sys.stdout.write(f"==> {job.path} <==\n{job.out}")
        batch.echo_stderr(job.err)
    code = batch.exit_code(done)
    if code:
        raise typer.Exit(code)
    return True


@app.command()
def refs(ctx: typer.Context, articles: ArticlesArg = None, as_json_: JsonOpt = False) -> None:
    """List the parsed reference list."""
    if _batch(ctx, refs, articles, as_json_):
        return
    with _user_errors():
        parsed = _load(_one(articles))
    if as_json_:
        _stderr_warnings(parsed)
        _emit_json(as_json.references_doc(parsed))
    else:
        from citelink.render import terminal

        terminal.references(_console(), parsed)


@app.command()
def bib(
    article: ArticleArg = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here (atomically), not stdout.")
    ] = None,
    enrich_: Annotated[
        bool,
        typer.Option("--enrich", help="Add DOI, authors, journal title, ISSN from the record."),
    ] = False,
    suggest: Annotated[
        bool,
        typer.Option(
            "--suggest",
            help="Correct every matched entry from its record; the diff goes to stderr.",
        ),
    ] = False,
    export: Annotated[
        Export,
        typer.Option("--format", help="bibtex, csl (CSL-JSON) or ris."),
    ] = Export.BIBTEX,
    offline: OfflineOpt = False,
    api_url: ApiUrlOpt = DEFAULT_API_URL,
    cache: CacheOpt = DEFAULT_CACHE,
    mailto: MailtoOpt = None,
    sources: SourcesOpt = ALL_SOURCES,
    pubmed_url: PubmedUrlOpt = DEFAULT_URLS["pubmed"],
    openalex_url: OpenalexUrlOpt = DEFAULT_URLS["openalex"],
    datacite_url: DataciteUrlOpt = DEFAULT_URLS["datacite"],
    ncbi_api_key: NcbiKeyOpt = None,
) -> None:
    """Export the reference list as BibTeX, CSL-JSON or RIS (``--enrich``: completed from
    matched records; ``--suggest``: corrected from them, with a diff of what changed)."""
    from citelink.metadata.suggest import suggest as suggest_fix
    from citelink.render import csl, ris

    with _user_errors():
        parsed = _load(article)
        if enrich_ and suggest:
            raise UsageError("--enrich and --suggest exclude each other; choose one")
        report = None
        if enrich_ or suggest:
            settings = _settings(
                offline,
                api_url,
                cache,
                mailto,
                _more(sources, pubmed_url, openalex_url, datacite_url, ncbi_api_key),
            )
            report = _run_check(parsed, settings)
        refs_out = parsed.references
        diff = ""
        if suggest and report is not None:
            text, diff = bibtex.suggested_bibtex(parsed, report)
            refs_out = tuple(
                suggest_fix(r, c).reference if (c := report.get(r.n)) else r
                for r in parsed.references
            )
        elif enrich_ and report is not None:
            text = bibtex.enriched_bibtex(parsed, report)
        else:
            text = bibtex.to_bibtex(parsed.references, parsed.path)
        if export is Export.CSL:
            text = json.dumps(csl.csl_items(refs_out, report), ensure_ascii=False, indent=2) + "\n"
        elif export is Export.RIS:
            text = ris.to_ris(refs_out, report)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
            typer.echo(f"wrote {len(parsed.references)} entries to {output}", err=True)
        if suggest:
            sys.stderr.write(diff or "citelink: no entry needs a correction\n")
    _stderr_warnings(parsed)


_NUMBERS = re.compile(r"\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*")


def _split_claims_args(args: list[str]) -> tuple[list[int], Path | None]:
    """Reference numbers, then at most one article. Of several words that are not numbers,
    the one naming a file is the article; the others are blamed by name."""
    numbers: list[int] = []
    others: list[str] = []
    for arg in args:
        spec = arg.strip("[]").replace(" ", "")
        if _NUMBERS.fullmatch(spec):
            numbers.extend(expand(spec))
        else:
            others.append(arg)
    files = [a for a in others if Path(a).exists()]
    path = Path(files[0]) if files else None
    if len(others) == 1 and numbers:
        path = Path(others[0])  # the article: a missing file is reported as such
    stray = [a for a in others if path is None or a != str(path)]
    if stray or not numbers:
        if stray:
            raise UsageError(
                f"'{stray[0]}' is not a reference number: give numbers such as 17, 16-19 or "
                "3,5, then optionally the article"
            )
        raise UsageError("name at least one reference number, e.g. 'citelink claims 17'")
    return numbers, path


@app.command()
def claims(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="NUMBERS... [ARTICLE]",
            help="Reference numbers (17, 16-19, 3,5), then optionally the article.",
        ),
    ],
    as_json_: JsonOpt = False,
) -> None:
    """Show the claims and table rows that cite each reference."""
    with _user_errors():
        numbers, path = _split_claims_args(args)
        parsed = _load(path)
        known = {r.n for r in parsed.references}
        unknown = [n for n in numbers if n not in known]
        if unknown:
            raise UsageError(
                f"no reference {', '.join(map(str, unknown))} in {parsed.path} "
                f"(it has {len(known)} references)"
            )
    cites = links.citations_of(parsed, numbers)
    if as_json_:
        _emit_json(as_json.claims_doc(parsed, cites))
    else:
        from citelink.render import terminal

        terminal.citations(_console(), cites)


@app.command()
def find(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="A word or phrase to look for.")],
    article: ArticleArg = None,
    as_json_: JsonOpt = False,
) -> None:
    """Find claims and table rows containing QUERY, with the references they rest on."""
    with _user_errors():
        if not query.strip():
            raise UsageError("the query is empty; give a word to look for, e.g. MELD")
        parsed = _load(article)
    found = links.find(parsed, query)
    if as_json_:
        _emit_json(as_json.find_doc(parsed, query, found))
    else:
        from citelink.render import terminal

        terminal.hits(_console(), query, found)


@app.command(name="links")
def links_cmd(article: ArticleArg = None) -> None:
    """The whole citation graph (references, claims, tables) as JSON."""
    with _user_errors():
        parsed = _load(article)
    _emit_json(as_json.links_doc(parsed))


FailOn = Annotated[
    Severity | None,
    typer.Option("--fail-on", help="Exit 1 when a finding is at this level or worse."),
]


@app.command()
def lint(
    article: ArticleArg = None,
    as_json_: JsonOpt = False,
    fmt: FormatOpt = Format.TABLE,
    fail_on: FailOn = None,
) -> None:
    """Check the article's own consistency (table pointers, named authors, uncited ...)."""
    with _user_errors():
        parsed = _load(article)
    found = linting.lint(parsed)
    with _user_errors():
        fmt = _format(fmt, as_json_)
    if fmt is Format.JSON:
        _emit_json(as_json.lint_doc(parsed, found))
    elif fmt is Format.SARIF:
        with _user_errors():
            _emit_sarif(parsed, found)
    else:
        from citelink.render import terminal

        terminal.findings(_console(), found)
    if fail_on is not None and linting.exceeds(found, fail_on):
        raise typer.Exit(1)


def _more(
    sources: str, pubmed_url: str, openalex_url: str, datacite_url: str, ncbi_api_key: str | None
) -> dict[str, Any]:
    """The settings of the sources beyond Crossref (``--sources``, their URLs, the NCBI key)."""
    from citelink.metadata.session import parse_sources

    return {
        "sources": parse_sources(sources),
        "pubmed_url": pubmed_url,
        "openalex_url": openalex_url,
        "datacite_url": datacite_url,
        "ncbi_api_key": ncbi_api_key or None,
    }


def _settings(
    offline: bool,
    api_url: str,
    cache: Path,
    mailto: str | None,
    more: dict[str, Any] | None = None,
) -> Settings:
    """The run's settings; every base URL is checked here, before anything is asked."""
    from citelink.metadata.session import Settings

    more = dict(more or {})
    for key, value in more.items():
        if key.endswith("_url") and isinstance(value, str):
            more[key] = validate_base_url(value, "--" + key.replace("_", "-"))
    return Settings(
        api_url=validate_base_url(api_url, "--api-url"),
        cache=cache,
        mailto=mailto or None,
        offline=offline,
        **more,
    )


def _records(n: int) -> str:
    return f"{n:,} record" + ("" if n == 1 else "s")


def _warn(message: str) -> None:
    typer.echo(f"citelink: warning: {message}", err=True)


def _run_check(parsed: Article, settings: Settings) -> CheckReport:
    """The metadata check, with a progress bar when a person is watching stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from citelink.metadata.session import check_article

    refs = parsed.references
    if not sys.stderr.isatty():
        return check_article(refs, settings, _warn)
    with Progress(
        TextColumn("checking references"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("check", total=len(refs))
        return check_article(refs, settings, _warn, lambda c: bar.advance(task))


@app.command()
def check(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    offline: OfflineOpt = False,
    api_url: ApiUrlOpt = DEFAULT_API_URL,
    cache: CacheOpt = DEFAULT_CACHE,
    mailto: MailtoOpt = None,
    sources: SourcesOpt = ALL_SOURCES,
    pubmed_url: PubmedUrlOpt = DEFAULT_URLS["pubmed"],
    openalex_url: OpenalexUrlOpt = DEFAULT_URLS["openalex"],
    datacite_url: DataciteUrlOpt = DEFAULT_URLS["datacite"],
    ncbi_api_key: NcbiKeyOpt = None,
    bib_out: Annotated[
        Path | None,
        typer.Option("--bib", help="Where to write the .bib (default: beside the article)."),
    ] = None,
    as_json_: JsonOpt = False,
    fmt: FormatOpt = Format.TABLE,
    fail_on: FailOn = None,
) -> None:
    """The main job: parse the references, write the .bib beside the article, lint, and
    check every reference against Crossref (live, HTTP cache or local index)."""
    from citelink.metadata.findings import check_findings

    with _user_errors():
        fmt = _format(fmt, as_json_)
        more = _more(sources, pubmed_url, openalex_url, datacite_url, ncbi_api_key)
        settings = _settings(offline, api_url, cache, mailto, more)
        if bib_out is not None and articles and len(articles) > 1:
            raise UsageError("--bib names one file; with several articles each .bib goes beside it")
    if _batch(ctx, check, articles, fmt is not Format.TABLE, sarif_=fmt is Format.SARIF):
        return
    with _user_errors():
        article = _one(articles)
        parsed = _load(article)
        report = _run_check(parsed, settings)
        target = bib_out or _beside(article, parsed, ".bib")
        write_atomic(target, bibtex.to_bibtex(parsed.references, parsed.path))
    found = linting.lint(parsed) + check_findings(report, parsed.references)
    if fmt is Format.JSON:
        _stderr_warnings(parsed)
        _emit_json(as_json.check_doc(parsed, report, found))
    elif fmt is Format.SARIF:
        _stderr_warnings(parsed)
        with _user_errors():
            _emit_sarif(parsed, found, report)
    else:
        console = _console()
        recovered = sum(not r.number_printed for r in parsed.references)
        console.print(
            f"{parsed.path}: {len(parsed.references)} references"
            + (f" ({recovered} numbers recovered)" if recovered else "")
            + f", {len(parsed.claims)} claims, {len(parsed.tables)} tables"
        )
        console.print(f"BibTeX: {target}")
        from citelink.render import terminal

        terminal.warnings(console, parsed)
        terminal.check_results(console, report)
        terminal.findings(console, found)
    if fail_on is not None and linting.exceeds(found, fail_on):
        raise typer.Exit(1)


@app.command()
def report(
    ctx: typer.Context,
    articles: ArticlesArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the page (atomically); with several articles, a directory. "
            "Default: ARTICLE.report.html beside the article.",
        ),
    ] = None,
    offline: OfflineOpt = False,
    api_url: ApiUrlOpt = DEFAULT_API_URL,
    cache: CacheOpt = DEFAULT_CACHE,
    mailto: MailtoOpt = None,
    sources: SourcesOpt = ALL_SOURCES,
    pubmed_url: PubmedUrlOpt = DEFAULT_URLS["pubmed"],
    openalex_url: OpenalexUrlOpt = DEFAULT_URLS["openalex"],
    datacite_url: DataciteUrlOpt = DEFAULT_URLS["datacite"],
    ncbi_api_key: NcbiKeyOpt = None,
) -> None:
    """Write one self-contained HTML page: statuses, DOIs, discrepancies, the article's text
    with every citation linked, findings next to their claims, tables and figures."""
    from citelink.metadata.findings import check_findings
    from citelink.render import html

    with _user_errors():
        more = _more(sources, pubmed_url, openalex_url, datacite_url, ncbi_api_key)
        settings = _settings(offline, api_url, cache, mailto, more)
        several = bool(articles and len(articles) > 1)
        if several and output is not None and not output.is_dir():
            raise UsageError(f"{output}: with several articles, -o names a directory")
    if _batch(ctx, report, articles, False):
        return
    with _user_errors():
        article = _one(articles)
        parsed = _load(article)
        target = _beside(article, parsed, ".report.html")
        if output is not None:
            target = output / target.name if output.is_dir() else output
        result = _run_check(parsed, settings)
        found = linting.lint(parsed) + check_findings(result, parsed.references)
        write_atomic(target, html.report_html(parsed, found, result))
    _stderr_warnings(parsed)
    typer.echo(f"wrote {target}", err=True)


index_app = typer.Typer(help="The local index of Crossref records (offline checking).")
app.add_typer(index_app, name="index")


@index_app.command("add")
def index_add(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Crossref, PubMed (ESummary), OpenAlex or DataCite JSON / JSON Lines files, "
            "gzipped or not (Crossref's public data file), or the Retraction Watch CSV.",
        ),
    ],
    cache: CacheOpt = DEFAULT_CACHE,
) -> None:
    """Add work records (any source) or Retraction Watch notices to the local index."""
    from citelink.metadata.index import load_items
    from citelink.metadata.retraction import is_watch_csv, read_rows
    from citelink.metadata.session import Settings, open_index

    with _user_errors(), open_index(Settings(cache=cache), _warn, keep=True) as index:
        for path in files:
            if is_watch_csv(path):
                added = index.add_watch(read_rows(path))
                typer.echo(f"{path}: {added} Retraction Watch notices")
                continue
            added = index.add(load_items(path))
            if not added:
                raise UsageError(
                    f"{path}: holds no work records (expected Crossref, PubMed, OpenAlex or "
                    "DataCite JSON with DOIs, or the Retraction Watch CSV)"
                )
            typer.echo(f"{path}: {_records(added)}")
        typer.echo(f"{index.path}: {_records(index.count())} in all")


def _stop(signum: int, frame: object) -> None:
    """Ctrl-C and SIGTERM unwind the run (atomic writes remove their temporary file, so an
    existing output is never replaced by a partial one) and reach ``main``."""
    raise Stopped


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        app()
    except Interrupted as stop:
        answers = "1 answer" if stop.kept == 1 else f"{stop.kept:,} answers"
        typer.echo(
            f"citelink: interrupted; the cache keeps the {answers} so far; "
            "no output file was changed",
            err=True,
        )
        sys.exit(130)
    except (Stopped, KeyboardInterrupt):
        typer.echo("citelink: interrupted; no output file was changed", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
