from django.urls import path

from . import views

app_name = "commissioning"

urlpatterns = [
    path("contracts/", views.contract_list, name="contract-list"),
    path("contracts/<str:reference>/", views.contract_detail, name="contract-detail"),
    path("contracts/<str:reference>/options/<int:order>/", views.extension_decide, name="extension-decide"),
    path("money/", views.money_index, name="money-index"),
    path("money/<str:gss>/", views.money, name="money"),
    path("money/<str:gss>/paper.pdf", views.money_pdf, name="money-pdf"),
    path("money/<str:gss>/contracts-ocds.json", views.ocds, name="ocds"),
    path("money/<str:gss>/contracts/new/", views.contract_new, name="contract-new"),
    path("money/<str:gss>/lots/<int:pk>/", views.lot_award, name="lot-award"),
    path("money/<str:gss>/settings/", views.council_settings, name="council-settings"),
    path("money/<str:gss>/commitments/new/", views.commitment_new, name="commitment-new"),
    path("money/<str:gss>/posts/", views.posts, name="posts"),
    path("money/<str:gss>/posts/paper.pdf", views.posts_pdf, name="posts-pdf"),
    path("money/<str:gss>/posts/new/", views.post_new, name="post-new"),
    path("money/<str:gss>/posts/<int:pk>/", views.post_status, name="post-status"),
    path("money/<str:gss>/districts/<str:district>/<str:year>/", views.district_plan, name="district-plan"),
    path("money/<str:gss>/new/<slug:kind>/", views.money_entry, name="money-entry"),
    path("money/<str:gss>/new/<slug:kind>/<int:pk>/", views.child_entry, name="child-entry"),
]
