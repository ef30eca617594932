from django.urls import path

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("publications/", views.publication_list, name="publication-list"),
    path("publications/feed/rss/", feeds.PublicationsFeed(), name="publication-rss"),
    path("publications/feed/atom/", feeds.PublicationsAtomFeed(), name="publication-atom"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication-detail"),
    path("publications/<slug:slug>/download/", views.publication_download, name="publication-download"),
    path("news/", views.news_list, name="news-list"),
    path("news/feed/rss/", feeds.NewsFeed(), name="news-rss"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news-atom"),
    path("news/<slug:slug>/", views.news_detail, name="news-detail"),
]
