from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("strategy/", views.index, name="index"),
    path("strategy/new/<gss:gss>/", views.strategy_edit, name="new"),
    path("strategy/<int:pk>/", views.detail, name="detail"),
    path("strategy/<int:pk>/change/", views.strategy_edit, name="edit"),
    path("strategy/<int:pk>/document/", views.document, name="document"),
    path("strategy/<int:pk>/priorities/new/", views.priority_add, name="priority-new"),
    path("strategy/<int:pk>/actions/new/", views.action_edit, name="action-new"),
    path("strategy/<int:pk>/actions/<int:action_pk>/", views.action_edit, name="action-edit"),
    path("strategy/<int:pk>/actions/<int:action_pk>/progress/", views.progress_add, name="progress-new"),
    path("strategy/<int:pk>/report/", views.report, name="report"),
    path("calendar/<gss:gss>/", views.council_calendar, name="calendar"),
    path("calendar/<gss:gss>/done/", views.calendar_complete, name="calendar-done"),
    path("my-calendar/<str:token>.ics", views.user_feed, name="user-feed"),
]
