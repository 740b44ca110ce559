from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("", views.index, name="index"),
    path("compare/<gss:gss>/", views.compare, name="compare"),
    path("compare/<gss:gss>/import/", views.compare_import, name="compare-import"),
    path("targets/<gss:gss>/", views.targets, name="targets"),
    path("targets/<gss:gss>/new/", views.target_edit, name="target-new"),
    path("targets/<gss:gss>/<int:pk>/", views.target_edit, name="target-edit"),
    path("<slug:slug>/datasets/", views.datasets, name="datasets"),
    path("<slug:slug>/datasets/new/", views.dataset_new, name="dataset-new"),
    path("<slug:slug>/datasets/<slug:dataset>/", views.dataset, name="dataset"),
    path("<slug:slug>/datasets/<slug:dataset>/template.csv", views.dataset_template, name="dataset-template"),
    path("<slug:slug>/datasets/<slug:dataset>/send/", views.dataset_send, name="dataset-send"),
    path("<slug:slug>/datasets/<slug:dataset>/form/", views.dataset_fill, name="dataset-fill"),
    path("<slug:slug>/contacts/", views.contacts, name="contacts"),
    path("<slug:slug>/contacts/new/", views.contact_edit, name="contact-new"),
    path("<slug:slug>/contacts/<int:pk>/", views.contact_edit, name="contact-edit"),
    path("<slug:slug>/housing/", views.housing, name="housing"),
    path("<slug:slug>/housing/daha/new/", views.daha_edit, name="daha-new"),
    path("<slug:slug>/housing/daha/<int:pk>/", views.daha_edit, name="daha-edit"),
    path("<slug:slug>/housing/moves/new/", views.move_edit, name="move-new"),
    path("<slug:slug>/housing/moves/<int:pk>/", views.move_edit, name="move-edit"),
]
