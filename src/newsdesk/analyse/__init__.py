"""Analyse: one spaCy pass over the cleaned prose gives sentences and named entities;
then sentence and article language, and dates normalised against the publication date."""

from __future__ import annotations

import re

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from anyascii import anyascii
from spacy.tokens import Doc, Span, Token

from newsdesk import resources
from newsdesk.analyse.dates import in_direct_quote, is_relative, find_times, infer_published, names_a_day, not_older_than, set_against_undated_news
from newsdesk.analyse.holidays import find_holidays, holiday_key, stretch_before
from newsdesk.analyse.labels import corrected_label, is_generic_noun, with_site_noun
from newsdesk.analyse.nationality import without_glued_nationality
from newsdesk.analyse.language import PLAINLY_ONE_LANGUAGE, detect_languages, language_of_whole, mixes_scripts, stop_words_of
from newsdesk.analyse.text import doc_text, keep_text
from newsdesk.clean import Cleaned, clean
from newsdesk.model import Analysis, Article, Mention, Sentence, TimeRole

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
NAME_PARTICLES = frozenset("de da di du van von der bin ibn ben abu".split())  # lower-case words a name may start with

__all__ = ["analyse_article", "analyse_articles", "analyse_cleaned"]


def analyse_article(article: Article) -> tuple[Analysis, Doc]:
    return next(analyse_articles([article]))


def analyse_articles(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Analysis, Doc]]:
    """Analyses in input order; the spaCy Doc is parsed over ``Analysis.prose`` (same offsets as the text)."""
    yield from analyse_cleaned(((article, clean(article)) for article in articles), batch_size)


def analyse_cleaned(cleaned: Iterable[tuple[Article, Cleaned]], batch_size: int = 16) -> Iterator[tuple[Analysis, Doc]]:
    """``analyse_articles`` for articles already cleaned."""
    pairs = ((c.prose, (article, c)) for article, c in cleaned)
    for doc, (article, c) in resources.nlp().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _analysis(article, c, doc), doc


def _analysis(article: Article, cleaned: Cleaned, doc: Doc) -> Analysis:
    keep_text(doc, cleaned.prose)
    sentences, article_language = _with_languages(_sentences(article.id, doc), cleaned.prose)
    article_language = article.language or article_language
    # the tagger calls a day with its part "late Saturday morning", "late last night" a TIME
    dates = [e for e in doc.ents if e.label_ == "DATE" or (e.label_ == "TIME" and names_a_day(e.text))]
    # "over Christmas" is a stretch of time, not the day
    dates = [e for e in dates if not (holiday_key(e.text) and stretch_before(doc_text(doc), e.start_char))]
    dates += _holidays_untagged(doc, dates)
    date_spans = [(e.start_char, e.end_char, e.text) for e in dates]
    published, inferred = article.published, article.published_inferred
    if not published:
        published = infer_published(cleaned.posts, date_spans)
        inferred = published is not None
    article = replace(article, language=article_language, published=published, published_inferred=inferred, published_after=None if published else not_older_than(cleaned.posts))
    ahead = {e.start_char for e in dates if _looks_ahead(e)}
    roles = {e.start_char: role for e in dates if (role := _role_of(e, cleaned.prose)) != "plain"}
    # a day to come ("will be introduced at a Tuesday news conference") is no day anything happened on
    roles.update({start: "ahead" for start in ahead if roles.get(start) != "quoted"})
    roles.update(set_against_undated_news(doc, dates, roles, article.title))
    return Analysis(
        article=article,
        prose=cleaned.prose,
        removed=list(cleaned.removed),
        posts=list(cleaned.posts),
        sentences=sentences,
        mentions=_with_defined_acronyms(cleaned.prose, sentences,
                                        _mentions(article.id, doc, sentences) + _post_mentions(article, cleaned)),
        # an undated article's "on Sunday" is read against the newest post it quotes: the
        # article is no older than that post, and a quoted post is news of the days it is about
        times=find_times(article.id, date_spans, published or article.published_after, ahead, roles),
    )


def _sentences(article_id: str, doc: Doc) -> list[Sentence]:
    found = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        found.append(Sentence(article_id, start, start + len(stripped)))
    return found


def _with_languages(sentences: list[Sentence], prose: str) -> tuple[list[Sentence], str | None]:
    """The sentences with their languages, and the article's language. lingua reads the whole
    prose once; an article plainly in one language (lingua sure of it, one script) has every
    sentence in that language, and only a short, mixed-language or mixed-script one has each
    sentence read on its own. Reading every sentence cost more than all the rest of the analysis
    beyond spaCy: a sentence costs as much as a whole article read at once, and a text under 120
    characters makes lingua load all its models (seconds in every worker). It also read a
    dateline of an English report ("May 2, 2013 12:50 PM") as Turkish."""
    whole, confidence = language_of_whole(prose)
    if confidence >= PLAINLY_ONE_LANGUAGE and not mixes_scripts(prose):
        return [replace(s, language=whole) for s in sentences], whole
    languages = detect_languages([prose[s.start : s.end] for s in sentences])
    sentences = [replace(s, language=language) for s, language in zip(sentences, languages)]
    return sentences, _dominant_language(sentences) or whole


def _dominant_language(sentences: list[Sentence]) -> str | None:
    weight = Counter()
    for s in sentences:
        if s.language:
            weight[s.language] += s.end - s.start
    return weight.most_common(1)[0][0] if weight else None


# verbs that put what they govern ahead: "is expected to flock ... on Sunday", "is set to vote"
_PUTS_AHEAD = frozenset(("go", "due", "expect", "set", "schedule", "plan", "slate", "poise"))


def _looks_ahead(date: Span) -> bool:
    """ "will reopen on Friday", "is due to vote on Monday", "are expected to flock ... on Sunday":
    the weekday is the next one, not the last."""
    verb = date.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    # "is due to vote", not "due to low light levels on Saturday"; a day that is the subject of a
    # verb in the present ("Thursday captures the moment", a misparse) is not one it looks ahead to
    present = _present(verb) and date.root.dep_ not in ("nsubj", "nsubjpass")
    return any(child.lower_ in ("will", "shall", "'ll") or (child.lemma_ == "due" and child.dep_ != "prep") for child in verb.children) or (
        verb.lemma_ in _PUTS_AHEAD and any(child.dep_ == "xcomp" for child in verb.children)
    ) or (verb.dep_ == "xcomp" and verb.head.lemma_ in _PUTS_AHEAD) or present or (verb.dep_ == "xcomp" and _present(verb.head)) or (
        verb.dep_ == "acl" and verb.tag_ == "VBG"  # "with a playoff game looming Saturday"
    ) or (
        # an infinitive that says which: "the measures to be voted on Thursday"
        verb.dep_ in ("acl", "relcl") and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
    )


def _present(verb: Token) -> bool:
    """A weekday of a verb in the present ("advances to play Saturday", "the deadline is
    Friday") is one to come: news tells what happened in the past tense. (Not a participle:
    "pulled over for speeding early Sunday" is past.)"""
    return verb.tag_ in ("VBZ", "VBP")


def _holidays_untagged(doc: Doc, dates: list[Span]) -> list[Span]:
    """The holidays the text names as days that the tagger left out of its dates."""
    found = []
    for start, end, _ in find_holidays(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(d.start_char < end and start < d.end_char for d in dates):
            found.append(span)
    return found


_PART_OF_DAY = frozenset(("morning", "afternoon", "evening", "night", "day", "overnight"))


# verbs whose day dates a statement, not the event it is about
_SAYING = frozenset(("say", "tell", "report", "state", "add", "speak", "write", "tweet", "comment", "testify", "claim"))


def _role_of(date: Span, prose: str) -> TimeRole:
    if in_direct_quote(prose, date.start_char) and is_relative(date.text):
        return "quoted"
    if _modifies_a_noun(date):
        return "modifier"
    verb = date.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if date.root.head.lower_ in _BOUNDS or any(child.lower_ in _BOUNDS and child.dep_ in ("mark", "prep") for child in verb.children):
        return "background"
    if _pluperfect(verb) and not (verb.dep_ == "ccomp" and verb.head.lemma_ in _SAYING):
        return "background"  # "had agreed on Sunday"; not reported speech ("said he had fired on Sunday")
    if verb.dep_ in ("relcl", "acl") and verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == ",":
        # an aside that tells who or what someone is: "Gray, who was shot Saturday", "the quake,
        # which struck on Sunday"; not a clause that says which: "a fire that broke out late Thursday"
        return "modifier"
    return "saying" if verb.lemma_ in _SAYING else "plain"


# words that make a day the start or end of a state: "since Monday", "closed until Friday"
_BOUNDS = frozenset(("since", "until", "till"))


def _pluperfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in verb.children)


def _modifies_a_noun(date: Span) -> bool:
    """ "Monday's violence", "the Monday morning shootings": the day (with its part of the day)
    is a modifier of a noun that is not itself a time."""
    token = date.root
    while token.head.i != token.i and token.head.lower_ in _PART_OF_DAY:
        token = token.head
    head = token.head
    return token.dep_ in ("poss", "compound", "nmod", "amod") and head.i != token.i and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("DATE", "TIME")


def _mentions(article_id: str, doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    starts = [s.start for s in sentences]
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or not ent.text.strip() or is_generic_noun(ent):
            continue
        index = bisect_right(starts, ent.start_char) - 1
        if _misread_as_person(ent, sentences[index].language if index >= 0 else None):
            continue
        ent = with_site_noun(ent)
        mentions.append(Mention(article_id, ent.start_char, ent.end_char, ent.text, corrected_label(ent), index))
    return without_glued_nationality(mentions)


def _with_defined_acronyms(prose: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """The mentions, sorted, with every use of an acronym the text defines ("the Rail Accident
    Investigation Branch (RAIB)") that the tagger missed, labelled as the name it stands for."""
    from newsdesk.link.acronyms import definitions, same_name

    taken = [(m.start, m.end) for m in mentions]
    added = []
    starts = [s.start for s in sentences]
    for acronym, long_form in definitions(prose).items():
        named = next((m for m in mentions if same_name(long_form, m.text)), None)
        if named is None:
            continue
        for match in re.finditer(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", prose):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                index = bisect_right(starts, match.start()) - 1
                added.append(Mention(named.article_id, match.start(), match.end(), acronym, named.label, index))
    return sorted(mentions + added, key=lambda m: m.start)


def _misread_as_person(ent: Span, language: str | None) -> bool:
    """The English tagger reading another language takes a capitalised function word for a
    person ("Nos", "Tiene", "Vamos"), and a phrase too ("su sustituto del A320"): a name
    does not start with a lower-case word other than a particle ("de Gaulle", "al-Sadr")."""
    if ent.label_ != "PERSON" or language in (None, "en"):
        return False
    words = [anyascii(token.text).lower() for token in ent if token.is_alpha]
    if words and all(word in stop_words_of(language) for word in words):
        return True
    first = ent[0].text
    hyphenated = len(ent) > 1 and ent[1].text == "-"
    return first[:1].islower() and first.lower() not in NAME_PARTICLES and not hyphenated


def _post_mentions(article: Article, cleaned: Cleaned) -> list[Mention]:
    """Names in embedded posts: the posts are out of the prose, but who they name still counts.
    Their sentence index is -1 (they belong to no prose sentence)."""
    mentions = []
    for post in cleaned.posts:
        if post.body_start is None:
            continue
        body = article.text[post.body_start : post.body_end]
        for ent in resources.parsed_apart(body).ents:
            if ent.label_ in ENTITY_LABELS and ent.text.strip() and not is_generic_noun(ent):
                ent = with_site_noun(ent)
                start = post.body_start + ent.start_char
                mentions.append(Mention(article.id, start, start + len(ent.text), ent.text, corrected_label(ent), -1))
    return mentions
