"""Layout analysis on characters placed by hand: word spaces from gaps, accents, superscripts,
columns per page region, reading order, page furniture, hyphens, broken markers and DOIs."""

from __future__ import annotations

from citelink.inputs.layout import (
    Char,
    Line,
    Page,
    dehyphenate,
    join_broken_links,
    join_broken_markers,
    join_hanging,
    join_wrapped_cells,
    move_footnotes,
    read_pages,
    to_text,
    words_of,
)

SIZE = 10.0
WIDTH = 0.5 * SIZE  # every glyph half an em wide


def chars(text: str, x: float, baseline: float, size: float = SIZE, gap: float = 0.3) -> list[Char]:
    """The text as characters from x on one baseline; a space is a gap of ``gap`` em and
    no character (as many PDFs print word spaces)."""
    out: list[Char] = []
    width = 0.5 * size
    for ch in text:
        if ch == " ":
            x += gap * size
            continue
        out.append(Char(ch, x, x + width, baseline - 0.8 * size, baseline + 0.2 * size,
                        baseline, size))
        x += width
    return out


def page(lines: list[list[Char]], number: int = 1) -> Page:
    return Page(number, 600.0, 800.0, tuple(c for line in lines for c in line))


def text_of(pages: list[Page]) -> list[str]:
    return [ln.text for ln in read_pages(pages)]


def test_word_spaces_come_from_gaps_not_space_characters() -> None:
    words = words_of(chars("Hare, B., Wobber, V., and Wrangham, R. (2012)", 50, 100))
    assert " ".join(w.text for w in words) == "Hare, B., Wobber, V., and Wrangham, R. (2012)"
    # Letters set tight (kerning) stay one word.
    tight = chars("Langer", 50, 100)
    tight = [c._replace(x0=c.x0 - 0.3 * i, x1=c.x1 - 0.3 * i) for i, c in enumerate(tight)]
    assert [w.text for w in words_of(tight)] == ["Langer"]


def test_spacing_accents_compose_with_their_letter() -> None:
    # "Scha¨fer": the diaeresis follows the a it stands over; "´Ad": the acute precedes A.
    base = chars("Schafer", 50, 100)
    a = base[3]
    accent = Char("¨", a.x0 + 0.5, a.x1 - 0.5, a.top - 2, a.top, a.baseline, SIZE)
    word = words_of([*base[:4], accent, *base[4:]])
    assert [w.text for w in word] == ["Schäfer"]
    letters = chars("Ad", 50, 100)
    acute = Char("´", letters[0].x0 + 1, letters[0].x1 - 1, 88, 90, 100, SIZE)
    assert [w.text for w in words_of([acute, *letters])] == ["Ád"]
    assert [w.text for w in words_of(chars("ﬁrst", 50, 100))] == ["first"]


def test_accents_set_back_over_their_letter_later_in_the_stream_compose() -> None:
    """pdfTeX prints "Gülcü" as G u l c u, then each diaeresis with the pen moved back over
    its u (after the word, or at the end of the line's run); PDFium puts a space where the
    pen jumps back and one where it jumps on. The accents join their letters and the
    spaces inside the word go; a space between words stays."""
    base = chars("Gulcu and Acha", 50, 100)
    u1, u2, a = base[1], base[4], base[-1]

    def accent(text: str, over: Char) -> Char:
        return Char(text, over.x0 + 0.5, over.x1 - 0.5, over.top, over.bottom, over.baseline,
                    SIZE)

    def space(after: Char) -> Char:
        return Char(" ", after.x1, after.x1, after.top, after.bottom, after.baseline, SIZE, True)

    stream = [*base[:4], space(base[3]), accent("¨", u1), space(u1), base[4],
              space(base[4]), accent("¨", u2), space(u2), *base[5:],
              space(base[-1]), accent("´", a)]
    assert [w.text for w in words_of(stream)] == ["Gülcü", "and", "Achá"]


def test_a_column_set_a_little_higher_than_its_neighbour_is_no_superscript() -> None:
    """Two columns whose baselines do not line up: the right column's first line (a long
    number, set smaller) sits 3 pt above a left line's baseline, far to its right. It is a
    line of its own column, not a superscript marker of the left line."""
    left = [f"left column line {i} with words that fill it up" for i in range(6)]
    right = ["6528042696351994555", *[f"right column line {i} here, full" for i in range(5)]]
    rows: list[list[Char]] = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        rows.append(chars(a, 50, 100 + 13 * i))
        raised = i == 0  # a URL's end, set smaller and a little higher
        rows.append(chars(b, 320, 100 + 13 * i - (3 if raised else 0), size=8 if raised else SIZE))
    lines = text_of([page(rows)])
    assert lines == [*left, *right]


def test_two_columns_with_code_listings_beside_prose_are_columns() -> None:
    """A two-column page where short code lines (``\\author{A}``) sit beside prose, and
    many rows hold text on one side only: still two columns, read one after the other."""
    prose = "prose line {} that runs across its column"
    left = [prose.format(i) for i in range(5)] + [f"\\author{{Author {i}}}" for i in range(6)]
    left += [prose.format(i) for i in range(5, 9)]
    right = [f"\\affil[{i}]{{Affiliation {i}}}" for i in range(8)]
    right += [prose.format(i) for i in range(10, 16)]
    rows: list[list[Char]] = []
    for i in range(max(len(left), len(right)) + 2):
        if i < len(left):
            rows.append(chars(left[i], 50, 100 + 13 * i))
        if 2 <= i < len(right) + 2:
            rows.append(chars(right[i - 2], 320, 106.5 + 13 * i))  # its own baselines
    assert text_of([page(rows)]) == [*left, *right]


def test_superscript_numbers_become_markers_on_their_word() -> None:
    line = chars("as shown before", 50, 100)
    sup = chars("3,4", line[-1].x1 + 0.5, 96.5, size=6.5)
    line2 = chars("and later.", 50, 113)
    assert text_of([page([line + sup, line2])]) == ["as shown before^[3,4]", "and later."]


def test_one_column_body_above_a_two_column_list_is_read_column_by_column() -> None:
    rows: list[list[Char]] = []
    y = 100.0
    for i in range(3):  # the body: full-width lines
        rows.append(chars(f"Body line {i} runs across the whole width of the page here ok", 50, y))
        y += 13
    rows.append(chars("References", 50, y + 10))
    y += 30
    for i in range(1, 6):  # left column entries 1-5, right column entries 6-10
        # Columns are full (justified): each line reaches the gutter.
        rows.append(chars(f"{i}. Left entry number {i} with its text up to gutter", 50, y))
        rows.append(chars(f"{i + 5}. Right entry number {i + 5} also fills column", 320, y))
        y += 13
    lines = text_of([page(rows)])
    assert lines[:4] == [
        "Body line 0 runs across the whole width of the page here ok",
        "Body line 1 runs across the whole width of the page here ok",
        "Body line 2 runs across the whole width of the page here ok",
        "References",
    ]
    assert lines[4:] == [
        f"{i}. Left entry number {i} with its text up to gutter" for i in range(1, 6)
    ] + [f"{i}. Right entry number {i} also fills column" for i in range(6, 11)]


def test_three_columns() -> None:
    rows: list[list[Char]] = []
    for i in range(5):
        y = 100.0 + 13 * i
        rows.append(chars(f"a{i} first column of three, filled", 40, y))
        rows.append(chars(f"b{i} second column of three fills", 230, y))
        rows.append(chars(f"c{i} third column of three too", 420, y))
    lines = text_of([page(rows)])
    assert [ln.split()[0] for ln in lines] == [
        *(f"a{i}" for i in range(5)), *(f"b{i}" for i in range(5)), *(f"c{i}" for i in range(5))
    ]


def test_running_heads_page_numbers_and_line_numbers_are_dropped() -> None:
    pages = []
    for n in (1, 2, 3):
        rows = [chars(f"PLOS ONE | DOI:10.1371/journal.pone.0115884 December 23, 2014 {n} / 3",
                      50, 40)]
        words = ["alpha", "beta", "gamma"][n - 1]
        rows += [chars(f"Text of {words} line {i}", 80, 100 + 13 * i) for i in range(4)]
        rows += [chars(str(i + 1), 30, 100 + 13 * i) for i in range(4)]  # line numbers
        rows.append(chars(str(n), 300, 780))  # page number
        pages.append(page(rows, n))
    text, places = to_text(read_pages(pages))
    line_pages = [p.page for p in places]
    assert "PLOS ONE" not in text and "DOI" not in text
    assert text.split("\n")[:4] == [f"Text of alpha line {i}" for i in range(4)]
    assert not any(line.strip().isdigit() for line in text.split("\n"))
    assert line_pages[0] == 1 and line_pages[-1] == 3


def test_a_year_cell_in_a_pages_last_row_is_no_page_number() -> None:
    pages = []
    for n, (word, name, finding) in enumerate(
        [("alpha", "Opiyo", "Poor yield"), ("beta", "Jaenson", "Fewer matings")], start=1
    ):
        rows = [chars(f"Text of {word} line {i}", 80, 100 + 13 * i) for i in range(4)]
        # a table's last row at the foot of the page: name, year, finding
        rows += [chars(name, 80, 760), chars(f"198{n}", 200, 760), chars(finding, 300, 760)]
        rows.append(chars(str(n), 300, 780))  # page number
        pages.append(page(rows, n))
    text, _ = to_text(read_pages(pages))
    assert "1981" in text and "1982" in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))


def _lines(*texts: str) -> list[Line]:
    return [Line(t, 1, 0.0, 10.0 * i, 100.0, 10.0 * i + 8, 8.0) for i, t in enumerate(texts)]


def test_markers_broken_over_lines_are_joined() -> None:
    joined = join_broken_markers(_lines("as reported^[3,]", "^[4] and confirmed"))
    assert [ln.text for ln in joined] == ["as reported^[3,4]", "and confirmed"]


def test_dois_broken_at_line_ends_are_joined() -> None:
    joined = join_broken_links(
        _lines("Clin 2020; 70: 145-164, doi: 10.3322/caac.", "21601.", "2. Next entry")
    )
    assert [ln.text for ln in joined] == [
        "Clin 2020; 70: 145-164, doi: 10.3322/caac.21601.",
        "2. Next entry",
    ]
    kept = join_broken_links(_lines("doi: 10.1038/nrc4027.", "5. Jevnikar Z"))
    assert [ln.text for ln in kept] == ["doi: 10.1038/nrc4027.", "5. Jevnikar Z"]


def test_urls_broken_at_line_ends_are_joined_and_a_new_link_is_not() -> None:
    """A URL cut after its ``http://``, in its query (``sciname=``) or after ``_`` goes on
    on the next line, whatever case that line opens with; a line opening a link of its own
    stays apart; a hyphen the PDF calls soft at a URL's line end is the URL's own."""
    joined = join_broken_links(
        _lines(
            "WebCite at http://www.webcitation.org/65cuq35Y7). http://",
            "linnet.geog.ubc.ca/Atlas10/Atlas.aspx?sciname=",
            "Spartina%20densiflora [accessed 12 July 2011]",
            "19-25. http://www.wnps.org/documents/HelpCollectNoxiousWeedsinWashington_",
            "Zika.pdf (Archived by WebCite at http://www.webcitation.org/66A3vDaoL).",
            "http://cmnbc.ca/files/atlas_files/2009Spartina%20ID%20Cards.pdf",
        )
    )
    assert [ln.text for ln in joined] == [
        "WebCite at http://www.webcitation.org/65cuq35Y7). http://linnet.geog.ubc.ca/"
        "Atlas10/Atlas.aspx?sciname=Spartina%20densiflora",
        "[accessed 12 July 2011]",
        "19-25. http://www.wnps.org/documents/HelpCollectNoxiousWeedsinWashington_Zika.pdf",
        "(Archived by WebCite at http://www.webcitation.org/66A3vDaoL).",
        "http://cmnbc.ca/files/atlas_files/2009Spartina%20ID%20Cards.pdf",
    ]
    soft = join_broken_links(
        dehyphenate(_lines("pp. http://pugetsound.org/science/citizen\u00ad", "science/file"))
    )
    assert [ln.text for ln in soft] == ["pp. http://pugetsound.org/science/citizen-science/file"]


def test_hyphenation_across_lines() -> None:
    assert [ln.text for ln in dehyphenate(_lines("the liver regene-", "ration was fast"))] == [
        "the liver regeneration",
        "was fast",
    ]
    # A URL keeps its hyphen and is left for join_broken_links.
    assert [ln.text for ln in dehyphenate(_lines("http://x.org/a-", "b c"))] == [
        "http://x.org/a-",
        "b c",
    ]


def _placed(*rows: tuple[float, str]) -> list[Line]:
    return [Line(t, 1, x, 10.0 * i, 300.0, 10.0 * i + 8, 8.0) for i, (x, t) in enumerate(rows)]


def test_hanging_indent_lists_get_one_line_per_entry() -> None:
    joined = join_hanging(
        _placed(
            (50, "Ajibade, S. R., & Chite, S. M. (2000). Inter-simple sequence"),
            (60, "repeat analysis in the genus Vigna. Euphytica, 111, 47-55."),
            (50, "Asthana, A., & Dixit, S. N. (1986). Fungitoxic studies of"),
            (60, "Ocimum adscendens. Journal of"),
            (60, "Phytopathology, 117, 152-159."),
        )
    )
    assert [ln.text for ln in joined] == [
        "Ajibade, S. R., & Chite, S. M. (2000). Inter-simple sequence repeat analysis in the "
        "genus Vigna. Euphytica, 111, 47-55.",
        "Asthana, A., & Dixit, S. N. (1986). Fungitoxic studies of Ocimum adscendens. "
        "Journal of Phytopathology, 117, 152-159.",
    ]
    # First-line indents (a body) and right-aligned labels are left alone.
    body = _placed((60, "A paragraph starts"), (50, "and runs on"), (50, "to its end."),
                   (60, "Another one"), (50, "ends here."))
    assert join_hanging(body) == body
    # A justified line whose words were set far apart (a tab) does not make the list a table.
    spread = _placed(
        (50, "Salwani Abdullah and Hamza Turabieh. On the use of multi"),
        (60, "neighbourhood structures. Information Sciences, 191:146-168, 2012."),
        (50, "Babak Akbarzadeh and Broos Maenhout. A decomposition-based"),
        (60, "heuristic. European Journal of Operational Research, 288(1):63-79, 2021."),
        (50, "Barry McCollum, Paul McMullan, and Rong Qu.\tThe second"),
        (60, "international timetabling competition:\tExamination track."),
        (50, "Can Akkan and Ayla Gulcu. A bi-criteria hybrid genetic algorithm."),
        (60, "Computers and Operations Research, 90:22-32, 2018."),
    )
    assert [ln.text for ln in join_hanging(spread)][2] == (
        "Barry McCollum, Paul McMullan, and Rong Qu. The second international timetabling "
        "competition: Examination track."
    )
    # a link broken after "http:" is joined without a space
    link = _placed(
        (50, "Rafal Ablamowicz. 2007. CLIFFORD. Retrieved February 28, 2008 from http:"),
        (60, "//math.tntech.edu/rafal/cliff11/index.html"),
        (50, "Patricia S. Abril and Robert Plant. 2007. The patent holder’s dilemma."),
        (60, "Commun. ACM 50, 1 (Jan. 2007), 36–44."),
    )
    assert join_hanging(link)[0].text.endswith("from http://math.tntech.edu/rafal/cliff11/index.html")
    table = _placed((50, "Study\tYear"), (60, "Smith\t2001"), (50, "Jones\t2003"),
                    (60, "Brown\t2004"))
    assert join_hanging(table) == table
    labels = _placed((55, "[9] A. Author, J. 1 (2000)."), (50, "[10] B. Author,"),
                     (60, "J. 2 (2001)."), (50, "[11] C. Author,"), (60, "J. 3 (2002)."))
    assert [ln.text for ln in join_hanging(labels)] == [
        "[9] A. Author, J. 1 (2000).", "[10] B. Author, J. 2 (2001).",
        "[11] C. Author, J. 3 (2002).",
    ]


def test_labels_at_page_tops_stay_and_licence_notes_set_apart_go() -> None:
    pages = []
    for n in (1, 2):
        author = "AB"[n - 1]
        rows = [chars(f"{n + 8}.", 50, 60), chars(f"Author {author}, Title of entry {n}.", 80, 60)]
        rows += [chars(f"Continuation line {i} of page {'xy'[n - 1]}", 80, 73 + 13 * i)
                 for i in range(3)]
        pages.append(page(rows, n))
    pages[1] = Page(2, 600.0, 800.0, pages[1].chars + tuple(
        chars("This is an open-access article under a Creative Commons licence", 50, 760)))
    text, _ = to_text(read_pages(pages))
    assert "9. Author A" in text and "10. Author B" in text
    assert "Creative Commons" not in text


def test_footnotes_between_a_paragraphs_halves_move_after_it() -> None:
    """A sentence runs on to the next page; the page's footnotes (smaller type, a note mark)
    sit between its halves in reading order and move to after the paragraph's end."""

    def line(text: str, page: int, size: float = 12.0, block: bool = False) -> Line:
        return Line(text, page, 0.0, 0.0, 100.0, 10.0, size, block)

    lines = [
        line("Oscillation experiments are insensitive to the absolute scale of", 7, block=True),
        line("neutrino masses of the three known families, because the", 7),
        line("^[3] In addition, BBN is the last cosmological epoch.", 7, 10.0, True),
        line("knowledge of the splittings leads to two schemes [4].", 8, block=True),
        line("A new paragraph.", 8, block=True),
    ]
    moved = move_footnotes(lines, 12.0)
    assert [ln.text[:12] for ln in moved] == [
        "Oscillation ",
        "neutrino mas",
        "knowledge of",
        "^[3] In addi",
        "A new paragr",
    ]
    assert not moved[2].block and moved[3].block
    # A page that ends its paragraph keeps its footnote where it is.
    closed = line("neutrino masses of the three known families, as shown.", 7)
    ended = [lines[0], closed, *lines[2:]]
    assert move_footnotes(ended, 12.0) == ended
    # The page's notes may open with the end of a note begun on the page before (no mark).
    carried = [
        lines[0],
        lines[1],
        line("to lower housing prices to spur demand” (He, 2023).", 7, 10.0, True),
        line("(19) Alongside the regulation of the sector, the government acted.", 7, 10.0),
        *lines[3:],
    ]
    assert [ln.text[:12] for ln in move_footnotes(carried, 12.0)] == [
        "Oscillation ",
        "neutrino mas",
        "knowledge of",
        "to lower hou",
        "(19) Alongsi",
        "A new paragr",
    ]
    # Small type with no note mark at all is no footnote.
    unmarked = [*carried[:3], line("set in small type, a source line.", 7, 10.0), *lines[3:]]
    assert move_footnotes(unmarked, 12.0) == unmarked


def test_a_script_set_after_its_formula_joins_the_symbol_it_sits_on() -> None:
    # "Here s_ij^2 = sin^2 θ, and": TeX sets the scripts after the whole formula, so the
    # subscript "ij" is five words from its "s" in stream order.
    s = chars("Here s = sin θ, and so on", 50, 100)
    sub = chars("ij", 50 + 6 * WIDTH, 103, size=7.0)  # dropped below the s
    sup = chars("2", 50 + 6 * WIDTH, 96, size=7.0)  # raised above it
    lines = text_of([page([s + sub + sup])])
    assert len(lines) == 1
    assert "ij" in lines[0]


def test_three_columns_read_in_order_when_one_has_a_gap() -> None:
    # Three columns of 12 lines; the middle one skips a line (a paragraph break), so that
    # row offers the first column's segment as the one nearest the second gutter.
    rows = []
    for i in range(12):
        y = 100 + 13 * i
        rows.append(chars(f"alpha line {i:02d} of the first column", 40, y))
        if i != 5:
            rows.append(chars(f"beta line {i:02d} of the second column", 240, y))
        rows.append(chars(f"gamma line {i:02d} of the third column", 440, y))
    lines = [ln for ln in text_of([page(rows)]) if ln.strip()]
    firsts = [ln.split()[0] for ln in lines]
    assert firsts == ["alpha"] * 12 + ["beta"] * 11 + ["gamma"] * 12


def test_an_accented_capital_does_not_hide_the_space_between_paragraphs() -> None:
    """List entries set apart by paragraph spacing: an entry opening with a tall accented
    capital (its top raised above the line's other words) still opens a block."""
    rows = [
        chars("SILVA, J. Title of the first work. Editora,", 50, 100),
        chars("2007.", 50, 112),
        chars("ÁVILA, R. Title of the second work. Editora, 2009.", 50, 133.5),
        chars("NUNES, P. Title of the third work. Editora, 2011.", 50, 155),
    ]
    first = rows[2][0]
    assert first.text == "Á"
    rows[2][0] = first._replace(top=first.baseline - 1.1 * SIZE)  # the accent rises
    text, _ = to_text(read_pages([page(rows)]))
    assert text.rstrip("\n").split("\n") == [
        "SILVA, J. Title of the first work. Editora,",
        "2007.",
        "",
        "ÁVILA, R. Title of the second work. Editora, 2009.",
        "",
        "NUNES, P. Title of the third work. Editora, 2011.",
    ]


def test_a_page_under_a_running_head_goes_on_with_the_paragraph_before() -> None:
    """The running head at each page's top is furniture; the text under it, set well below,
    continues the paragraph the last page ended (no block opens at the page top)."""
    pages = []
    for n, words in enumerate(("alpha beta", "gamma delta", "epsilon zeta"), start=1):
        rows = [chars("Revista de Estudos Gerais 2024", 50, 40)]
        rows += [chars(f"Words {words} {w} go on", 50, 120 + 12 * i)
                 for i, w in enumerate(("one", "two", "three"))]
        pages.append(page(rows, n))
    lines = to_text(read_pages(pages))[0].rstrip("\n").split("\n")
    assert len(lines) == 9 and "" not in lines
    assert not any("Revista" in line for line in lines)


def test_entry_tails_at_column_feet_are_no_running_feet() -> None:
    """The last line of a page's text recurs once digits are ignored when entries end on an
    article number or pages (``e1003459.`` / ``e2965.``, ``9, 17–23.`` / ``15, 306–371.``):
    text, not furniture; a running foot with words still goes."""
    tails = [("e1003459.", "9, 17–23."), ("e2965.", "15, 306–371."), ("e0115884.", "7, 1–9.")]
    pages = []
    for n, (first, second) in enumerate(tails, start=1):
        rows = [chars(f"Entry {w} of page {n}. PLoS Pathogens,", 50, 100 + 13 * i)
                for i, w in enumerate(("alpha", "beta"))]
        rows += [chars(first, 50, 126), chars(f"Ecology of page {n},", 50, 139),
                 chars(second, 50, 152)]
        rows.append(chars(f"Journal of Test Articles 2024; 12: {n}", 50, 780))
        pages.append(page(rows, n))
    text, _ = to_text(read_pages(pages))
    for first, second in tails:
        assert first in text and second in text
    assert "Journal of Test" not in text


def test_a_column_of_links_broken_over_lines_is_still_a_column() -> None:
    """A reference column full of web links, each broken over lines of one or two long
    words, is a column of text, not table cells."""
    rows: list[list[Char]] = []
    y = 100.0
    for i in range(6):
        rows.append(chars(f"Left entry {i} has ordinary words up to its gutter", 50, y))
        rows.append(chars(f"https://www.gov.cn/xinwen/2014-05/{i}2/content_26", 320, y))
        y += 13
    lines = text_of([page(rows)])
    assert lines == [f"Left entry {i} has ordinary words up to its gutter" for i in range(6)] + [
        f"https://www.gov.cn/xinwen/2014-05/{i}2/content_26" for i in range(6)
    ]


def test_entries_spaced_under_an_em_apart_in_tight_leading_are_blocks() -> None:
    """Lines 2 pt apart, entries 8.5 pt apart: under 0.9 of the body size, but well over
    the document's leading, so each entry is a block."""
    rows: list[list[Char]] = []
    y = 100.0
    for e in range(8):
        for i in range(3):
            rows.append(chars(f"Entry {e} line {i} of its text, words going on", 50, y))
            y += 12
        y += 6.5
    text, _ = to_text(read_pages([page(rows)]))
    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) == 8
    assert all(b.split("\n")[0].startswith(f"Entry {e} line 0") for e, b in enumerate(blocks))


def test_a_column_opening_after_a_paragraphs_short_last_line_opens_a_block() -> None:
    """The space above a column's first line is not seen: it opens a block when the line
    before (the last of the column before) ended its paragraph short of the column's
    edge, and goes on with it when that line ran to the edge."""
    full = "Entry {k} words run on to the gutter of col, ok"
    rows: list[list[Char]] = []
    y = 100.0
    for k in range(5):
        rows.append(chars(full.format(k=k), 50, y))
        y += 13
    rows.append(chars("286–300.", 50, y))  # the left column ends an entry, short
    y = 100.0
    rows.append(chars("Kornfeld, K. Vulval development in elegans.", 320, y))
    for k in range(5, 10):
        y += 13
        rows.append(chars(full.format(k=k), 320, y))
    text, _ = to_text(read_pages([page(rows)]))
    lines = text.rstrip("\n").split("\n")
    assert lines[lines.index("286–300.") + 1] == ""
    assert lines[lines.index("286–300.") + 2].startswith("Kornfeld, K.")
    # a full last line, even one ending a sentence, goes on at the next column's top
    rows[5] = chars("Entry 5 words run on to the gutter of col, o.", 50, 165)
    text, _ = to_text(read_pages([page(rows)]))
    assert "" not in text.rstrip("\n").split("\n")


def test_a_line_recurring_at_the_edges_of_two_pages_in_ten_is_text() -> None:
    """A running head recurs on most pages; an entry's line that happens to open two of ten
    pages with the same words (digits aside) is the list's text."""
    pages = []
    for n in range(1, 11):
        rows = [chars(f"Journal of Test Articles 2024; 12: {n}", 50, 40)]
        if n in (3, 7):
            rows.append(chars(f"Entomology, 20{n}4, 5{n}: 125-13{n}.", 50, 100))
        rows += [chars(f"Entry text {w} of page {n} goes on", 50, 113 + 13 * i)
                 for i, w in enumerate(("alpha", "beta", "gamma"))]
        pages.append(page(rows, n))
    text, _ = to_text(read_pages(pages))
    assert "Entomology, 2034, 53: 125-133." in text and "Entomology, 2074" in text
    assert "Journal of Test" not in text


def test_a_line_at_one_pages_foot_and_the_next_ones_head_is_text() -> None:
    """A list of like entries running over pages sets the same words (digits aside) at a
    page's foot and at the next page's head: text, for a running head recurs at one edge,
    the tops of pages, and a running foot at their bottoms."""
    pages = []
    for n in range(1, 6):
        rows = [chars(f"Journal of Test Articles 2024; 12: {n}", 50, 40)]
        if n == 3:
            rows.append(chars("Annual report on rural workers, 2030. Beijing.", 50, 100))
        rows += [chars(f"Entry {n * 10 + i} says {'abcdefghij'[i] * (n + 1)} on", 50, 113 + 13 * i)
                 for i in range(10)]
        if n == 2:
            rows.append(chars("Annual report on rural workers, 2025. Beijing.", 50, 250))
        pages.append(page(rows, n))
    text, _ = to_text(read_pages(pages))
    assert "rural workers, 2025." in text and "rural workers, 2030." in text
    assert "Journal of Test" not in text


def _cells_row(text: str, y: float, *xs: float) -> Line:
    """A line of a table whose cells start at ``xs``."""
    return Line(text, 1, xs[0], y, 500.0, y + 8, 8.0, cells=xs)


def test_a_table_rows_wrapped_cells_are_joined_into_it() -> None:
    """Lines under a row that go on its cells (a lower-case word under an empty first
    column, a marker or a bracket in the first) join the row; a row whose first cells span
    rows, opening with a capital, stays a row."""
    lines = [
        _cells_row("Study\tSite\tBlinding", 100, 50, 150, 250),
        _cells_row("Kweku (2008)\tHohoe\tNo (drug packers", 110, 50, 150, 250),
        _cells_row("^[22]\tand principal", 120, 50, 250),
        _cells_row("investigator", 130, 250),
        _cells_row("un-blinded)", 140, 250),
        _cells_row("Ae. albopictus\tHigh", 150, 150, 250),
        _cells_row("Cisse^[28]\tTivaouane\tNot assessed", 160, 50, 150, 250),
        _cells_row("(unpublished)\tnot available", 170, 50, 250),
    ]
    assert [ln.text for ln in join_wrapped_cells(lines, 8.0)] == [
        "Study\tSite\tBlinding",
        "Kweku (2008)^[22]\tHohoe\tNo (drug packers and principal investigator un-blinded)",
        "Ae. albopictus\tHigh",
        "Cisse^[28] (unpublished)\tTivaouane\tNot assessed not available",
    ]


def test_a_chinese_table_rows_wrapped_cells_are_joined_unless_they_cite() -> None:
    """A script without capitals cannot open a row with one: a wrapped line under a
    Chinese row joins it, in the first column too; a line that cites is a row of its own."""

    lines = [
        _cells_row("肝病种类\t细胞数量\t治疗效果", 100, 50, 150, 250),
        _cells_row("HBV 和 HCV\t0.1×10^8\tALT 和胆红素降低, ALB^[22]", 110, 50, 150, 250),
        _cells_row("相关的肝硬化\t升高、Child-Pugh 和 MELD", 120, 50, 250),
        _cells_row("肝硬化\t肝功能改善^[23]", 130, 50, 250),
    ]
    assert [ln.text for ln in join_wrapped_cells(lines, 8.0)] == [
        "肝病种类\t细胞数量\t治疗效果",
        "HBV 和 HCV 相关的肝硬化\t0.1×10^8\tALT 和胆红素降低, ALB^[22] 升高、Child-Pugh 和 MELD",
        "肝硬化\t肝功能改善^[23]",
    ]


def test_a_short_line_beside_a_heading_in_the_other_column_is_no_superscript() -> None:
    """Two columns: a heading ("References", larger) in the left column and, a little
    higher, an entry's last line ("56 372", body size) in the right one. The numbers are
    text of the right column, not superscripts on the heading; a smaller raised number
    alone still joins the row under it as a superscript (a marker alone in a table cell)."""
    left = [chars("The animals were bled at intervals over the dry season.", 50, 100 + 12 * k)
            for k in range(10)]
    right = [chars("Chevalier V and Lancelot R 2009 Endemic transmission", 320, 100 + 12 * k)
             for k in range(11)]
    right.append(chars("56 372", 320, 229.0))
    heading = chars("References", 50, 231.5, size=12.0)
    entries = [chars(f"{k}. Rich K M and Wanyoike F 2010 Am J Trop Med Hyg 83 52", 50,
                     246 + 12 * k) for k in range(1, 8)]
    lines = text_of([page(left + right + [heading] + entries)])
    assert "References" in lines
    assert any(line.endswith("56 372") or line == "56 372" for line in lines)
    cell = chars("Cases", 50, 400) + chars("12", 200, 400)
    marker = chars("7", 300, 397.0, size=6.0)
    assert text_of([page([cell, marker])]) == ["Cases\t12^[7]"]
    listed = chars("75,82,83,104,130", 300, 397.0, size=6.0)  # a long list is a marker too
    assert text_of([page([cell, listed])]) == ["Cases\t12^[75,82,83,104,130]"]


def test_a_page_whose_type_sizes_read_as_zero_is_still_read() -> None:
    """A Word export whose text PDFium sizes at 0.12 pt (the scale in a transform it leaves
    out): no body size of 0 to divide by; the lines are read."""
    lines = [
        [c._replace(size=0.12) for c in chars(text, 72, 100 + 14 * k)]
        for k, text in enumerate(["References", "Ye Y. Interior algorithms. 1987."])
    ]
    text, _ = to_text(read_pages([page(lines)]))
    assert text.split("\n")[:2] == ["References", "Ye Y. Interior algorithms. 1987."]
