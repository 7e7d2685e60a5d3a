"""A "Client" cell in another sheet resolved to a client: by ID, email, or a unique full name."""

from __future__ import annotations

import difflib
import functools
from collections import Counter, defaultdict

from ledgersite.book import Client
from ledgersite.validate.cells import BadCell
from ledgersite.validate.headers import squeeze


class ClientIndex:
    """Every way a client can be named, built once for the whole book.

    Most cells give a client's ID exactly, found in `clients` as it is: the other ways are
    indexed only when a cell first needs them (at 10,000 clients, a tenth of validating).
    """

    def __init__(self, clients: dict[str, Client], left_out: dict[str, int] | None = None):
        self.clients = clients
        #: The rows of the Clients sheet left out, by their ID, name and email.
        self.left_out = {squeeze(k): row for k, row in (left_out or {}).items()}
        self._resolved: dict[str, str | tuple[str, str]] = {}  # value -> ID, or what to say

    @functools.cached_property
    def by_id(self) -> dict[str, list[str]]:
        """Client IDs by their squeezed form ("c 001" finds "C-001"; "C001" may be there too)."""
        found: dict[str, list[str]] = defaultdict(list)
        for cid in self.clients:
            found[squeeze(cid)].append(cid)
        return found

    @functools.cached_property
    def by_email(self) -> dict[str, list[str]]:
        """Client IDs by email, case-folded."""
        found: dict[str, list[str]] = defaultdict(list)
        for client in self.clients.values():
            if client.email:
                found[client.email.casefold()].append(client.id)
        return found

    @functools.cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Client IDs by full name, first name first or last name first, squeezed."""
        found: dict[str, list[str]] = defaultdict(list)
        for client in self.clients.values():
            if client.first_name or client.last_name:
                found[squeeze(client.name)].append(client.id)
                if client.first_name and client.last_name:
                    found[squeeze(f"{client.last_name} {client.first_name}")].append(client.id)
        return found

    @functools.cached_property
    def by_last_name(self) -> dict[str, list[str]]:
        """Client IDs by last name, squeezed: "Smith" alone may mean any of them."""
        found: dict[str, list[str]] = defaultdict(list)
        for client in self.clients.values():
            if client.last_name:
                found[squeeze(client.last_name)].append(client.id)
        return found

    @functools.cached_property
    def by_trigram(self) -> dict[str, list[str]]:
        """The keys of `by_name` by each run of three characters they hold."""
        found: dict[str, list[str]] = defaultdict(list)
        for key in self.by_name:
            for gram in _trigrams(key):
                found[gram].append(key)
        return found

    def close_names(self, key: str) -> list[str]:
        """Give up to six keys of `by_name` like `key`, the likest first.

        difflib compares `key` with the 50 names sharing the most three-letter runs with it,
        not with every name: at 10,000 clients that is 1 ms a lookup instead of 50. Only the
        runs few names have are counted ("son" is in thousands). Text too short to have a run of
        three ("?", "JR") is like no name in particular.
        """
        lists = sorted((self.by_trigram.get(gram, []) for gram in _trigrams(key)), key=len)
        common = max(100, len(self.by_name) // 50)
        rare = [names for names in lists if len(names) <= common] or lists[:3]
        shared: Counter[str] = Counter()
        for names in rare:
            shared.update(names)
        candidates = [name for name, _ in shared.most_common(50)]
        return difflib.get_close_matches(key, candidates, n=6, cutoff=0.75)

    def _label(self, cid: str) -> str:
        return f"{self.clients[cid].name} ({cid})"

    def resolve(self, value: str) -> str:
        """Give the client ID `value` names; raise `BadCell` with candidates otherwise.

        What a value that is not an ID resolves to is remembered: a book may name the same
        walk-in ("Cash sale") on thousands of rows.
        """
        if value in self.clients:  # the usual case: the ID exactly as in the Clients sheet
            return value
        if value not in self._resolved:
            try:
                self._resolved[value] = self._resolve(value)
            except BadCell as bad:
                self._resolved[value] = (bad.message, bad.fix)
        found = self._resolved[value]
        if isinstance(found, tuple):
            raise BadCell(*found)
        return found

    def _resolve(self, value: str) -> str:
        key = squeeze(value)
        same = self.by_id.get(key, [])
        if len(same) == 1:
            return same[0]
        if same:
            raise BadCell(
                f"could be more than one client: {', '.join(map(self._label, same))}.",
                "Type the Client ID exactly as it is on the Clients sheet.",
            )
        ids = self.by_email.get(value.strip().casefold()) or self.by_name.get(key)
        if ids and len(set(ids)) == 1:
            return ids[0]
        if ids:
            who = ", ".join(self._label(c) for c in sorted(set(ids)))
            raise BadCell(
                f"could be more than one client: {who}.", "Use the Client ID instead of the name."
            )
        if key in self.left_out:
            raise BadCell(
                f"names the client in row {self.left_out[key]} of the Clients sheet, which was"
                " left out because of a problem in that row.",
                "Fix that row of the Clients sheet (Book health lists its problem).",
            )
        namesakes = self.by_last_name.get(key, [])
        if len(namesakes) > 3:
            raise BadCell(
                f"matches no client: {len(namesakes):,} clients have that last name.",
                "Use the client's full name, or the Client ID.",
            )
        close = self.close_names(key)
        if namesakes or close:
            ids = namesakes + [self.by_name[c][0] for c in close]
            ids = list(dict.fromkeys(ids))[:3]  # each once: a name is indexed both ways round
            who = " or ".join(self._label(c) for c in ids)
            raise BadCell(
                f"matches no client. Did you mean {who}?",
                "Correct the name, or use the Client ID.",
            )
        raise BadCell(
            "matches no client.", "Add the client to the Clients sheet, or correct the name."
        )


def _trigrams(key: str) -> set[str]:
    return {key[i : i + 3] for i in range(len(key) - 2)}
