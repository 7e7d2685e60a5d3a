"""Client page file names: safe on every file system, unique, and stable between builds."""

from __future__ import annotations

import re

from ledgersite.site.names import client_file_names
from site_books import HOSTILE_IDS

WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                   *(f"lpt{i}" for i in range(10))}


def test_hostile_ids_give_plain_lower_case_names_inside_the_folder() -> None:
    names = client_file_names(HOSTILE_IDS)
    for name in names.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*-[0-9a-f]{8,}\.html", name), name
        assert "/" not in name and "\\" not in name and ".." not in name


def test_windows_device_names_never_stand_alone() -> None:
    names = client_file_names(["CON", "nul", "Com1", "LPT9", "aux"])
    for name in names.values():
        assert name.split(".")[0] not in WINDOWS_DEVICES


def test_ids_differing_only_by_case_or_punctuation_get_different_files() -> None:
    ids = ["A/B", "a/b", "a-b", "A B", "a_b", "ab"]
    names = client_file_names(ids)
    assert len({n.casefold() for n in names.values()}) == len(ids)


def test_the_same_id_gets_the_same_name_in_every_build() -> None:
    assert client_file_names(["C-0042", "x"]) == client_file_names(["x", "C-0042"])
    assert client_file_names(["C-0042"])["C-0042"].startswith("c-0042-")


def test_unicode_ids_keep_their_readable_ascii_part() -> None:
    assert client_file_names(["Café-ß"])["Café-ß"].startswith("cafe-")
    assert client_file_names(["日本"])["日本"].startswith("client-")
