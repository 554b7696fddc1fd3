"""The organisation's logo: uploaded by its admin as a checked image, shown only to its members, printed in its documents."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.models import OrganizationLogo
from core.roles import Role
from tests.conftest import client_for
from tests.core.images import image_bytes

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def upload(name="logo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type=content_type)


def post_logo(client, file):
    return client.post(reverse("core:logo"), {"image": file})


@pytest.fixture
def admin(users):
    return client_for(users[Role.ORG_ADMIN])


def test_admin_uploads_a_png_and_it_is_stored_with_a_history_row(admin, org, users):
    response = post_logo(admin, upload())
    assert response.status_code == 302, response.content.decode()[:1500]
    logo = OrganizationLogo.objects.get(organization=org)
    assert (logo.width, logo.height) == (240, 80)
    with logo.image.open("rb") as handle:
        assert handle.read(8) == PNG_SIGNATURE
    assert "logo.png" not in logo.image.name, "the storage name is generated, never the user's"
    history = list(logo.history.all())
    assert len(history) == 1 and history[0].history_user == users[Role.ORG_ADMIN]


def test_a_jpeg_is_accepted_and_stored_as_png(admin, org):
    response = post_logo(admin, upload("logo.jpg", image_bytes("JPEG"), "image/jpeg"))
    assert response.status_code == 302
    with OrganizationLogo.objects.get(organization=org).image.open("rb") as handle:
        assert handle.read(8) == PNG_SIGNATURE


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"MZ\x90\x00 this is a program, not a picture" * 20),  # a non-image renamed .png
        ("logo.png", PNG_SIGNATURE + b"\x00" * 400),  # the right first bytes, but no image behind them
        ("logo.png", image_bytes("JPEG")),  # a JPEG named .png
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'),
        ("logo.gif", image_bytes("GIF")),
    ],
    ids=["renamed-non-image", "broken-png", "jpeg-named-png", "svg", "gif"],
)
def test_what_is_not_a_real_png_or_jpeg_is_refused(admin, org, name, content):
    response = post_logo(admin, upload(name, content))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not OrganizationLogo.objects.exists()


def test_an_oversize_file_is_refused(admin, settings):
    settings.LOGO_MAX_BYTES = 2_000
    noisy = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    out = io.BytesIO()
    noisy.save(out, "PNG")
    assert len(out.getvalue()) > 2_000
    response = post_logo(admin, upload(content=out.getvalue()))
    assert response.status_code == 200 and "for stor" in response.content.decode()
    assert not OrganizationLogo.objects.exists()


def test_an_image_with_too_many_pixels_is_refused(admin):
    response = post_logo(admin, upload(content=image_bytes(size=(6000, 20))))
    assert response.status_code == 200 and "piksler" in response.content.decode()
    assert not OrganizationLogo.objects.exists()


def test_a_large_image_is_scaled_down_for_the_documents(admin, org):
    assert post_logo(admin, upload(content=image_bytes(size=(3000, 1000)))).status_code == 302
    logo = OrganizationLogo.objects.get(organization=org)
    assert max(logo.width, logo.height) <= 1200 and logo.width == 3 * logo.height


def test_only_the_admin_may_change_the_logo(users):
    buyer = client_for(users[Role.BUYER])
    assert buyer.get(reverse("core:logo")).status_code == 403
    assert post_logo(buyer, upload()).status_code == 403
    assert not OrganizationLogo.objects.exists()


def test_replacing_asks_for_confirmation_first(admin, org, django_capture_on_commit_callbacks):
    post_logo(admin, upload())
    first = OrganizationLogo.objects.get(organization=org)
    old_name = first.image.name

    response = post_logo(admin, upload(content=image_bytes(size=(300, 100), color=(200, 0, 0))))
    assert response.status_code == 302 and response["Location"] == reverse("core:logo_replace")
    first.refresh_from_db()
    assert first.image.name == old_name, "nothing changes before the confirmation"
    page = admin.get(reverse("core:logo_replace"))
    assert page.status_code == 200 and "Erstatte logoen?" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(reverse("core:logo_replace")).status_code == 302
    first.refresh_from_db()
    assert (first.width, first.height) == (300, 100) and first.image.name != old_name
    assert not first.image.storage.exists(old_name), "the replaced file is deleted"
    assert first.history.count() == 2


def test_removing_asks_for_confirmation_and_keeps_the_history(admin, org, django_capture_on_commit_callbacks):
    post_logo(admin, upload())
    logo = OrganizationLogo.objects.get(organization=org)
    name = logo.image.name
    page = admin.get(reverse("core:logo_remove"))
    assert page.status_code == 200 and "Fjerne logoen?" in page.content.decode()
    assert OrganizationLogo.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(reverse("core:logo_remove")).status_code == 302
    assert not OrganizationLogo.objects.exists()
    assert not logo.image.storage.exists(name)
    assert OrganizationLogo.history.filter(organization_id=org.pk, history_type="-").count() == 1


def test_members_see_the_logo_and_outsiders_get_404(admin, org, users, outsider):
    post_logo(admin, upload())
    logo = OrganizationLogo.objects.get(organization=org)
    url = reverse("core:logo_image", kwargs={"logo_id": logo.pk})
    response = client_for(users[Role.READ_ONLY]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == PNG_SIGNATURE
    assert client_for(outsider).get(url).status_code == 404
