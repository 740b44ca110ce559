from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("boards/<slug:slug>/meetings/", views.meeting_list, name="meeting-list"),
    path("boards/<slug:slug>/meetings/new/", views.meeting_schedule, name="meeting-schedule"),
    path("boards/<slug:slug>/actions/", views.action_list, name="action-list"),
    path("boards/<slug:slug>/attendance/", views.attendance_statistics, name="attendance-statistics"),
    path("boards/<slug:slug>/interests/", views.interests, name="interests"),
    path("boards/<slug:slug>/terms-of-reference/", views.terms, name="terms"),
    path("boards/<slug:slug>/forward-plan/", views.forward_plan, name="forward-plan"),
    path("boards/<slug:slug>/search/", views.search, name="search"),
    path("boards/<slug:slug>/retention/", views.retention_review, name="retention"),
    path("boards/<slug:slug>/calendar/<str:token>.ics", views.board_feed, name="board-feed"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting-ics"),
    path("meetings/<int:pk>/agenda/draft/", views.agenda_draft, name="agenda-draft"),
    path("meetings/<int:meeting_pk>/items/new/", views.item_edit, name="item-add"),
    path("meetings/<int:pk>/publish/", views.publish_pack, name="publish-pack"),
    path("meetings/<int:pk>/pack.pdf", views.pack_download, name="pack"),
    path("meetings/<int:pk>/pack-with-closed-part.pdf", views.pack_download, {"full": True}, name="pack-full"),
    path("meetings/<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("meetings/<int:pk>/minutes/start/", views.minutes_start, name="minutes-start"),
    path("meetings/<int:pk>/minutes/circulate/", views.minutes_circulate, name="minutes-circulate"),
    path("meetings/<int:pk>/minutes/confirm/", views.minutes_confirm, name="minutes-confirm"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_file, {"fmt": "pdf"}, name="minutes-pdf"),
    path("meetings/<int:pk>/minutes.docx", views.minutes_file, {"fmt": "docx"}, name="minutes-docx"),
    path("meetings/<int:pk>/recordings/", views.recording_add, name="recording-add"),
    path("items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/move/", views.item_move, name="item-move"),
    path("items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("items/<int:pk>/papers/new/", views.paper_add, name="paper-add"),
    path("papers/<int:pk>/", views.paper_download, name="paper"),
    path("minutes/<int:pk>/edit/", views.minute_edit, name="minute-edit"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
]
