from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("dashboard/", views.index, name="index"),
    path("dashboard/<str:gss>/", views.dashboard, name="dashboard"),
    path("dashboard/<str:gss>/report/<str:period>/", views.report, name="report"),
    path("dashboard/<str:gss>/report/<str:period>/pdf/", views.report_pdf, name="report-pdf"),
    path("dashboard/<str:gss>/needs/", views.needs, name="needs"),
    path("dashboard/<str:gss>/needs/pdf/", views.needs_pdf, name="needs-pdf"),
    path("dashboard/<str:gss>/needs/accommodation/new/", views.unit_edit, name="unit-new"),
    path("dashboard/<str:gss>/needs/accommodation/<int:pk>/", views.unit_edit, name="unit-edit"),
    path("dashboard/<str:gss>/needs/assessment/new/", views.assessment_add, name="assessment-new"),
    path("dashboard/<str:gss>/annual-return/", views.annual, name="annual"),
    path("dashboard/<str:gss>/impact/", views.impact, name="impact"),
    path("dashboard/<str:gss>/impact/pdf/", views.impact_pdf, name="impact-pdf"),
]
