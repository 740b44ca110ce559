from django.urls import path

from . import views

app_name = "commissioning"

urlpatterns = [
    path("contracts/", views.contract_list, name="contract-list"),
    path("contracts/<ref:reference>/", views.contract_detail, name="contract-detail"),
    path("contracts/<ref:reference>/options/<int:order>/", views.extension_decide, name="extension-decide"),
    path("money/", views.money_index, name="money-index"),
    path("money/<gss:gss>/", views.money, name="money"),
    path("money/<gss:gss>/paper.pdf", views.money_pdf, name="money-pdf"),
    path("money/<gss:gss>/contracts-ocds.json", views.ocds, name="ocds"),
    path("money/<gss:gss>/contracts/new/", views.contract_new, name="contract-new"),
    path("money/<gss:gss>/lots/<int:pk>/", views.lot_award, name="lot-award"),
    path("money/<gss:gss>/settings/", views.council_settings, name="council-settings"),
    path("money/<gss:gss>/commitments/new/", views.commitment_new, name="commitment-new"),
    path("money/<gss:gss>/posts/", views.posts, name="posts"),
    path("money/<gss:gss>/posts/paper.pdf", views.posts_pdf, name="posts-pdf"),
    path("money/<gss:gss>/posts/new/", views.post_new, name="post-new"),
    path("money/<gss:gss>/posts/<int:pk>/", views.post_status, name="post-status"),
    path("money/<gss:gss>/districts/<gss:district>/<str:year>/", views.district_plan, name="district-plan"),
    path("money/<gss:gss>/new/<slug:kind>/", views.money_entry, name="money-entry"),
    path("money/<gss:gss>/new/<slug:kind>/<int:pk>/", views.child_entry, name="child-entry"),
]
