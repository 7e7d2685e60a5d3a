"""A "Client" cell in another sheet resolved to a client: by ID, email, or a unique full name."""

from __future__ import annotations

import difflib
from collections import defaultdict

from ledgersite.book import Client
from ledgersite.validate.cells import BadCell
from ledgersite.validate.headers import squeeze


class ClientIndex:
    """Every way a client can be named, built once for the whole book."""

    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients
        self.by_id = {squeeze(cid): cid for cid in clients}
        self.by_email: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for client in clients.values():
            if client.email:
                self.by_email[client.email.casefold()].append(client.id)
            if client.first_name or client.last_name:
                self.by_name[squeeze(client.name)].append(client.id)
                if client.first_name and client.last_name:
                    self.by_name[squeeze(f"{client.last_name} {client.first_name}")].append(
                        client.id
                    )
        self._names = {squeeze(c.name): c.name for c in clients.values()}

    def _label(self, cid: str) -> str:
        return f"{self.clients[cid].name} ({cid})"

    def resolve(self, value: str) -> str:
        """Give the client ID `value` names; raise `BadCell` with candidates otherwise."""
        if value in self.clients:  # the usual case: the ID exactly as in the Clients sheet
            return value
        key = squeeze(value)
        if key in self.by_id:
            return self.by_id[key]
        ids = self.by_email.get(value.strip().casefold()) or self.by_name.get(key)
        if ids and len(set(ids)) == 1:
            return ids[0]
        if ids:
            who = ", ".join(self._label(c) for c in sorted(set(ids)))
            raise BadCell(
                f"could be more than one client: {who}.", "Use the Client ID instead of the name."
            )
        close = difflib.get_close_matches(key, list(self.by_name), n=3, cutoff=0.75)
        if close:
            who = " or ".join(self._label(self.by_name[c][0]) for c in close)
            raise BadCell(
                f"matches no client. Did you mean {who}?",
                "Correct the name, or use the Client ID.",
            )
        raise BadCell(
            "matches no client.", "Add the client to the Clients sheet, or correct the name."
        )
