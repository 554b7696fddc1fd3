"""The forms a page shows, read from its HTML, so tests can post them back with odd values."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # the input type, "textarea" or "select"
    value: str = ""
    chosen: bool = False  # a select's value came from an option marked selected


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._select_options = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(action=a.get("action") or "", method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        if tag == "option":
            # Options carry no name of their own: the select they sit in takes the chosen one's value
            # (the first option when none is selected, as the browser does).
            first = self._select is not None and not self._select_options
            if self._select is not None and "disabled" not in a:
                self._select_options += 1
                if not self._select.chosen and ("selected" in a or first):
                    self._select.value = a.get("value", "")
                    self._select.chosen = "selected" in a
            return
        if self._form is None or not a.get("name") or "disabled" in a:
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append(Field(a["name"], kind, a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select")
            self._select_options = 0
            self._form.fields.append(self._select)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            # A browser drops the one newline right after <textarea> (HTML's parsing rule).
            if not self._textarea.value and data.startswith("\n"):
                data = data[1:]
            self._textarea.value += data


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
