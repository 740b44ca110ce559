from django.urls import include, path

import daboard.core.identifiers  # noqa: F401  (registers the URL converters first)
from daboard.returns.api import api

urlpatterns = [
    path("", include("daboard.core.urls")),
    path("", include("daboard.board.urls")),
    path("", include("daboard.commissioning.urls")),
    path("", include("daboard.returns.urls")),
    path("", include("daboard.voice.urls")),
    path("", include("daboard.insights.urls")),
    path("", include("daboard.strategy.urls")),
    path("partnership/", include("daboard.partnership.urls")),
    path("api/v1/", api.urls),
]

handler404 = "daboard.core.views.errors.not_found"
handler500 = "daboard.core.views.errors.server_error"
handler403 = "daboard.core.views.errors.forbidden"
