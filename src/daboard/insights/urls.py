from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("dashboard/", views.index, name="index"),
    path("dashboard/<gss:gss>/", views.dashboard, name="dashboard"),
    path("dashboard/<gss:gss>/report/<period:period>/", views.report, name="report"),
    path("dashboard/<gss:gss>/report/<period:period>/pdf/", views.report_pdf, name="report-pdf"),
    path("dashboard/<gss:gss>/needs/", views.needs, name="needs"),
    path("dashboard/<gss:gss>/needs/pdf/", views.needs_pdf, name="needs-pdf"),
    path("dashboard/<gss:gss>/needs/accommodation/new/", views.unit_edit, name="unit-new"),
    path("dashboard/<gss:gss>/needs/accommodation/<int:pk>/", views.unit_edit, name="unit-edit"),
    path("dashboard/<gss:gss>/needs/assessment/new/", views.assessment_add, name="assessment-new"),
    path("dashboard/<gss:gss>/annual-return/", views.annual, name="annual"),
    path("dashboard/<gss:gss>/impact/", views.impact, name="impact"),
    path("dashboard/<gss:gss>/impact/pdf/", views.impact_pdf, name="impact-pdf"),
]
