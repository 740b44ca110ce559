from django.conf import settings

from .permissions import navigation_for


def daboard(request):
    user = getattr(request, "user", None)
    nav = navigation_for(user) if user is not None else []
    return {
        "service_name": settings.DABOARD_SERVICE_NAME,
        "demo_banner": settings.DABOARD_DEMO_BANNER or not settings.DABOARD_TWO_FACTOR_REQUIRED,
        "navigation": nav,
    }
