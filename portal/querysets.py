from django.db import models


class TopicQuerySet(models.QuerySet):
    def themes(self):
        return self.filter(kind="theme")

    def policy_instruments(self):
        return self.filter(kind="policy_instrument")
