"""A store's own page template that fails: a message naming it and its line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from book_files import build, status, write_book
from ledgersite.site.theme import TEMPLATES

#: A Calendar page written for the old single-page Calendar, where each month held its entries.
OLD_CALENDAR = """{% extends "base.html" %}
{% block content %}
{% for month in view.months %}<h2>{{ month.title }}</h2>
{% for item in month["items"] %}<p>{{ item.name }}</p>{% endfor %}
{% endfor %}
{% endblock %}
"""


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Give (book, site, the store's templates folder) after a good build."""
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    assert build(book, out) == 0
    templates = tmp_path / "my_templates"
    templates.mkdir()
    (tmp_path / "ledgersite.toml").write_text('[site]\ntemplates = "my_templates"\n')
    return book, out, templates


@pytest.mark.parametrize(
    ("template", "text", "line", "what"),
    [
        ("calendar.html", OLD_CALENDAR, 4, "object is not iterable"),
        ("health.html", '{% extends "base.html" %}\n{% block content %}{% if %}{% endblock %}',
         2, "Expected an expression"),
        ("health.html", '{% extends "base.html" %}{% block content %}\n\n'
         '{% include "our_footer.html" %}{% endblock %}', 3,
         'it uses "our_footer.html", which is neither among yours nor ours'),
    ],
    ids=["old calendar", "syntax error", "missing include"],
)
def test_a_failing_template_of_the_store_is_named_with_its_line_and_the_site_stays(
    built: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
    template: str, text: str, line: int, what: str,
) -> None:
    book, out, templates = built
    (templates / template).write_text(text)
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    capsys.readouterr()
    assert build(book, out) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'ledgersite: The page template "{template}" in ')
    assert f"at line {line}: " in err and what in err and "remove it to use ours" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before
    shown = status(out)
    assert shown["ok"] is False and template in str(shown["error"])


def test_a_good_template_of_the_store_calling_ours_wrongly_is_the_one_named(
    built: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    book, out, templates = built
    # The error is raised inside our macros.html; the store's template is what to correct.
    (templates / "health.html").write_text(
        '{% extends "base.html" %}{% import "macros.html" as m %}\n'
        "{% block content %}{{ m.milestone_card() }}{% endblock %}"
    )
    assert build(book, out) == 2
    err = capsys.readouterr().err
    assert 'The page template "health.html"' in err and "at line 2: " in err


def test_an_old_copy_of_our_macros_is_named_when_our_page_fails_on_it(
    built: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    book, out, templates = built
    # Copied before the Today page's sections took "more": ours now pass it, theirs refuses.
    ours = (TEMPLATES / "macros.html").read_text(encoding="utf-8")
    old = ours.replace(', more=0, more_page="", more_title=""', "")
    assert old != ours
    (templates / "macros.html").write_text(old, encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    assert build(book, out) == 2
    err = capsys.readouterr().err
    assert err.startswith('ledgersite: Our page template "today.html" stopped the build at line ')
    assert "more" in err and "(macros.html): they may be copies of an older version" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before
