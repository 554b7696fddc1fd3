"""The English and nynorsk catalogues cover every Norwegian (bokmål) string in code and templates."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.conftest import skip_or_fail

LANGUAGES = ["en", "nn"]


def _catalogue(base, lang: str) -> Path:
    return Path(base) / "locale" / lang / "LC_MESSAGES" / "django.po"


def _missing(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_catalogue_is_fully_translated(lang):
    assert _missing(polib.pofile(str(_catalogue(settings.BASE_DIR, lang)))) == []


@pytest.mark.integration
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    """Extracts the strings afresh (into a copy) and checks each has an English and a nynorsk text."""
    if not shutil.which("xgettext"):
        skip_or_fail("xgettext (GNU gettext) is not installed")
    # makemessages writes next to the sources it reads, so it runs on a copy.
    copy = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "var", "tests", "bench", "vendor", "*.mo", "__pycache__"),
    )
    settings.LOCALE_PATHS = [str(copy / "locale")]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=LANGUAGES, no_obsolete=True, verbosity=0)
    for lang in LANGUAGES:
        missing = _missing(polib.pofile(str(_catalogue(copy, lang))))
        assert missing == [], f"{len(missing)} string(s) lack {lang}: run `make messages` and translate {missing[:5]}"
