"""The data model shared by every stage.

Every fact extracted from an article carries its provenance: the article id and
a character span ``[start, end)`` into ``Article.text``, the original text as
ingested. Stages never rewrite ``Article.text``; the cleaning stage blanks out
removed spans in a same-length copy (``Analysis.prose``) so that offsets in the
prose and in the original are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Literal

from newsdesk.vectors import TextVectors


@dataclass(frozen=True)
class Repair:
    """A stretch the decoding repaired (mojibake, a control character, a line end):
    ``[start, end)`` in ``Article.text`` was ``[given_start, given_end)`` in ``Article.text_as_given``."""

    start: int
    end: int
    given_start: int
    given_end: int


@dataclass(frozen=True)
class Article:
    """One ingested report. ``id`` is a hash of the normalised text. ``text`` is the text every
    span indexes, repaired; ``text_as_given`` is the text as decoded from the input when the repair
    changed it (None when they are the same), and ``repairs`` maps one to the other."""

    id: str
    text: str
    path: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_inferred: bool = False
    language: str | None = None
    genre: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    published_after: str | None = None  # an undated article is no older than the newest post it embeds
    text_as_given: str | None = None
    repairs: tuple[Repair, ...] = ()


@dataclass(frozen=True)
class Removal:
    """A span of the original text taken out of the prose, and why."""

    article_id: str
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Post:
    """A social-media post embedded in an article (a flattened tweet, say)."""

    article_id: str
    start: int
    end: int
    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # ISO date
    links: tuple[str, ...] = ()
    platform: str | None = None
    body_start: int | None = None  # span of the post's own words
    body_end: int | None = None


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int
    end: int
    language: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named-entity mention. ``label`` is the tagger's type (PERSON, ORG, GPE, LOC, NORP, ...)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    sentence: int = -1  # index into Analysis.sentences


TimeRole = Literal["plain", "modifier", "saying", "background", "quoted", "ahead"]


@dataclass(frozen=True)
class TimeExpression:
    """A date in the text, normalised against the article's publication date."""

    article_id: str
    start: int
    end: int
    text: str
    value: str  # ISO date
    # how the sentence uses the day: "modifier" when it names a thing the reader already knows
    # ("Monday's violence", "the Monday morning shootings"), "saying" when it dates a statement
    # ("the minister said last Wednesday"), "background" when the sentence sets the news against it:
    # the start or end of a state ("silent since his trial began last Thursday", "closed until
    # Friday") or an act before the story's past ("had agreed on Sunday"), "quoted" when it is inside a
    # direct quote (its "tonight" is the speaker's), "ahead" when the sentence looks ahead to it ("will
    # be introduced at a Tuesday news conference"); "plain" otherwise
    role: TimeRole = "plain"


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class MergeReason:
    """Why two groups of mentions were judged to be one entity."""

    left: str
    right: str
    rule: str  # e.g. "name-key", "fuzzy", "partial-name", "title"
    score: float = 1.0
    evidence: str = ""


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    variants: dict[str, int] = field(default_factory=dict)  # surface form -> count
    roles: list[str] = field(default_factory=list)
    place: Place | None = None
    handles: list[str] = field(default_factory=list)
    merges: list[MergeReason] = field(default_factory=list)


@dataclass(frozen=True)
class Attribution:
    """How a statement reached the page."""

    cue: str | None = None  # "said", "according to", "tweeted"
    source_kind: str = "named_person"  # named_person | official_body | anonymous | social_media | document | unknown
    chain: tuple[str, ...] = ()  # outermost first: ("some Iraqi journalists", "sources close to al-Kazimi")
    hedged: bool = False
    close_to: str | None = None  # anonymous sources: whom they are close to ("sources close to the minister" -> "the minister")


@dataclass(frozen=True)
class Quote:
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # direct | indirect | post
    speaker_entity_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    attribution: Attribution = field(default_factory=Attribution)
    date: str | None = None


@dataclass(frozen=True)
class Amount:
    """A stated quantity as an interval; ``high`` None is open-ended ("more than 100").
    ``proportion`` amounts are fractions of a whole (0.5 for "half")."""

    low: float
    high: float | None
    exact: bool
    proportion: bool = False


@dataclass(frozen=True)
class Claim:
    """A checkable statement made in one article (see newsdesk.claims for the rules).

    ``kind`` is count (``amount`` of ``subject`` that ``predicate``), change (``before`` ->
    ``amount``), state (``subject`` is ``value``: unharmed, injured, dead, ...), derived
    (arithmetic between two counts of one article, explained in ``basis``) or action (``subject``
    did ``predicate`` to ``target``; ``value`` is the verb as written). The span is the
    clause; ``value_start``/``value_end`` locate the figure or state word, ``subject_start``/
    ``subject_end`` the words naming the subject (a name mention for people)."""

    article_id: str
    start: int
    end: int
    text: str
    subject: str | None = None
    predicate: str | None = None
    value: str | None = None
    kind: str = "count"
    amount: Amount | None = None
    before: Amount | None = None
    value_start: int | None = None
    value_end: int | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    negated: bool = False
    hedge: str | None = None  # the hedging words ("apparently", "would"), None when asserted
    voice: str = "author"  # author | attributed
    speaker: str | None = None
    chain: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # places named in the clause
    date: str | None = None  # ISO date of a time expression in the clause
    actor_start: int | None = None  # the doer or owner of a count ("Fidesz won 135 seats"), if written
    actor_end: int | None = None
    basis: str | None = None
    target: str | None = None  # an action's object ("the residence"), its words; ``subject`` is then the doer
    target_start: int | None = None
    target_end: int | None = None
    slot: str | None = None  # what a figure counts, in the slot vocabulary of newsdesk.claims.figures (killed, injured, money, ...)
    role: str = "total"  # a figure's role: total, subset ("among them four children"), part ("three of those trapped"), increment ("12 more"), rate, tally ("this year, nearly 100 ships")
    keys: tuple[str, ...] = ()  # a statement's content lemmas and names, for blocking the alignment


@dataclass(frozen=True)
class Support:
    """A span backing a statement. For a finding's support, also what the span says
    (``value``) and in whose voice (``voice`` author | attributed, ``speaker``, ``chain``)."""

    article_id: str
    start: int
    end: int
    text: str
    value: str | None = None
    voice: str | None = None
    speaker: str | None = None
    chain: tuple[str, ...] = ()
    hedged: bool = False
    negated: bool = False
    copy_of: str | None = None  # the article this support's article copies (one wire story), if any
    published: str | None = None  # when the support's article was published (ISO), for timelines


@dataclass(frozen=True)
class Finding:
    """An agreement or a conflict between sources. ``kind``: agreement, contradiction,
    precision (compatible, one more specific), update (a total that grew between reports
    published at different times; supports in time order) or single_source (a claim no other
    article of the event makes); ``claim_kind``: count, change, state, derived, action,
    statement. ``sources``/``independent_sources``: articles behind the finding, and how many
    of them are not copies of another; ``first_source``: the article that reported it first;
    ``similarity``/``shared``: for aligned statements, the sentence similarity and the names
    and words they share."""

    summary: str
    kind: str
    support: tuple[Support, ...] = ()
    claim_kind: str | None = None
    sources: int | None = None
    independent_sources: int | None = None
    first_source: str | None = None
    similarity: float | None = None
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cue:
    """A span that is evidence for how an article frames things. ``kind`` names the rule
    (first_person, direct_address, imperative, evaluative, deontic, stance, speculation,
    attribution, disclaimer, genre_label, press_release_marker, analysis_marker, post, ...)."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class SentenceMode:
    """How one sentence presents its content: reported_fact | attributed | opinion | speculation."""

    article_id: str
    start: int
    end: int
    mode: str
    cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Term:
    """A phrase an article uses for an event or its actors: a candidate for comparing wording."""

    article_id: str
    start: int
    end: int
    text: str
    head: str  # lemma of the phrase's head word
    category: str | None = None  # what kind of thing it names (act, protest, protesters, ...)
    scare_quoted: bool = False


@dataclass
class Framing:
    """How one article frames its story: its genre with the evidence, and each sentence's mode."""

    genre: str  # news | opinion | analysis | press_release | posts
    evidence: list[Cue] = field(default_factory=list)
    measures: dict[str, float] = field(default_factory=dict)
    modes: list[SentenceMode] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything the per-article stages found in one article."""

    article: Article
    prose: str  # Article.text with removed spans blanked; same length
    removed: list[Removal] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: Framing | None = None
    stage_versions: dict[str, str] = field(default_factory=dict)  # stage name -> version of the stage that made this (``newsdesk.stages``)
    # the encoder's vectors of its texts (``newsdesk.vectors``); kept apart from the analysis's JSON, in the store's own table
    vectors: TextVectors | None = field(default=None, compare=False, repr=False, metadata={"apart": True})


@dataclass(frozen=True)
class WordChoice:
    """One source's word for a thing: where it first uses it, and how often."""

    article_id: str
    start: int
    end: int
    text: str
    count: int = 1
    scare_quoted: bool = False


@dataclass
class Wording:
    """The words the sources of one event choose for the same thing, side by side."""

    concept: str
    category: str | None = None
    choices: list[WordChoice] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    """Two articles of one event on the SemEval-2022 Task 8 scale (1 very similar .. 4 very dissimilar)."""

    left: str
    right: str
    scores: dict[str, float]


@dataclass
class Event:
    id: str
    article_ids: list[str]
    title: str | None = None
    date: str | None = None  # when it happened, as the reports tell it
    date_source: str | None = None
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    agreements: list[Finding] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)
    single_source: list[Finding] = field(default_factory=list)  # salient claims only one article makes
    summary_sentence: Support | None = None
    comparisons: list[Comparison] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    wording: list[Wording] = field(default_factory=list)
    date_support: Support | None = None  # the words in a report that date the event
    reported_first: str | None = None  # publication dates of its first and last report
    reported_last: str | None = None
    # an event too large to line up every article's claims: the articles whose claims were lined
    # up (``newsdesk.dossiers.aligned_articles``); None when every article's were
    claims_aligned: list[str] | None = None


@dataclass(frozen=True)
class InputError:
    input: str
    message: str
    stage: str | None = None  # the per-article stage that failed on it (``newsdesk.stages``); None: the input was rejected


@dataclass
class Dossier:
    articles: list[Article]
    events: list[Event]
    removed: list[Removal] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The dossier as the ``newsdesk.dossier/1`` document (see docs/dossier.md): plain dicts and lists."""
        from newsdesk.report import dossier_to_json

        return dossier_to_json(self)

    def save(self, path: str | PathLike[str]) -> Path:
        """Write the dossier to ``path`` as JSON (``.json``), Markdown (``.md``) or HTML (``.html``),
        by the file's suffix; folders on the way are created. Returns the path written."""
        import json

        from newsdesk.report import dossier_html, dossier_markdown

        target = Path(path)
        renderers = {
            ".json": lambda document: json.dumps(document, indent=2, ensure_ascii=False),
            ".md": dossier_markdown,
            ".html": dossier_html,
        }
        if target.suffix.lower() not in renderers:
            raise ValueError(f"cannot save a dossier as {target.suffix or 'a file without suffix'!r}; use .json, .md or .html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(renderers[target.suffix.lower()](self.to_json()), encoding="utf-8")
        return target
