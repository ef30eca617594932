from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications and news"

    def ready(self):
        from kernel import changes

        from .models import Publication, PublicationOrganization, PublicationPerson

        # What partners sync through the changes feed; who made a publication belongs to it.
        changes.track(Publication, "publication")
        changes.track(PublicationOrganization, "publication", parent="publication_id")
        changes.track(PublicationPerson, "publication", parent="publication_id")
