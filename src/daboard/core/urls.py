# Importing admin, auth and pages declares their addresses on route.
from .views import admin, auth, pages, route  # noqa: F401

app_name = "core"

urlpatterns = route.urlpatterns()
