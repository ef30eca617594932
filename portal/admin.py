from django.contrib import admin

from .models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "identifier", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "identifier"]
    prepopulated_fields = {"slug": ["name"]}
