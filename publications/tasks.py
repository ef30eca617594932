"""Publication work the worker runs on a schedule (settings.PORTAL_SCHEDULES); no cron needed."""

from django_tasks import task

from .services import publications_release_due


@task()
def release_embargoed_publications() -> dict:
    """Publications whose embargo is over go public: caches emptied, partners' webhooks told. Safe to run twice."""
    return {"released": [publication.slug for publication in publications_release_due()]}
