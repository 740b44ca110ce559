from . import views

app_name = "partnership"

urlpatterns = views.route.urlpatterns()
