from . import views

app_name = "returns"

urlpatterns = views.route.urlpatterns()
