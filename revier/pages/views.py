from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from revier.pages.models import Page


@require_safe
def page_detail(request, slug):
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise Http404("no such page")
    return render(request, "pages/page_detail.html", {"page": page})


def report_barrier(request):
    raise Http404("not yet")


def contact(request):
    raise Http404("not yet")
