"""A rebuild renders only the profiles whose inputs changed, and every one whose inputs did.

A profile's digest comes from what its view reads (the client's row and records, the names of
the partner, referrer and household it links to, the currency), not from the view itself, so
unchanged profiles of a big book are neither built nor rendered.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from agenda_factories import book, client, contact, purchase
from ledgersite.agenda import build_agenda
from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.pipeline import build_book
from ledgersite.site import render, views
from ledgersite.site.names import client_file_names

TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def small_book() -> Book:
    b = book(
        client("C1", partner_id="C2", partner_name="Tom Reyes", household="Reyes"),
        client("C2", "Tom", partner_id="C1", partner_name="Maria Reyes", household="Reyes"),
        client("C3", "Ann", "Okafor", referred_by="C1"),
        client("C4", "Priya", "Khan", phone="07700 900444"),
        client("C5", "Chen", "Li", household="Reyes"),
    )
    b.purchases.append(purchase("C4", dt.date(2026, 5, 2), price=None))
    b.contacts.append(contact("C3", dt.date(2026, 5, 20), "Check-in call"))
    return b


def profiles_rendered(out: Path, b: Book, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Give the IDs of the clients whose profile view was made while building `b` into `out`."""
    made: set[str] = set()
    real = views.profile_view

    def spy(bk: Book, c: object, *args: object) -> views.View:
        made.add(c.id)  # type: ignore[attr-defined]
        return real(bk, c, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "profile_view", spy)
    build_book(b, out, config=Config(), today=TODAY, now=NOW)
    return made


def test_first_build_renders_every_profile_and_a_rebuild_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    assert profiles_rendered(out, small_book(), monkeypatch) == {"C1", "C2", "C3", "C4", "C5"}
    assert profiles_rendered(out, small_book(), monkeypatch) == set()


def test_one_phone_number_renders_one_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    profiles_rendered(out, small_book(), monkeypatch)
    edited = small_book()
    edited.clients["C4"].phone = "07700 123456"
    assert profiles_rendered(out, edited, monkeypatch) == {"C4"}
    page = out / "clients" / client_file_names(edited.clients)["C4"]
    assert "07700 123456" in page.read_text(encoding="utf-8")


def test_a_new_purchase_renders_only_its_buyers_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    profiles_rendered(out, small_book(), monkeypatch)
    edited = small_book()
    edited.purchases.append(purchase("C3", dt.date(2026, 5, 30), "Emerald pendant"))
    assert profiles_rendered(out, edited, monkeypatch) == {"C3"}


@pytest.mark.parametrize(
    ("renamed", "also_shown_on"),
    [("C1", {"C2", "C3", "C5"}), ("C5", {"C1", "C2"})],
    ids=["partner-referrer-household", "household"],
)
def test_a_new_name_renders_every_profile_that_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renamed: str, also_shown_on: set[str]
) -> None:
    out = tmp_path / "site"
    profiles_rendered(out, small_book(), monkeypatch)
    edited = small_book()
    edited.clients[renamed].first_name = "Marisol"
    assert profiles_rendered(out, edited, monkeypatch) == {renamed} | also_shown_on


def test_the_currency_renders_every_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    profiles_rendered(out, small_book(), monkeypatch)
    edited = small_book()
    edited.settings.currency = "EUR"
    assert profiles_rendered(out, edited, monkeypatch) == {"C1", "C2", "C3", "C4", "C5"}


def test_whenever_a_profile_view_changes_its_input_key_changes() -> None:
    """Change each field of every client and record in turn: a new view means a new key."""
    base = small_book()

    def keys_and_views(b: Book) -> dict[str, tuple[str, str]]:
        names, index = client_file_names(b.clients), views.related(b)
        return {
            cid: (views.profile_inputs(b, c, names, index),
                  repr(views.profile_view(b, c, names, index)))
            for cid, c in b.clients.items()
        }

    before = keys_and_views(base)
    changed_views = 0
    records = [("clients", cid) for cid in base.clients] + [
        (kind, i) for kind in ("purchases", "contacts") for i in range(len(getattr(base, kind)))
    ]
    for kind, at in records:
        for field in dataclasses.fields(getattr(small_book(), kind)[at]):
            edited = small_book()
            record = getattr(edited, kind)[at]
            value = getattr(record, field.name)
            if field.name in ("id", "client_id"):
                continue  # moves the record: another test's business
            if isinstance(value, str):
                setattr(record, field.name, value + "x")
            elif isinstance(value, dt.date):
                setattr(record, field.name, value - dt.timedelta(days=3))
            else:
                continue
            after = keys_and_views(edited)
            for cid in base.clients:
                if after[cid][1] != before[cid][1]:
                    changed_views += 1
                    assert after[cid][0] != before[cid][0], (kind, at, field.name, cid)
    assert changed_views > 20  # the check above really ran


def test_profile_digest_includes_the_templates(tmp_path: Path) -> None:
    agenda = build_agenda(small_book(), TODAY)
    plain = render.plan_site(small_book(), agenda, [], feed=b"", config=Config())
    own = tmp_path / "templates"
    own.mkdir()
    (own / "profile.html").write_text("{{ view.name }}")
    custom = render.plan_site(small_book(), agenda, [], feed=b"", config=Config(templates=own))
    profile = {p.path: p.digest for p in plain if p.path.startswith("clients/")}
    assert profile and all(
        profile[p.path] != p.digest for p in custom if p.path.startswith("clients/")
    )



def test_a_row_inserted_above_renders_no_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every row below moves down one; no profile shows row numbers, so none is rendered."""
    out = tmp_path / "site"
    profiles_rendered(out, small_book(), monkeypatch)
    moved = small_book()
    for record in [*moved.clients.values(), *moved.purchases, *moved.contacts]:
        record.row += 1
    assert profiles_rendered(out, moved, monkeypatch) == set()
