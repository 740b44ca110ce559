from django.urls import path

from . import views

app_name = "voice"

urlpatterns = [
    # public: no sign-in, no cookie (see views.feedback)
    path("feedback/<token:token>/", views.feedback, name="feedback"),
    path("survivor-voice/", views.index, name="index"),
    path("boards/<slug:slug>/reference-group/", views.group, name="group"),
    path("boards/<slug:slug>/reference-group/edit/", views.group_edit, name="group-edit"),
    path("boards/<slug:slug>/reference-group/members/new/", views.member_add, name="member-add"),
    path("boards/<slug:slug>/reference-group/meetings/new/", views.meeting_add, name="meeting-add"),
    path("boards/<slug:slug>/reference-group/feedback/new/", views.report_add, name="report-add"),
    path("boards/<slug:slug>/reference-group/papers/", views.papers, name="papers"),
    path("councils/<gss:gss>/feedback/", views.summary, name="summary"),
    path("councils/<gss:gss>/feedback/review/", views.review_list, name="review-list"),
    path("councils/<gss:gss>/feedback/review/<int:pk>/", views.review, name="review"),
    path("councils/<gss:gss>/feedback/forms/new/", views.form_new, name="form-new"),
    path("contracts/<ref:reference>/feedback/", views.service, name="service"),
]
