from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("returns/", views.index, name="index"),
    path("returns/standard/", views.standard_page, name="standard"),
    path("returns/template.<str:fmt>", views.template, name="template"),
    path("returns/follow-up-standard/", views.followup_standard_page, name="followup-standard"),
    path("returns/follow-up-template.<str:fmt>", views.followup_template, name="followup-template"),
    path("returns/errors/<token:token>.csv", views.error_report, name="error-report"),
    path("returns/submissions/<int:pk>/", views.submission, name="submission"),
    path("returns/submissions/<int:pk>/rows.csv", views.submission_rows, name="submission-rows"),
    path("returns/<ref:reference>/", views.contract_returns, name="contract"),
    path("returns/<ref:reference>/follow-ups/", views.followups, name="followups"),
    path("returns/<ref:reference>/<period:period>/prefilled/", views.prefilled, name="prefilled"),
    path("returns/<ref:reference>/<period:period>/remind/", views.remind, name="remind"),
    path("returns/<ref:reference>/<period:period>/waive/", views.waive, name="waive"),
]
