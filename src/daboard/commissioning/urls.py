from . import views

app_name = "commissioning"

urlpatterns = views.route.urlpatterns()
