from django.urls import path

from . import views

urlpatterns = [
    path("", views.toolkit_home, name="toolkit_home"),
]
