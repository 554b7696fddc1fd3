from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Brønnøysundregistrene's weights for the modulus-11 check digit of an
# organisasjonsnummer (nine digits, the last one being the check digit).
_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def orgnr_check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None where no valid digit exists."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, _ORGNR_WEIGHTS, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def normalize_orgnr(value: str) -> str:
    return "".join(str(value).split())


def validate_orgnr(value: str) -> None:
    number = normalize_orgnr(value)
    if len(number) != 9 or not number.isdigit():
        raise ValidationError(_("Organisasjonsnummeret må bestå av ni sifre."), code="orgnr_format")
    if orgnr_check_digit(number[:8]) != int(number[8]):
        raise ValidationError(
            _("Organisasjonsnummeret %(number)s har feil kontrollsiffer. Sjekk at det er skrevet riktig."),
            code="orgnr_checksum",
            params={"number": number},
        )
