# Importing public and views declares their addresses on route: the clerk's pages and the
# public site's (no sign-in, open business only).
from . import public, views  # noqa: F401
from .views.common import route

app_name = "board"

urlpatterns = route.urlpatterns()
