"""The start page's tiles come from the apps' registrations; core's template names no app."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from core import home_panels


def _tile_links(client) -> list[str]:
    html = client.get(reverse("core:home")).content.decode()
    return re.findall(r'<a class="btn btn-(?:outline-)?primary" href="([^"]+)"', html)


def test_an_officer_sees_the_tiles_of_their_roles_in_order(officer_client):
    links = _tile_links(officer_client)
    assert links == [reverse("procurement:start"), reverse("battery_chain:start"), reverse("core:activity")]


def test_a_reader_sees_only_the_tiles_everyone_may_open(reader_client):
    assert _tile_links(reader_client) == [reverse("battery_chain:start"), reverse("core:activity")]


def test_an_admin_sees_the_members_tile(admin_client_org):
    assert reverse("core:members") in _tile_links(admin_client_org)


def test_every_app_tile_is_registered_and_the_home_template_links_to_no_app():
    registered = {tile.url_name.split(":")[0] for tile in home_panels._TILES}
    assert registered >= {"core", "criteria", "procurement", "suppliers", "battery_chain"}
    home = (Path(settings.BASE_DIR) / "templates" / "core" / "home.html").read_text()
    assert "{% url" not in home


def test_demo_loading_discovers_every_app_with_a_demo_module_in_dependency_order():
    from core.management.commands.load_demo import demo_modules

    labels = [label for label, _module in demo_modules()]
    assert labels == ["core", "criteria", "procurement", "suppliers", "battery_chain", "reporting", "api"]
