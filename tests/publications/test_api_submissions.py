"""A partner submits a publication the way it was made (issue 11 item 5): authors, co-publishers, topics, its
event and launch session, its file; and edits and resubmits it after staff returned it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publications import services
from publications.models import Publication
from tests import factories
from tests.api_helpers import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def oecd(make_token):
    event = factories.EventFactory(slug="oecd-forum")
    session = factories.SessionFactory(event=event)
    author = factories.PersonFactory(slug="ana-author")
    factories.OrganizationFactory(slug="igf")
    factories.TopicFactory(slug="traceability")
    auth = make_token(factories.OrganizationFactory(slug="oecd"))
    return {"event": event, "session": session, "author": author, "auth": auth}


def _submit(api_client, oecd, **extra):
    payload = {
        "title": "Handbook on traceability",
        "type": "report",
        "authors": ["ana-author"],
        "co_publishers": ["igf"],
        "topics": ["traceability"],
        "event": "oecd-forum",
        "launch_session": oecd["session"].pk,
        **extra,
    }
    return call(api_client, "post", "/api/v1/publications/", oecd["auth"], **payload)


def test_a_submission_names_authors_co_publishers_topics_event_and_launch_session(api_client, oecd):
    response = _submit(api_client, oecd)
    assert response.status_code == 201, response.content
    body = response.json()
    assert [(p["person"], p["role"]) for p in body["people"]] == [("ana-author", "author")]
    assert [(o["organization"], o["role"]) for o in body["organizations"]] == [
        ("oecd", "publisher"),
        ("igf", "publisher"),
    ]
    assert (body["topics"], body["related_events"], body["related_sessions"], body["launched_at"]) == (
        ["traceability"],
        ["oecd-forum"],
        [oecd["session"].pk],
        oecd["session"].pk,
    )


def test_a_launch_session_of_another_event_is_refused(api_client, oecd):
    other = factories.SessionFactory()
    response = _submit(api_client, oecd, launch_session=other.pk)
    assert response.status_code == 400
    assert response.json()["errors"] == {"launch_session": ["The launch session belongs to another event."]}
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.exe", b"MZ", "File extension “exe” is not allowed."),
        ("report.pdf", b"x" * (50 * 1024 * 1024 + 1), "This file is 50.0 MB; the limit is 50 MB."),
    ],
)
def test_the_file_upload_keeps_to_the_type_and_size_limits(api_client, oecd, name, content, message):
    slug = _submit(api_client, oecd).json()["slug"]
    upload = SimpleUploadedFile(name, content)
    response = api_client.post(
        f"/api/v1/publications/{slug}/file/", {"file": upload}, format="multipart", HTTP_AUTHORIZATION=oecd["auth"]
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["file"][0].startswith(message)
    assert not Publication.objects.get(slug=slug).file


def test_a_pdf_is_attached(api_client, oecd):
    slug = _submit(api_client, oecd).json()["slug"]
    upload = SimpleUploadedFile("handbook.pdf", b"%PDF-1.4 handbook", content_type="application/pdf")
    response = api_client.post(
        f"/api/v1/publications/{slug}/file/", {"file": upload}, format="multipart", HTTP_AUTHORIZATION=oecd["auth"]
    )
    assert response.status_code == 200, response.content
    download = Publication.objects.get(slug=slug).get_download_url()
    assert response.json()["file"] == f"http://testserver{download}"
    assert Publication.objects.get(slug=slug).file.read() == b"%PDF-1.4 handbook"


def test_a_returned_publication_is_edited_and_resubmitted(api_client, oecd, staff, make_token):
    slug = _submit(api_client, oecd).json()["slug"]
    publication = Publication.objects.get(slug=slug)
    services.publication_return_to_submitter(publication=publication, by=staff, reason="Add the second author")
    second = factories.PersonFactory(slug="bo-author")
    url = f"/api/v1/publications/{slug}/"
    edited = call(api_client, "patch", url, oecd["auth"], authors=["ana-author", second.slug], summary="Shorter")
    assert edited.status_code == 200, edited.content
    assert [p["person"] for p in edited.json()["people"]] == ["ana-author", "bo-author"]
    assert (edited.json()["summary"], edited.json()["status"]) == ("Shorter", "draft")
    resubmitted = call(api_client, "post", f"{url}resubmit/", oecd["auth"])
    assert (resubmitted.status_code, resubmitted.json()["status"]) == (200, "in_review")
    # Another organisation cannot touch it; once published, the submitter cannot either.
    stranger = make_token(factories.OrganizationFactory())
    assert call(api_client, "patch", url, stranger, summary="Mine now").status_code == 404
    services.publication_publish(publication=publication, by=staff)
    late = call(api_client, "patch", url, oecd["auth"], summary="Too late")
    assert (late.status_code, late.json()["detail"]) == (
        403,
        "A published or withdrawn publication is changed by the editors.",
    )


def test_an_author_the_partner_neither_sees_nor_put_on_its_sessions_is_unknown(api_client, oecd):
    factories.PersonFactory(slug="private-person", public_profile=False)
    response = _submit(api_client, oecd, authors=["private-person"])
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"authors.0": ["Object with slug=private-person does not exist."]},
    )
    assert not Publication.objects.exists()


# --- a token limited to named events submits publications of those only -------------------------------------


@pytest.fixture
def limited(oecd, make_token):
    """A token of the same organisation limited to the OECD forum, and another event it is not limited to."""
    from members.models import Organization

    other = factories.EventFactory(slug="other-forum")
    return {
        "auth": make_token(Organization.objects.get(slug="oecd"), events=[oecd["event"]]),
        "other": other,
        "other_session": factories.SessionFactory(event=other),
    }


@pytest.mark.parametrize(
    "links",
    [
        {"event": "other-forum"},
        {"launch_session": "other"},
        {"event": "oecd-forum", "launch_session": "other"},
        {},
    ],
)
def test_a_token_limited_to_an_event_cannot_submit_a_publication_of_another(api_client, oecd, limited, links):
    if links.get("launch_session") == "other":
        links["launch_session"] = limited["other_session"].pk
    payload = {"title": "Elsewhere", "type": "report", **links}
    response = call(api_client, "post", "/api/v1/publications/", limited["auth"], **payload)
    expected = (
        "This token is limited to named events: give the publication's event or launch session."
        if not links
        else "This token is limited to other events."
    )
    assert (response.status_code, response.json()["errors"]) == (403, {"event": [expected]})
    assert not Publication.objects.exists()


def test_a_token_limited_to_an_event_submits_a_publication_of_it(api_client, oecd, limited):
    for links in ({"event": "oecd-forum"}, {"launch_session": oecd["session"].pk}):
        payload = {"title": f"Handbook {len(links)}", "type": "report", **links}
        response = call(api_client, "post", "/api/v1/publications/", limited["auth"], **payload)
        assert response.status_code == 201, response.content
        assert response.json()["related_events"] == ["oecd-forum"]


def test_a_token_limited_to_an_event_cannot_move_a_publication_to_another(api_client, oecd, limited):
    slug = call(
        api_client, "post", "/api/v1/publications/", limited["auth"], title="Mine", type="report", event="oecd-forum"
    ).json()["slug"]
    moved = call(api_client, "patch", f"/api/v1/publications/{slug}/", limited["auth"], event="other-forum")
    assert (moved.status_code, moved.json()["errors"]) == (403, {"event": ["This token is limited to other events."]})
    assert list(Publication.objects.get(slug=slug).related_events.values_list("slug", flat=True)) == ["oecd-forum"]


def test_a_token_limited_to_an_event_cannot_edit_its_organisations_publication_of_another(api_client, oecd, limited):
    elsewhere = call(
        api_client, "post", "/api/v1/publications/", oecd["auth"], title="Theirs", type="report", event="other-forum"
    ).json()["slug"]
    refused = call(api_client, "patch", f"/api/v1/publications/{elsewhere}/", limited["auth"], summary="Changed")
    assert (refused.status_code, refused.json()["errors"]) == (
        403,
        {"event": ["This token is limited to other events."]},
    )
    assert Publication.objects.get(slug=elsewhere).summary == ""


# --- authors not yet in the catalogue ---------------------------------------------------------------------


def test_a_submission_names_a_new_author_by_name_beside_existing_ones(api_client, oecd):
    from members.models import Person

    new = {"new_person": {"honorific": "Dr", "given_name": "Kofi", "family_name": "Mensah"}}
    response = _submit(api_client, oecd, authors=[new, "ana-author"])
    assert response.status_code == 201, response.content
    created = Person.objects.get(family_name="Mensah")
    assert (created.given_name, created.honorific, created.public_profile) == ("Kofi", "Dr", False)
    publication = Publication.objects.get(slug=response.json()["slug"])
    assert [(p.person.full_name, p.role, p.order) for p in publication.publication_people.all()] == [
        ("Kofi Mensah", "author", 1),
        (oecd["author"].full_name, "author", 2),
    ]
    assert [p["name"] for p in response.json()["people"]] == ["Kofi Mensah", oecd["author"].full_name]


def test_authors_carry_the_affiliation_the_publication_prints(api_client, oecd, staff):
    new = {"new_person": {"given_name": "Kofi", "family_name": "Mensah"}, "printed_affiliation": "AMDC"}
    existing = {"person": "ana-author", "printed_affiliation": " Invented Institute "}
    response = _submit(api_client, oecd, authors=[existing, new, "ana-author"])
    assert response.status_code == 201, response.content
    assert [(p["name"], p["printed_affiliation"]) for p in response.json()["people"]] == [
        (oecd["author"].full_name, "Invented Institute"),
        ("Kofi Mensah", "AMDC"),
    ]
    publication = Publication.objects.get(slug=response.json()["slug"])
    services.publication_publish(publication=publication, by=staff)
    page = api_client.get(publication.get_absolute_url())
    authors = [
        (person["name"], person.get("affiliation", {}).get("name")) for person in page.context["jsonld"]["author"]
    ]
    assert authors == [(oecd["author"].full_name, "Invented Institute"), ("Kofi Mensah", "AMDC")]
    credits = [(c.subject.full_name, c.printed_affiliation) for c in page.context["credits"]["people"]]
    assert credits == authors


def test_sending_the_same_new_author_again_creates_nobody_twice(api_client, oecd, staff):
    from members.models import Person

    new = {"new_person": {"given_name": "Kofi", "family_name": "Mensah"}}
    slug = _submit(api_client, oecd, authors=[new, new]).json()["slug"]
    services.publication_return_to_submitter(
        publication=Publication.objects.get(slug=slug), by=staff, reason="Order the authors"
    )
    edited = call(api_client, "patch", f"/api/v1/publications/{slug}/", oecd["auth"], authors=["ana-author", new])
    assert edited.status_code == 200, edited.content
    assert Person.objects.filter(family_name="Mensah").count() == 1
    assert [p["name"] for p in edited.json()["people"]] == [oecd["author"].full_name, "Kofi Mensah"]


@pytest.mark.parametrize(
    ("author", "errors"),
    [
        ({"new_person": {"given_name": "Kofi"}}, {"authors.0.new_person.family_name": ["This field is required."]}),
        (
            {"new_person": {"family_name": "M", "email": "k@example.org"}},
            {"authors.0.new_person.email": ["Unknown field."]},
        ),
        ({"name": "Kofi"}, {"authors.0.name": ["Unknown field."]}),
        (3, {"authors.0": ['Expected a person\'s slug or an object with "person" or "new_person".']}),
        ({"person": "nobody-known"}, {"authors.0.person": ["Object with slug=nobody-known does not exist."]}),
        (
            {"person": "ana-author", "new_person": {"family_name": "M"}},
            {"authors.0.non_field_errors": ["Give exactly one of person and new_person."]},
        ),
    ],
)
def test_a_new_author_that_is_not_one_is_a_400(api_client, oecd, author, errors):
    from members.models import Person

    people = Person.objects.count()
    response = _submit(api_client, oecd, authors=[author])
    assert (response.status_code, response.json()["errors"]) == (400, errors)
    assert Person.objects.count() == people and not Publication.objects.exists()


# --- issue 14 item 6: a publication's French and Spanish, written and read through the API ---------------


def test_a_submission_gives_its_french_and_spanish_and_an_edit_changes_only_those_given(api_client, oecd, staff):
    response = _submit(
        api_client,
        oecd,
        summary="How to trace.",
        translations={"fr": {"title": "Manuel de traçabilité", "body": "Le texte."}, "es": {"summary": "Cómo."}},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["summary"], body["translations"]) == (
        "Handbook on traceability",
        "How to trace.",
        {
            "fr": {"title": "Manuel de traçabilité", "summary": "", "body": "Le texte."},
            "es": {"title": "", "summary": "Cómo.", "body": ""},
        },
    )
    publication = Publication.objects.get(slug=body["slug"])
    services.publication_return_to_submitter(publication=publication, by=staff, reason="Translate the summary")
    url = f"/api/v1/publications/{body['slug']}/"
    edited = call(
        api_client, "patch", url, oecd["auth"], translations={"fr": {"summary": "Comment tracer.", "body": ""}}
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["translations"] == {
        "fr": {"title": "Manuel de traçabilité", "summary": "Comment tracer.", "body": ""},
        "es": {"title": "", "summary": "Cómo.", "body": ""},
    }
    publication.refresh_from_db()
    assert (publication.title_en, publication.summary_fr, publication.body_fr, publication.summary_es) == (
        "Handbook on traceability",
        "Comment tracer.",
        "",
        "Cómo.",
    )
    french = api_client.get(url, HTTP_AUTHORIZATION=oecd["auth"], HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["title"], french["summary"]) == ("Manuel de traçabilité", "Comment tracer.")


@pytest.mark.parametrize(
    ("translations", "errors"),
    [
        ({"it": {"title": "Manuale"}}, {"translations.it": ["Unknown field."]}),
        ({"fr": {"language": "fr"}}, {"translations.fr.language": ["Unknown field."]}),
        (
            {"es": {"title": "t" * 501}},
            {"translations.es.title": ["Ensure this field has no more than 500 characters."]},
        ),
    ],
)
def test_a_publications_translations_are_checked_and_the_fault_named(api_client, oecd, staff, translations, errors):
    submitted = _submit(api_client, oecd, translations=translations)
    assert (submitted.status_code, submitted.json()["errors"]) == (400, errors)
    slug = _submit(api_client, oecd).json()["slug"]
    edited = call(api_client, "patch", f"/api/v1/publications/{slug}/", oecd["auth"], translations=translations)
    assert (edited.status_code, edited.json()["errors"]) == (400, errors)
    assert list(Publication.objects.values_list("slug", "title_fr", "title_es")) == [(slug, None, None)]
