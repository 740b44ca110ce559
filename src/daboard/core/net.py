"""The real client address, behind however many trusted reverse proxies."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or with N trusted proxies the Nth address from the right of
    X-Forwarded-For (the one the outermost trusted proxy saw). Never trusts the header
    when no proxy is configured, so a client cannot choose its own address."""
    remote = request.META.get("REMOTE_ADDR")
    hops = getattr(settings, "DABOARD_TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
            if _valid(candidate):
                return candidate
    return remote if remote and _valid(remote) else None


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True
