from django.urls import path

from .views import admin, auth, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-in/code/", auth.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up-two-factor/", auth.two_factor_setup, name="two-factor-setup"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("account/", auth.account, name="account"),
    path("account/recovery-codes/", auth.recovery_codes, name="recovery-codes"),
    path("account/recovery-codes/new/", auth.recovery_codes_new, name="recovery-codes-new"),
    path("account/api-tokens/", auth.api_tokens, name="api-tokens"),
    path("account/calendar-links/", auth.feed_links, name="feed-links"),
    path("boards/", pages.board_list, name="board-list"),
    path("boards/<slug:slug>/", pages.board_detail, name="board-detail"),
    path("councils/<gss:gss_code>/", pages.council_detail, name="council-detail"),
    path("directory/", pages.organisation_list, name="organisation-list"),
    path("directory/<slug:slug>/", pages.organisation_detail, name="organisation-detail"),
    path("admin/users/", admin.user_list, name="user-list"),
    path("admin/users/new/", admin.user_create, name="user-create"),
    path("admin/users/<int:pk>/", admin.user_detail, name="user-detail"),
    path("admin/users/<int:pk>/roles/<int:assignment_pk>/remove/", admin.user_role_remove, name="user-role-remove"),
    path("admin/users/<int:pk>/roles/<int:assignment_pk>/approve/", admin.user_role_approve,
         name="user-role-approve"),
    path("admin/users/<int:pk>/active/", admin.user_set_active, name="user-set-active"),
    path("admin/users/<int:pk>/two-factor/reset/", admin.user_two_factor_reset, name="user-two-factor-reset"),
    path("admin/audit/", admin.audit_list, name="audit-list"),
    path("admin/audit/export.csv", admin.audit_export, name="audit-export"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("healthz", pages.healthz, name="healthz"),
]
