"""The article's genre: news, opinion, analysis, press_release or posts, with the evidence.

No classifier is trained; the decision is a short list of rules over measures of the text, in
this order (first match wins). Every rule names the cues that fired as evidence. Marker phrases
inside quotes are someone else's words and do not count.
1. posts: three or more embedded posts (``analysis.posts``) that together take at least 40% of
   the article's non-blank characters.
2. press_release: a label ("Press release", "FOR IMMEDIATE RELEASE", "Statement",
   "Official announcement"), a wire dateline ("OSLO, March 3 /PRNewswire/ --"), or two or more
   press-release markers (``lexicon.GENRE_PHRASES``, boilerplate lines "About X", "Ends", lines with
   contact details, an organisation "delighted to confirm" outside quotes).
3. opinion or analysis labelled so in one of the first three lines ("Opinion:", "Editorial:",
   "Analysis:", "Explainer:"); the press-release labels of rule 2 are read there too.
4. opinion: an editorial disclaimer (removed by cleaning, or left in the prose); or the writer's
   own voice: at least 20% of the prose sentences in opinion mode with at least two first-person,
   direct-address or imperative cues, or at least 35% of them in opinion mode; or two opinion
   phrases ("in my opinion", "I believe" ...).
5. analysis: at least two analysis markers ("this suggests", "depends on", "three factors" ..., or
   an explanatory headline: "Why ...", "Can the ceasefire hold?", "... explained"); or a detached
   text (at most 35% attributed sentences) that reasons: at least 0.3 analytic connectives
   (because, therefore, however, whether, the likely ...) a sentence, or 0.2 with one marker.
6. news: everything else; the evidence is its attributed sentences.
"""

from __future__ import annotations

import re

from newsdesk.framing import lexicon
from newsdesk.framing.voice import inside, quoted_regions
from newsdesk.model import Analysis, Cue, SentenceMode

GENRES = ("news", "opinion", "analysis", "press_release", "posts")
_PHRASES = {genre: re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I) for genre, phrases in lexicon.GENRE_PHRASES.items()}
_PERSONAL = frozenset({"first_person", "direct_address", "imperative"})
MAX_EVIDENCE = 12
# A genre label may sit under a dateline or a kicker, so the first few lines are read for it.
LABEL_LINES = 3


def classify_genre(analysis: Analysis, cues: list[Cue], modes: list[SentenceMode]) -> tuple[str, list[Cue], dict[str, float]]:
    """The genre, the cues that decided it, and the measures the rules read."""
    aid, text, prose = analysis.article.id, analysis.article.text, analysis.prose

    def cue(start: int, end: int, kind: str) -> Cue:
        return Cue(aid, start, end, text[start:end], kind)

    post_chars = sum(p.end - p.start for p in analysis.posts)
    prose_chars = sum(map(len, prose.split()))  # the characters that are not whitespace, counted in C
    post_share = post_chars / max(1, post_chars + prose_chars)
    first_line = _first_lines(prose, 1)[0]
    labels = {
        genre: cue(start + m.start(), start + m.end(), "genre_label")
        for start, line in reversed(_first_lines(prose, LABEL_LINES))
        for genre, pattern in lexicon.GENRE_LABELS.items()
        if (m := pattern.search(line))
    }
    quoted = quoted_regions(analysis)
    markers = {
        genre: [cue(m.start(), m.end(), f"{genre}_marker") for m in pattern.finditer(prose) if not inside(quoted, m.start(), m.end())]
        for genre, pattern in _PHRASES.items()
    }
    markers["press_release"] += [cue(m.start(), m.end(), "press_release_marker") for m in lexicon.PRESS_RELEASE_LINES.finditer(prose) if m.group().strip()]
    markers["press_release"] += [cue(m.start(), m.end(), "wire_dateline") for m in lexicon.WIRE_DATELINE.finditer(prose)]
    markers["press_release"] += [cue(m.start(), m.end(), "contact_details") for m in lexicon.CONTACT_LINE.finditer(prose)]
    markers["press_release"] += [cue(m.start(), m.end(), "self_announcement") for m in lexicon.SELF_ANNOUNCEMENT.finditer(prose) if not inside(quoted, m.start(), m.end())]
    if lexicon.EXPLANATORY_HEADLINE.search(first_line[1]):
        markers["analysis"].append(cue(first_line[0], first_line[0] + len(first_line[1].rstrip()), "explanatory_headline"))
    connectives = [cue(m.start(), m.end(), "analytic_connective") for m in lexicon.ANALYTIC_CONNECTIVES.finditer(prose) if not inside(quoted, m.start(), m.end())]
    disclaimers = [cue(r.start, r.end, "disclaimer") for r in analysis.removed if r.reason in ("editorial disclaimer", "author note")]
    disclaimers += [cue(m.start(), m.end(), "disclaimer") for m in lexicon.DISCLAIMERS.finditer(prose)]
    counted = [m for m in modes if m.end - m.start > 1]
    opinion_share = sum(m.mode == "opinion" for m in counted) / max(1, len(counted))
    attributed = [m for m in counted if m.mode == "attributed"]
    personal = [c for c in cues if c.kind in _PERSONAL]
    opinion_cues = [c for m in counted if m.mode == "opinion" for c in m.cues if c.kind != "speculation"]
    measures = {
        "post_share": round(post_share, 3),
        "posts": float(len(analysis.posts)),
        "opinion_sentences": round(opinion_share, 3),
        "attributed_sentences": round(len(attributed) / max(1, len(counted)), 3),
        "personal_cues": float(len(personal)),
        "press_release_markers": float(len(markers["press_release"])),
        "analysis_markers": float(len(markers["analysis"])),
        "opinion_markers": float(len(markers["opinion"])),
        "analytic_connectives": round(len(connectives) / max(1, len(counted)), 3),
        "disclaimers": float(len(disclaimers)),
    }

    if len(analysis.posts) >= 3 and post_share >= 0.4:
        evidence = [cue(p.start, p.end, "post") for p in analysis.posts]
        return "posts", evidence[:MAX_EVIDENCE], measures
    wire = [c for c in markers["press_release"] if c.kind == "wire_dateline"]
    if "press_release" in labels or wire or len(markers["press_release"]) >= 2:
        evidence = [labels["press_release"]] if "press_release" in labels else []
        return "press_release", (evidence + markers["press_release"])[:MAX_EVIDENCE], measures
    for genre in ("opinion", "analysis"):
        if genre in labels:
            return genre, ([labels[genre]] + disclaimers + markers[genre] + opinion_cues)[:MAX_EVIDENCE], measures
    voiced = (opinion_share >= 0.2 and len(personal) >= 2) or opinion_share >= 0.35
    if disclaimers or voiced or len(markers["opinion"]) >= 2:
        return "opinion", (disclaimers + markers["opinion"] + opinion_cues)[:MAX_EVIDENCE], measures
    rate, detached = measures["analytic_connectives"], measures["attributed_sentences"] <= 0.35
    if len(markers["analysis"]) >= 2 or (detached and (rate >= 0.3 or (markers["analysis"] and rate >= 0.2))):
        return "analysis", (markers["analysis"] + connectives)[:MAX_EVIDENCE], measures
    evidence = [c for m in attributed for c in m.cues if c.kind == "attribution"]
    return "news", evidence[:MAX_EVIDENCE], measures


def _first_lines(prose: str, count: int) -> list[tuple[int, str]]:
    """The first ``count`` non-blank lines of the prose, each with where it starts."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", prose)][:count]
    return lines or [(0, "")]
