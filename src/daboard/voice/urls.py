from . import views

app_name = "voice"

urlpatterns = views.route.urlpatterns()
