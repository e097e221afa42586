"""schema.org data of a public profile for search engines (rendered with core's json_ld tag, as
the event page does): an Organization with the person as its member, its topics, offers and needs.
Only what the page shows publicly; never the e-mail address or the phone number."""

from revier.network.directory import ProfilePage
from revier.network.models import Region


def profile_json_ld(*, request, page: ProfilePage) -> dict:
    profile = page.profile
    url = request.build_absolute_uri(profile.get_absolute_url())
    person = {
        "@type": "Person",
        "name": profile.full_name,
        "url": url,
        **({"jobTitle": profile.function} if profile.function else {}),
    }
    address = {
        "@type": "PostalAddress",
        "addressRegion": str(Region(profile.region).label),
        "addressCountry": "DE",
        **({"addressLocality": profile.district} if profile.district else {}),
    }

    def item(entry) -> dict:
        return {"@type": "Service", "name": entry.title, **({"description": entry.text} if entry.text else {})}

    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": profile.organisation,
        "description": profile.description,
        "address": address,
        "member": [person],
        "knowsAbout": [topic.name for topic in page.topics],
        "makesOffer": [{"@type": "Offer", "itemOffered": item(entry)} for entry in page.offers],
        "seeks": [{"@type": "Demand", "itemOffered": item(entry)} for entry in page.needs],
        "mainEntityOfPage": url,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
