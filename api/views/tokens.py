"""The organisation administrator's page for API tokens: make one (the secret is shown once), revoke one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from api import services
from api.access import token_for
from api.models import ApiToken
from core.access import capability_required, scoped
from core.http import confirm, show_refusal
from core.roles import Capability


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Navn på nøkkelen"),
        max_length=100,
        help_text=gettext_lazy("Hva eller hvem nøkkelen er til, for eksempel «Statistikk til KS»."),
    )


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(
                organization=request.organization, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("Nøkkelen «%(name)s» er laget.") % {"name": token.name})
            form = TokenForm()
    tokens = scoped(request, ApiToken).select_related("created_by", "revoked_by")
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": tokens,
            "docs_url": reverse("api:docs"),
            "api_root": request.build_absolute_uri(reverse("api:procurements")),
        },
    )
    if secret:
        response["Cache-Control"] = "no-store"  # the page holds the secret
    return response


@capability_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id):
    token = token_for(request, token_id, write=True)
    if request.method == "POST":
        try:
            services.revoke_token(token=token, user=request.user)
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Nøkkelen «%(name)s» er trukket tilbake.") % {"name": token.name})
        return redirect("api_tokens:list")
    return confirm(
        request,
        title=_("Trekke tilbake nøkkelen?"),
        question=_("Programmer som bruker «%(name)s» (%(prefix)s…) får ikke lenger tilgang. Det kan ikke angres.")
        % {"name": token.name, "prefix": token.prefix},
        confirm_label=_("Trekk tilbake"),
        cancel_url=reverse("api_tokens:list"),
    )
