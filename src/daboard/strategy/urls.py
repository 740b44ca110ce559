from . import views

app_name = "strategy"

urlpatterns = views.route.urlpatterns()
