from django.db import models


class TopicQuerySet(models.QuerySet):
    pass
