from django.urls import path

from . import views

urlpatterns = [
    path("", views.toolkit_home, name="toolkit_home"),
    path("<int:store_id>/", views.toolkit_store, name="toolkit_store"),
    path("<int:store_id>/all/", views.toolkit_all, name="toolkit_all"),
    path("<int:store_id>/download/<slug:item>/", views.toolkit_download, name="toolkit_download"),
    path("<int:store_id>/preview/<slug:item>.png", views.toolkit_preview, name="toolkit_preview"),
]
