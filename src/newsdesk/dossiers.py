"""Dossiers: an event's cross-article parts (entities linked across its articles, its summary,
the pairwise comparisons, the wording, the claims lined up), built from what the store holds.

The writer rebuilds the stored dossier of every event that changed at the end of each ingest
(``refresh_dossiers``), building them in its workers; reads (``newsdesk show``, the server) only
read what was stored. A build needs no store: ``dossier_inputs`` reads what it is made of, and
``dossier_from_inputs`` builds it anywhere (in a worker).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from newsdesk.claims import align_claims, single_source_claims
from newsdesk.claims.copies import copies_of
from newsdesk.events import compare_all, summarise
from newsdesk.framing import compare_wording
from newsdesk.link import link_entities
from newsdesk.model import Analysis, Comparison, Dossier, Entity, Event, InputError, Quote
from newsdesk.report.dossier import dossier_to_json
from newsdesk.stages import texts_compared
from newsdesk.store import Assignment, Store, analysis_from_stored
from newsdesk.vectors import grown
from newsdesk.workers import Analyser

# The comparison matrix grows with the square of an event's size; past this many articles it
# would swamp the dossier (and a reader), so only the first articles (by arrival) are compared.
MAX_COMPARED_ARTICLES = 8
# Lining up claims compares every article's claims and statements with every other article's, and
# its cost grows faster than the square of an event's size: on bench/bench_dossier.py (editions of
# ECB+ topic 1, as the 20k-article scale run makes them) a whole dossier build took 0.7 s of CPU
# at 40 articles, 1.5 s at 100, 5.8 s at 200 and 69 s at 500. Past this many articles the claims
# of a chosen set are lined up (``aligned_articles``), and the event says which
# (``Event.claims_aligned``): 1.5 s at 500 articles (the rest of a build, entity linking above
# all, stays linear in the event's size).
MAX_ALIGNED_ARTICLES = 40


def build_dossier(store: Store, event_ids: Iterable[str] | None = None) -> Dossier:
    """The dossier of the given events (all events when None), built from the store."""
    return dossier_from_inputs(*dossier_inputs(store, event_ids))


def dossier_inputs(store: Store, event_ids: Iterable[str] | None) -> tuple[list[Assignment], list[Analysis], list[InputError], list[str] | None]:
    """What a dossier is built from, read from the store and decoded, with the store's errors
    (the building needs no store)."""
    event_ids = None if event_ids is None else list(event_ids)
    assignments = store.assignments(event_ids)
    return assignments, store.analyses([a.article_id for a in assignments], with_vectors=True), store.errors(), event_ids


def dossier_from_inputs(assignments: list[Assignment], stored: list[Analysis], errors: list[InputError], event_ids: list[str] | None) -> Dossier:
    members: dict[str, list[str]] = defaultdict(list)
    decisions: dict[str, dict] = {}
    for assignment in assignments:
        members[assignment.event_id].append(assignment.article_id)
        decisions[assignment.article_id] = assignment.decision
    wanted = list(members) if event_ids is None else [e for e in event_ids if e in members]
    analyses = {a.article.id: a for a in stored}
    event_of = {aid: eid for eid in wanted for aid in members[eid]}
    entities = link_entities(list(analyses.values()), event_of)
    events = [_event(eid, [analyses[aid] for aid in members[eid]], entities) for eid in wanted]
    for event in events:
        event.evidence = [decisions[aid] for aid in event.article_ids]
    events.sort(key=lambda e: (-len(e.article_ids), e.date or "", e.id))
    ordered = [aid for e in events for aid in e.article_ids]
    return Dossier(
        articles=[analyses[aid].article for aid in ordered],
        events=events,
        removed=[r for aid in ordered for r in analyses[aid].removed],
        errors=errors,
        analyses=analyses,
    )


def refresh_dossiers(store: Store, run: Callable[[Callable, Iterable], Iterable[tuple]] | None = None) -> int:
    """Rebuild and store the dossier of every event whose articles changed since its dossier was
    built, so that reads never analyse (``newsdesk show``, the server). The writer calls this at
    the end of each ingest, building them in its workers (``run``: an ``Analyser``'s
    ``map_unordered``, giving each input with its outcome as they are done); ``newsdesk refresh``
    does it after an interrupted one. The largest events go first: built side by side, the
    largest one last would leave every worker but one idle while it is built. Returns how many
    it rebuilt."""
    run = run or Analyser().map_unordered
    stale = store.stale_dossiers()
    sizes = Counter(a.event_id for a in store.assignments(stale))
    stale.sort(key=lambda event_id: -sizes[event_id])
    rebuilt = 0
    for inputs, (outcome, encoded) in run(dossier_document, (stored_inputs(store, event_id) for event_id in stale)):
        event_id = inputs[3][0]
        if isinstance(outcome, str):  # the event's articles are stored; its reads keep the previous dossier and the next run retries
            print(f"newsdesk: the dossier of {event_id} could not be built ({outcome})", file=sys.stderr)
        elif outcome is not None:
            store.write_dossier(outcome, encoded)
            rebuilt += 1
    return rebuilt


def stored_inputs(store: Store, event_id: str) -> tuple[list[Assignment], list[tuple[str, bytes | None]], list[InputError], list[str]]:
    """What the stored dossier of one event is built from, its analyses as the store holds them
    (``Store.stored_analyses``): decoding them is the worker's work (``dossier_document``), not
    the writer's."""
    assignments = store.assignments([event_id])
    return assignments, store.stored_analyses([a.article_id for a in assignments]), [], [event_id]


def dossier_document(inputs: tuple) -> tuple[dict | str | None, dict[str, bytes]]:
    """One event's dossier as stored (None: the event is gone), or what went wrong building it,
    from its ``stored_inputs``; and the vectors of its articles with the texts the build encoded
    added (``newsdesk.vectors``: the next build of the event reads them instead of encoding them
    again)."""
    assignments, stored, errors, event_ids = inputs
    try:
        analyses = [analysis_from_stored(s) for s in stored]
        dossier = dossier_from_inputs(assignments, analyses, errors, event_ids)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}", {}
    encoded = {a.article.id: more.to_bytes() for a in analyses if (more := grown(a.vectors, texts_compared(a))) is not None}
    return (dossier_to_json(dossier) if dossier.events else None), encoded


def _event(event_id: str, analyses: list[Analysis], entities: list[Entity]) -> Event:
    ids = {a.article.id for a in analyses}
    own = [e for e in entities if any(m.article_id in ids for m in e.mentions)]
    event = summarise(event_id, analyses, own)
    event.entities = sorted(own, key=lambda e: (-len(e.mentions), e.name))
    speakers = _SpeakerIndex(own)
    event.quotes = [speakers.link(q) for a in analyses for q in a.quotes]
    event.posts = [p for a in analyses for p in a.posts]
    compared = analyses[:MAX_COMPARED_ARTICLES]
    event.comparisons = [Comparison(a.article.id, b.article.id, scores) for a, b, scores in compare_all(compared)]
    event.wording = compare_wording(analyses)
    aligned = aligned_articles(analyses)
    event.agreements, event.conflicts = align_claims(aligned, own)
    event.single_source = single_source_claims(aligned, own)
    if len(aligned) < len(analyses):
        event.claims_aligned = [a.article.id for a in aligned]
    return event


def aligned_articles(analyses: list[Analysis]) -> list[Analysis]:
    """The articles of an event whose claims are lined up: every one, up to
    ``MAX_ALIGNED_ARTICLES``; past that, that many, chosen so that each independent account counts
    before any copy and the reporting is covered from its first report to its last. The articles
    are grouped into copies of one story (``claims.copies``: a group's earliest published article
    is its original, the others copy it); the originals in publication order (arrival order for
    ties and for undated articles) are taken evenly spread from the earliest to the latest (all
    of them when they are fewer); places left go to the copies, spread the same way. In the
    event's order. What the others say is not lined up: a claim only they make is in no finding,
    and a claim called single-source is so among the articles lined up."""
    if len(analyses) <= MAX_ALIGNED_ARTICLES:
        return analyses
    copied = copies_of(analyses)
    position = {a.article.id: n for n, a in enumerate(analyses)}
    by_publication = sorted(analyses, key=lambda a: ((a.article.metadata or {}).get("published_at") or a.article.published or "9999", position[a.article.id]))
    originals = _spread([a for a in by_publication if a.article.id not in copied], MAX_ALIGNED_ARTICLES)
    copies = _spread([a for a in by_publication if a.article.id in copied], MAX_ALIGNED_ARTICLES - len(originals))
    chosen = {a.article.id for a in originals + copies}
    return [a for a in analyses if a.article.id in chosen]


def _spread(items: list, count: int) -> list:
    """``count`` of ``items`` evenly spaced from the first to the last (all when they are no more)."""
    if len(items) <= count:
        return items
    if count <= 0:
        return []
    if count == 1:
        return items[:1]
    return [items[round(k * (len(items) - 1) / (count - 1))] for k in range(count)]


class _SpeakerIndex:
    """Finds the entity a quote's speaker refers to: the entity mentioned at the speaker's
    span or, for a resolved pronoun or role, the entity that has the resolved name as a
    variant in the same article. A person named inside the speaker phrase is the speaker;
    an organisation or place only when it is most of the phrase ("the Interior Ministry"),
    since "the leader of the militia Asaib Ahl al-Haq" is a person, not the militia, and a
    nationality only when it ends the phrase ("the Israelis"): in "North Korean Leader Says" the
    nationality describes the speaker, who is then found by the resolved name."""

    def __init__(self, entities: list[Entity]):
        self.spans: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        self.names: dict[tuple[str, str], str] = {}
        self.variants: dict[str, set[str]] = defaultdict(set)  # a way of writing a name -> the entities written so
        self.surnames: dict[str, set[str]] = defaultdict(set)  # the last word of a person's full name -> the people
        for entity in entities:
            for variant in entity.variants:
                self.variants[variant.casefold()].add(entity.id)
                if entity.type == "PERSON" and len(variant.split()) > 1:
                    self.surnames[variant.split()[-1].casefold()].add(entity.id)
            for m in entity.mentions:
                self.spans[m.article_id].append((m.start, m.end, entity.id, entity.type))
                self.names.setdefault((m.article_id, m.text.casefold()), entity.id)

    def link(self, quote: Quote) -> Quote:
        if quote.attribution.source_kind == "anonymous":
            return quote  # "sources close to al-Kazimi" are his entourage, not al-Kazimi; "Iraqi sources" are not Iraq
        if quote.speaker_start is not None:
            written = quote.speaker_end - quote.speaker_start
            for start, end, entity_id, entity_type in self.spans.get(quote.article_id, ()):
                shared = min(end, quote.speaker_end) - max(start, quote.speaker_start)
                if entity_type == "NORP" and end < quote.speaker_end:
                    continue
                if shared > 0 and (entity_type == "PERSON" or shared * 2 >= written):
                    return replace(quote, speaker_entity_id=entity_id)
        if quote.speaker:
            entity_id = self.names.get((quote.article_id, quote.speaker.casefold()))
            if entity_id:
                return replace(quote, speaker_entity_id=entity_id)
            # a name the tagger missed where the speaker is given ("Isaacs said"), written so
            # elsewhere in the event for one entity only, or the surname of one person only
            written = self.variants.get(quote.speaker.casefold()) or self.surnames.get(quote.speaker.casefold(), set())
            if len(written) == 1:
                return replace(quote, speaker_entity_id=next(iter(written)))
        return quote
