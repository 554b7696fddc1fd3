"""The shared view plumbing: pagination context, refusals, the service-call helper, the confirm page."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.http import attempt, confirm, is_htmx, paginate, refuse


def _request(path="/", **headers):
    request = RequestFactory().get(path, **headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_paginate_gives_the_page_and_keeps_the_filters_without_the_page_number():
    listing = paginate(_request("/?q=batteri&side=2"), list(range(60)), size=25)
    assert listing["page"].number == 2
    assert list(listing["page"].object_list) == list(range(25, 50))
    assert listing["query"] == "q=batteri"
    assert listing["filtered"] is True


def test_paginate_without_filters_is_not_filtered_and_a_bad_page_number_gives_the_first_page():
    listing = paginate(_request("/?side=abc"), list(range(3)))
    assert listing["page"].number == 1
    assert listing["filtered"] is False


def test_refuse_shows_every_message_and_redirects():
    request = _request()
    response = refuse(request, ValidationError(["Første feil.", "Andre feil."]), "/tilbake/")
    assert response.status_code == 302 and response["Location"] == "/tilbake/"
    assert [str(m) for m in get_messages(request)] == ["Første feil.", "Andre feil."]


def test_is_htmx_reads_the_hx_request_header():
    assert is_htmx(_request(HTTP_HX_REQUEST="true"))
    assert not is_htmx(_request())


class _Form(forms.Form):
    name = forms.CharField()


def test_attempt_returns_the_result_or_puts_the_refusal_on_the_form():
    form = _Form({"name": "x"})
    assert form.is_valid()
    assert attempt(form, lambda: 42) == 42

    def refusing():
        raise ValidationError("Tjenesten sa nei.")

    assert attempt(form, refusing) is None
    assert form.non_field_errors() == ["Tjenesten sa nei."]


def test_confirm_page_posts_back_and_offers_a_way_out():
    response = confirm(
        _request(), title="Slette?", question="Dette kan ikke angres.", confirm_label="Slett", cancel_url="/avbryt/"
    )
    html = response.content.decode()
    assert '<form method="post">' in html and "btn-danger" in html and 'href="/avbryt/"' in html
    calm = confirm(_request(), title="Lukke?", question="?", confirm_label="Lukk", cancel_url="/", danger=False)
    assert "btn-primary" in calm.content.decode()
