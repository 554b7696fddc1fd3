from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from core.views import healthz

admin.site.site_header = "Grønne anskaffelser – administrasjon"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The language can be switched before logging in, from the login page.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("konto/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("kriterier/", include("criteria.urls")),
    path("anskaffelser/", include("procurement.urls")),
    path("oppfolging/", include("suppliers.urls")),
    # The supplier answer page: token links e-mailed with a letter, no account.
    path("svar/", include("suppliers.follow_up.answer_page.urls")),
    path("batterikjeder/", include("battery_chain.urls")),
    path("rapporter/", include("reporting.urls")),
    path("", include("core.urls")),
]
