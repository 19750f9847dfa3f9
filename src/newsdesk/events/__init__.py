"""Events: group articles into real-world events, online, and describe each event (5W1H)."""

from newsdesk.events.cluster import Decision, OnlineClusterer
from newsdesk.events.compare import compare, compare_all
from newsdesk.events.features import ArticleFeatures, article_features, article_features_batch
from newsdesk.events.summary import summarise

__all__ = [
    "ArticleFeatures",
    "Decision",
    "OnlineClusterer",
    "article_features",
    "article_features_batch",
    "compare",
    "compare_all",
    "summarise",
]
