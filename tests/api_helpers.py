"""Small helpers shared by the API tests of every app."""

import datetime


def call(api_client, method, url, auth=None, **data):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return getattr(api_client, method)(url, data or None, format="json", **headers)


def session_payload(for_event, /, **overrides):
    start = for_event.starts_at + datetime.timedelta(hours=3)
    return {
        "event": for_event.slug,
        "title": "Proposed by partner",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
        **overrides,
    }


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]
