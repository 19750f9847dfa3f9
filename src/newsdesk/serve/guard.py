"""Who may talk to the server: ``Host`` checks, cross-origin and CSRF refusal, the API token.

- **Host** (DNS rebinding): on a loopback address the server answers only requests addressed to
  ``localhost``, ``127.0.0.1`` or ``::1`` (and names given with ``--allow-host``, e.g. that of
  a reverse proxy in front of it); a page from a hostile name that re-resolves to 127.0.0.1
  sends its own name and is refused. Listening beyond loopback, any name is accepted
  (the token guards the writes).
- **Origin** (CSRF): a write (POST, PUT, PATCH, DELETE) from a browser page of another origin
  is refused: its ``Origin`` differs from ``Host``, or its ``Sec-Fetch-Site`` says cross-site.
  A write from a browser must also carry ``X-CSRF-Token``, which only the server's own pages
  know (the upload form sends it), so an old browser that sends no ``Origin`` is covered too.
  Clients that are not browsers (curl, scripts) send neither header and need no CSRF token.
- **Token**: with ``--token`` (or ``NEWSDESK_TOKEN``) every write needs ``Authorization: Bearer
  TOKEN``. Listening beyond loopback without a token, writes are accepted only from this machine.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Guard:
    listen_host: str = "127.0.0.1"
    token: str | None = None
    allowed_hosts: frozenset[str] = frozenset()  # more names it answers to on loopback (a reverse proxy's)
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def loopback_only(self) -> bool:
        return is_loopback(self.listen_host)

    def refusal(self, method: str, headers: dict[str, str], client_host: str | None) -> tuple[int, str] | None:
        """Why a request must be refused, as ``(status, message)``, or None when it may go on.
        ``headers`` are lower-cased names."""
        host = headers.get("host", "")
        name = urlsplit("//" + host).hostname or ""
        if self.loopback_only and name not in LOOPBACK_NAMES | self.allowed_hosts and name != self.listen_host:
            return 421, f"this server answers only to localhost, not to the host name {host!r}"
        if method not in WRITE_METHODS:
            return None
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.casefold() != host.casefold():
            return 403, "a write from a page of another origin is refused"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "a write from a page of another site is refused"
        from_browser = origin is not None or "sec-fetch-site" in headers
        if from_browser and not hmac.compare_digest(headers.get("x-csrf-token", ""), self.csrf_token):
            return 403, "a write from a browser needs the page's CSRF token (X-CSRF-Token); reload the page"
        if self.token is not None:
            scheme, _, given = headers.get("authorization", "").partition(" ")
            if scheme.casefold() != "bearer" or not hmac.compare_digest(given.strip(), self.token):
                return 401, "writes need the server's API token: Authorization: Bearer TOKEN"
        elif not self.loopback_only and not (client_host and is_loopback(client_host)):
            return 403, "this server has no API token, so it accepts writes only from its own machine; start it with --token"
        return None

    def warning(self) -> str | None:
        """What to tell whoever starts the server beyond loopback without a token."""
        if self.loopback_only or self.token is not None:
            return None
        return (
            f"newsdesk: listening on {self.listen_host} without an API token: anyone who can reach it can read the store, "
            "and writes are accepted only from this machine. Set --token or NEWSDESK_TOKEN to accept authenticated writes."
        )
