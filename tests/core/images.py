"""Images for the logo tests, made with Pillow in memory, and an organisation logo stored the product's way."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="PNG", size=(240, 80), color=(20, 110, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def give_logo(org, user=None, size=(300, 100)):
    from core import services
    from core.logos import check_logo

    upload = SimpleUploadedFile("logo.png", image_bytes(size=size), content_type="image/png")
    return services.set_logo(organization=org, user=user, checked=check_logo(upload))
