"""The supplier answer page: no account, the token in the URL is the key.

Every request is logged (AnswerLinkVisit) and counted against a per-address
limit before the token is even looked up, so guessing is slow and visible.
A link that is unknown, expired, revoked or already used shows a page that
says so and nothing else. The page shows only the letter and the supplier's
own draft; nothing else of the buyer's case.
"""

import contextlib

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from suppliers.follow_up import due_diligence, transparency_act
from suppliers.follow_up.answer_page import services, tokens
from suppliers.follow_up.answer_page.forms import AnswerForm, ExtensionForm, FileForm, RefusalForm
from suppliers.models import AnswerLinkVisit, RequestType

A = AnswerLinkVisit.Action
DENIED_STATUS = {"unknown": 404, "expired": 410, "revoked": 410, "submitted": 200}


def _throttled(request) -> bool:
    key = f"answer_page:{services.client_ip(request)}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > settings.ANSWER_PAGE_RATE_PER_MINUTE


def _harden(response):
    # The token is in the URL: never send it to another site as a Referer (same-origin, not no-referrer:
    # with no-referrer the browser sends "Origin: null" and the CSRF check refuses every form), never index it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def token_view(view):
    """Throttle, find the link, log, and render refusals; the view gets (request, link)."""

    @login_not_required
    @never_cache
    def wrapper(request, token, *args, **kwargs):
        if _throttled(request):
            services.log(request, None, A.THROTTLED)
            with translation.override("nb"):
                return _harden(render(request, "suppliers/answer_page/throttled.html", status=429))
        link = tokens.find(token)
        state = link.state if link else "unknown"
        if state != "open":
            services.log(request, link, A.DENIED, state)
            with translation.override(link.language if link else "nb"):
                return _harden(
                    render(
                        request,
                        "suppliers/answer_page/denied.html",
                        {"state": state, "lang": link.language if link else "nb"},
                        status=DENIED_STATUS[state],
                    )
                )
        with translation.override(link.language):
            return _harden(view(request, link, token, *args, **kwargs))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _transparency_act(req) -> dict:
    """For a § 6 request: the last day to give notice and the deadline it would move to."""
    if req.request_type != RequestType.TRANSPARENCY_ACT or not req.sent_on:
        return {"is_transparency_act": False}
    received = req.received_on or req.sent_on
    periods = transparency_act.periods_on(received)
    last_day = transparency_act.answer_due(received, periods)
    return {
        "is_transparency_act": True,
        "extension_last_day": last_day,
        "extended_deadline": transparency_act.extended_due(received, periods),
        "may_give_notice": not req.extension_notified_on and timezone.localdate() <= last_day,
    }


def _page(request, link, token, *, form=None, file_form=None, extension_form=None, refusal_form=None, status=200):
    req = link.request
    if form is None:
        initial = {f"answer_{i}": a for i, a in enumerate(link.draft_answers)}
        initial["text"] = link.draft_text
        form = AnswerForm(initial=initial, questions=req.questions)
    return render(
        request,
        "suppliers/answer_page/answer.html",
        {
            "link": link,
            "token": token,
            "req": req,
            "organization": req.case.organization,
            "co_signers": req.co_signers.order_by("name"),
            "supplier": req.case.supplier,
            "deadline": req.deadline,
            "form": form,
            "file_form": file_form or FileForm(),
            "extension_form": extension_form or ExtensionForm(),
            "refusal_form": refusal_form or RefusalForm(),
            "files": link.files.all(),
            "lang": link.language,
            "accepts_answers": req.status in due_diligence.ANSWERABLE,
            "max_size": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            **_transparency_act(req),
            "note": request.GET.get("melding", "") if request.method == "GET" else "",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@token_view
def answer(request, link, token):
    """GET: the letter and the form. POST: save the draft (action=save) or submit (action=submit)."""
    if request.method == "GET":
        services.opened(request, link)
        return _page(request, link, token)
    form = AnswerForm(request.POST, questions=link.request.questions)
    if not form.is_valid():
        return _page(request, link, token, form=form, status=400)
    submitting = request.POST.get("action") == "submit"
    try:
        if submitting:
            services.submit(link=link, answers=form.answers(), text=form.cleaned_data["text"])
        else:
            services.save_draft(link=link, answers=form.answers(), text=form.cleaned_data["text"])
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _page(request, link, token, form=form, status=400)
    services.log(request, link, A.SUBMIT if submitting else A.SAVE)
    if submitting:
        return render(request, "suppliers/answer_page/thanks.html", {"lang": link.language, "req": link.request})
    return _redirect_with_note(token, "lagret")


def _redirect_with_note(token, note):
    return redirect(f"{_answer_path(token)}?melding={note}")


def _answer_path(token):
    return reverse("answer_page:answer", args=[token])


@require_POST
@token_view
def upload(request, link, token):
    file_form = FileForm(request.POST, request.FILES)
    if file_form.is_valid():
        try:
            added = services.add_file(
                link=link, uploaded=file_form.cleaned_data["file"], kind=file_form.cleaned_data["kind"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                file_form.add_error("file", message)
        else:
            services.log(request, link, A.UPLOAD, added.original_name)
            return _redirect_with_note(token, "fil")
    services.log(request, link, A.REFUSED_UPLOAD, str(request.FILES.get("file", ""))[:200])
    return _page(request, link, token, file_form=file_form, status=400)


@require_POST
@token_view
def remove_file(request, link, token, file_id):
    with contextlib.suppress(ValidationError):  # already gone: the page shows what is left
        services.remove_file(link=link, file_id=file_id)
    services.log(request, link, A.REMOVE_FILE, str(file_id))
    return _redirect_with_note(token, "fjernet")


@require_POST
@token_view
def extension(request, link, token):
    extension_form = ExtensionForm(request.POST)
    if extension_form.is_valid():
        try:
            services.request_extension(link=link, reason=extension_form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                extension_form.add_error("reason", message)
        else:
            services.log(request, link, A.EXTENSION)
            return _redirect_with_note(token, "utsettelse")
    return _page(request, link, token, extension_form=extension_form, status=400)


@require_POST
@token_view
def refusal(request, link, token):
    """Åpenhetsloven § 6: the supplier refuses on one of the law's grounds; the link is then spent."""
    refusal_form = RefusalForm(request.POST)
    if refusal_form.is_valid():
        try:
            services.refuse_request(
                link=link, ground=refusal_form.cleaned_data["ground"], note=refusal_form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                refusal_form.add_error(None, message)
        else:
            services.log(request, link, A.REFUSAL)
            return render(
                request,
                "suppliers/answer_page/thanks.html",
                {"lang": link.language, "req": link.request, "refused": True},
            )
    return _page(request, link, token, refusal_form=refusal_form, status=400)
