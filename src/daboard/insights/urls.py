from . import views

app_name = "insights"

urlpatterns = views.route.urlpatterns()
