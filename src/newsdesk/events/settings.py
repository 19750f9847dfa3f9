"""Settings of the online event clustering (``events/cluster.py``), with where they were tuned:
the ECB+ dev topics and the Giveme5W1H tune part together (``newsdesk eval ecbplus``,
``newsdesk eval giveme``)."""

JOIN_THRESHOLD = 0.30
MERGE_THRESHOLD = 0.50
WEIGHTS = {"terms": 0.55, "entities": 0.35, "embedding": 0.10, "year_conflict": -0.2, "date_gap": -0.3}
FREE_DATE_GAP_DAYS = 30  # source dates this far apart cost nothing (Giveme5W1H tune part)
FULL_DATE_GAP_DAYS = 395  # the ``date_gap`` cost grows to its full weight here (a year more)
NORM_REFRESH_GROWTH = 1.1  # recompute an unchanged event's norm once the store grew by 10%
MAX_CANDIDATES = 24
POSTINGS_PER_KEY = 48
INDEX_KEYS_PER_ARTICLE = 24
PROFILE_MAX_KEYS = 1200  # a big event's profile keeps its heaviest keys, so comparing with it stays cheap
REFINE_EVERY = 16  # arrivals between two refinements
STORY_THRESHOLD = 0.08  # average-link similarity at which refinement stops joining articles into one story
TITLE_APART_FROM_TEXT = 0.1  # USE cosine of a title and its lead below which the text is furniture (Giveme5W1H tune part, ECB+ dev)
REFINE_NEAR = 0.05  # a neighbour this close to a touched event is re-grouped with it
REFINE_NEIGHBOURS = 6
REFINE_MAX_ARTICLES = 240  # articles re-grouped at once: bounds the cost of a refinement
REFINE_HORIZON = 2000  # arrivals after which an unchanged event is settled
REFINE_MAX_EVENT = 120  # larger events are settled: they are joined and merged, not re-grouped
