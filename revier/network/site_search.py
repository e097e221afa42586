"""The network's public profiles in the portal's search (core.site_search): the directory's own
search (network.directory.profile_directory_page, network.search: a profile's text holds its offers
and needs), public profiles only (confirmed, public, not hidden by staff), their public fields only."""

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from revier.core.choices import Sector
from revier.core.site_search import SearchHit, SearchResults
from revier.core.text import german_content_lang
from revier.network import directory
from revier.network.models import Profile, ProfileEntry, Region
from revier.network.selectors import profile_public_q


class ProfileSearch:
    kind = "netzwerk"
    label = _("Network profiles")
    list_url_name = "network:directory"
    position = 50

    def search(self, *, query: str, number: int, per_page: int, with_hits: bool = True) -> SearchResults:
        page = directory.profile_directory_page(
            directory_filter=directory.DirectoryFilter(query=query), number=number, per_page=per_page, teasers=True,
        )
        kinds, regions = dict(Sector.choices), dict(Region.choices)
        offers, needs = gettext("Offers:"), gettext("Looking for:")
        hits = []
        for row in page.rows if with_hits else ():
            parts = [", ".join(part for part in (row.function, row.organisation) if part)]
            if row.offer_titles:
                parts.append(f"{offers} {'; '.join(row.offer_titles)}")
            if row.need_titles:
                parts.append(f"{needs} {'; '.join(row.need_titles)}")
            hits.append(SearchHit(
                title=f"{row.first_name} {row.last_name}",
                url=reverse("network:profile", kwargs={"pk": row.pk}),
                text=" · ".join(part for part in parts if part),
                meta=f"{kinds.get(row.kind, row.kind)} · {regions.get(row.region, row.region)}",
                text_lang=german_content_lang(),
            ))
        return SearchResults(page.count, page.number, tuple(hits))

    def vocabulary(self):
        yield from Profile.objects.filter(profile_public_q()).values_list("organisation", flat=True)
        yield from ProfileEntry.objects.filter(
            profile__status=Profile.Status.CONFIRMED, profile__visibility=Profile.Visibility.PUBLIC,
            profile__hidden_by_staff=False,
        ).values_list("title", flat=True)
