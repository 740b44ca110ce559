"""Core's pages: signing in and the account (auth), the site's own pages (pages) and user
administration with the audit log (admin)."""

from daboard.core.routes import Routes

route = Routes()  # the core app's addresses, one on each view (see core.routes)
