from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("dashboard/", views.index, name="index"),
    path("dashboard/<str:gss>/", views.dashboard, name="dashboard"),
]
