"""The verdicts a person acts on, beyond the happy path: a printed DOI or PMID that is
another work's, a DOI nobody registered, too little to search, and the policy pieces
(which agency a DOI goes to, printed PMIDs). Against the four local servers."""

from __future__ import annotations

from pathlib import Path

from citelink.metadata.check import agency
from citelink.metadata.result import Status
from citelink.parse.article import parse_article
from citelink.parse.references import printed_pmid

from .sources_world import World
from .test_sources import check, servers  # noqa: F401  # the fixture

HEAD = "Verdicts\n\n1. Text\nCited [1-4].\n\nReferences\n"
ENTRIES = (
    # Petersen 1999 with Fang 2018's DOI printed.
    "1. Petersen BE, Bowen WC, Patrene KD, et al. Bone marrow as a potential source of hepatic "
    "oval cells. Science. 1999;284(5417):1168-70. doi: 10.1111/jgh.14081.\n"
    # Suk 2016 with Scalfani 2016's PMID printed.
    "2. Suk KT, Yoon JH, Kim MY, et al. Transplantation with autologous bone marrow-derived "
    "mesenchymal stem cells for alcoholic cirrhosis: phase 2 trial. Hepatology. "
    "2016;64(6):2185-97. PMID: 27933103.\n"
    # An invented work with an invented DOI.
    "3. Hartmann KL, Osei-Bonsu P. Hepatic stellate cell senescence reverses portal "
    "hypertension in a porcine model. J Hepatol. 2021;74(2):301-10. doi: 10.9999/invented.1.\n"
    "4. Ibid.\n"
)


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "verdicts.txt"
    path.write_text(HEAD + ENTRIES, encoding="utf-8")
    return path


def test_identifier_of_another_work(servers: World, tmp_path: Path) -> None:  # noqa: F811
    article = parse_article(_article(tmp_path).read_text("utf-8"), "verdicts.txt")
    report = check(servers, tmp_path / "c.sqlite", article)
    petersen, suk = report.get(1), report.get(2)
    assert petersen is not None and petersen.status is Status.IDENTIFIER_MISMATCH
    assert petersen.ids["doi"] == "10.1126/science.284.5417.1168"  # found by search
    [doi] = [d for d in petersen.discrepancies if d.field == "doi"]
    assert doi.registered == "10.1111/jgh.14081" and "another work" in doi.message
    assert suk is not None and suk.status is Status.IDENTIFIER_MISMATCH
    assert suk.ids == {"pmid": "27339398"} and suk.found_by == "search"
    [pmid] = [d for d in suk.discrepancies if d.field == "pmid"]
    assert pmid.printed == "27933103" and "another work" in pmid.message


def test_an_unregistered_doi_on_an_invented_work(servers: World, tmp_path: Path) -> None:  # noqa: F811
    article = parse_article(_article(tmp_path).read_text("utf-8"), "verdicts.txt")
    invented = check(servers, tmp_path / "c.sqlite", article).get(3)
    assert invented is not None and invented.status is Status.NOT_FOUND_ANYWHERE
    [doi] = [d for d in invented.discrepancies if d.field == "doi"]
    assert "not registered (crossref, datacite)" in doi.message
    assert invented.ids == {} and invented.work is None


def test_too_little_to_search_is_unverifiable_with_the_reason(
    servers: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    article = parse_article(_article(tmp_path).read_text("utf-8"), "verdicts.txt")
    ibid = check(servers, tmp_path / "c.sqlite", article).get(4)
    assert ibid is not None and ibid.status is Status.UNVERIFIABLE
    assert "too little" in ibid.message


def test_a_dois_agency_and_printed_pmids() -> None:
    assert agency("10.48550/arXiv.2311.16162") == "datacite"
    assert agency("https://doi.org/10.5281/zenodo.123") == "datacite"
    assert agency("10.1126/science.284.5417.1168") == "crossref"
    assert printed_pmid("Hepatology. 2016;64(6):2185-97. PMID: 27339398.") == "27339398"
    assert printed_pmid("PMid:123 ") == "123"
    assert printed_pmid("https://www.ncbi.nlm.nih.gov/pubmed/2345") == "2345"
    assert printed_pmid("J Hepatol 2006;44:742.") is None


def test_a_datacite_doi_is_not_unregistered_when_datacite_was_not_asked(
    servers: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    from citelink.metadata.check import check_references
    from citelink.metadata.http import HttpCache

    from .sources_world import ARTICLE
    from .test_sources import sources

    article = parse_article(ARTICLE.read_text("utf-8"), str(ARTICLE))
    cache = HttpCache(tmp_path / "c.sqlite")
    crossref_only = [s for s in sources(servers, cache) if s.name == "crossref"]
    yin = check_references(article.references, crossref_only).get(4)
    cache.close()
    assert yin is not None and yin.status is Status.NOT_FOUND
    assert not [d for d in yin.discrepancies if d.field == "doi"]
    assert yin.sources["datacite"] == "not-asked"
