"""The app's URLs plus the two reference views bench/scale.py compares every page with."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok")


def shell(request):
    # base.html with no content: navigation, messages, the organisation switcher.
    return render(request, "base.html", {})


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/shell/", shell),
    path("", include("config.urls")),
]
