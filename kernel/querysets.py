from django.db import models


class TopicQuerySet(models.QuerySet):
    def for_index(self):
        from .translated import in_language

        return self.order_by("kind", in_language("name"))


class StatusChangeQuerySet(models.QuerySet):
    def of(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
