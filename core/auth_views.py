"""Login and password reset with the limits the shared auth views lack.

Login: the user name and password are bounded before authentication (Django's
login form sets the user name's max_length after the field is built, so the
length is never checked and django-axes tries to store any length), and one
client address may fail only so many times across all user names (axes locks
per user name and address; this catches one address trying many names).

Password reset: a limited number of requests per client address and per
e-mail address, so nobody can flood an officer's inbox or our mail server.
"""

import hashlib
from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from core import ratelimit

PASSWORD_MAX_LENGTH = 4096


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["password"].max_length = PASSWORD_MAX_LENGTH
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))

    def clean(self):
        if self.errors:  # a field failed: do not try to authenticate with what is left
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return super().clean()


def address_locked(request) -> bool:
    """Has this client address failed more than AXES_IP_FAILURE_LIMIT times, over every user name, lately?"""
    address = get_client_ip_address(request)
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.AXES_IP_FAILURE_LIMIT


class LoginView(auth_views.LoginView):
    form_class = LoginForm

    def post(self, request, *args, **kwargs):
        if address_locked(request):
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    def post(self, request, *args, **kwargs):
        address = get_client_ip_address(request) or "unknown"
        if not ratelimit.hit(
            "password-reset-address",
            address,
            limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        ):
            return render(request, "registration/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        key = hashlib.sha256(email.encode()).hexdigest()
        if not ratelimit.hit(
            "password-reset-email",
            key,
            limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        ):
            # Same answer as a sent link, so the page reveals nothing about the address.
            return super(auth_views.PasswordResetView, self).form_valid(form)
        return super().form_valid(form)
