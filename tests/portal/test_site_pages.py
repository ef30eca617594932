"""The privacy notice, contact page and accessibility statement: pages staff write in the admin, shown as
sanitised HTML and linked in every footer."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.models import SitePage
from tests.html import parse

pytestmark = pytest.mark.django_db

PAGES = [("privacy", "Privacy notice"), ("contact", "Contact"), ("accessibility", "Accessibility statement")]


@pytest.mark.parametrize(("key", "title"), PAGES)
def test_each_page_is_there_from_the_start_and_linked_in_the_footer(client, key, title):
    page = SitePage.objects.get(key=key)
    response = client.get(page.get_absolute_url())
    html = parse(response.content)
    assert response.status_code == 200 and html.find("h1").text == title == page.title
    footer = html.find("footer")
    assert [(a.text, a.attrs["href"]) for a in footer.find_all("a") if a.text == title] == [
        (title, page.get_absolute_url())
    ]


def test_a_page_shows_what_staff_wrote_as_sanitised_html(client):
    SitePage.objects.filter(key="contact").update(
        title="Write to us",
        body='Email **the secretariat**.\n\n<script>alert(1)</script><a href="javascript:alert(1)">x</a>',
    )
    response = client.get(reverse("page-contact"))
    content = parse(response.content).find("div", class_="content")
    assert content.find("strong").text == "the secretariat"
    body = response.content.decode()
    assert "<script>alert" not in body and "javascript:alert" not in body
    assert parse(response.content).find("h1").text == "Write to us"


def test_a_missing_page_is_not_found(client):
    SitePage.objects.filter(key="accessibility").delete()
    assert client.get(reverse("page-accessibility")).status_code == 404


def test_staff_edit_a_page_in_the_admin_but_never_add_or_remove_one(staff_client):
    page = SitePage.objects.get(key="privacy")
    url = reverse("admin:portal_sitepage_change", args=[page.pk])
    # Each language side by side; one left empty shows the English.
    response = staff_client.post(
        url,
        {
            "title_en": "Privacy",
            "body_en": "We keep little.",
            "title_fr": "Confidentialité",
            "body_fr": "Nous gardons peu de chose.",
            "title_es": "",
            "body_es": "",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.key, page.title, page.body) == ("privacy", "Privacy", "We keep little.")
    with translation.override("fr"):
        assert (page.title, page.body) == ("Confidentialité", "Nous gardons peu de chose.")
    with translation.override("es"):
        assert (page.title, page.body) == ("Privacy", "We keep little.")
    assert staff_client.get(reverse("admin:portal_sitepage_add")).status_code == 403
    assert staff_client.get(reverse("admin:portal_sitepage_delete", args=[page.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_site_pages_changelist_query_budget(staff_client, rows, django_assert_num_queries):
    SitePage.objects.exclude(key__in=[key for key, _title in PAGES[:rows]]).delete()
    with django_assert_num_queries(5):
        response = staff_client.get(reverse("admin:portal_sitepage_changelist"))
    titles = [a.text for a in parse(response.content).find_all("th", class_="field-title")]
    assert sorted(titles) == sorted(title for _key, title in PAGES[:rows])


def test_missing_pages_are_put_back_with_their_first_text_and_written_ones_kept():
    from portal.services import site_pages_ensure

    SitePage.objects.filter(key="contact").update(title="Write to us")
    SitePage.objects.filter(key="privacy").delete()
    site_pages_ensure()
    assert dict(SitePage.objects.values_list("key", "title")) == {
        "privacy": "Privacy notice",
        "contact": "Write to us",
        "accessibility": "Accessibility statement",
    }


def test_a_page_in_its_first_wording_reads_in_french_and_spanish_and_a_rewritten_one_gets_no_old_translation():
    from portal.services import site_pages_ensure

    SitePage.objects.all().delete()
    SitePage.objects.create(key="contact", title="Write to us", body="By post only.")
    site_pages_ensure()
    pages = {page.key: page for page in SitePage.objects.all()}
    with translation.override("fr"):
        assert pages["privacy"].title == "Politique de confidentialité"
        assert pages["accessibility"].body.startswith("Nous visons la conformité aux Règles pour l'accessibilité")
        assert (pages["contact"].title, pages["contact"].body) == ("Write to us", "By post only.")
    with translation.override("es"):
        assert pages["contact"].title == "Write to us"
        assert pages["privacy"].body.startswith("## Lo que conservamos")
