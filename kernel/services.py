"""Writes of plain records whose changes carry no rule beyond the model's own validation.

Houses, topics, organisations, people, affiliations, event series and the organisation/person roles on
events and publications are edited by staff in the back office. Their writes still go through a service, so
that every write is validated the same way and happens in one transaction; records whose writes carry a
rule (memberships, sessions, registrations, publications, tokens) have services of their own in their app.
"""

from django.db import models, transaction

from .viewer import Viewer


def record_save(*, instance: models.Model, by: Viewer | None) -> models.Model:
    with transaction.atomic():
        instance.full_clean(validate_unique=False)
        instance.save()
    return instance


def record_delete(*, instance: models.Model, by: Viewer | None) -> None:
    with transaction.atomic():
        instance.delete()
