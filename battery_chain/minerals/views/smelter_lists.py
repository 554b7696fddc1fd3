"""RMI's smelter reference lists: everyone sees which lists imports are checked against; library editors load them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from battery_chain.access import is_library_editor, require_library
from battery_chain.minerals.errors import FileRefused
from battery_chain.minerals.forms import ReferenceListForm
from battery_chain.minerals.reference_lists import describe, load_reference_list
from battery_chain.models import SmelterReferenceList
from core.access import organization_required


@organization_required
@require_http_methods(["GET", "POST"])
def smelter_lists(request):
    is_editor = is_library_editor(request)
    form = ReferenceListForm(request.POST or None, request.FILES or None) if is_editor else None
    if request.method == "POST":
        require_library(request)
        if form.is_valid():
            try:
                loaded = load_reference_list(
                    data=form.cleaned_data["file"].read(),
                    original_name=form.cleaned_data["file"].name,
                    user=request.user,
                    released_on=form.cleaned_data["released_on"],
                )
            except FileRefused as exc:
                form.add_error("file", exc.message)
            except ValidationError as exc:
                form.add_error("released_on", exc)
            else:
                messages.success(
                    request,
                    _("Referanselisten fra %(list)s er lastet inn med %(count)s smelteverk.")
                    % {"list": describe(loaded), "count": loaded.smelter_count},
                )
                return redirect("battery_chain:minerals_smelter_lists")
    # A handful of lists per template at most: no pagination needed.
    lists = SmelterReferenceList.objects.select_related("loaded_by").order_by("template", "-released_on", "-pk")
    return render(
        request,
        "battery_chain/minerals_smelter_lists.html",
        {"lists": lists, "form": form, "is_editor": is_editor},
        status=400 if form is not None and form.errors else 200,
    )
