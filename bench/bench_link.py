"""Link 100k synthetic mentions and time it, against 10k in the same process.

Usage: python bench/bench_link.py [--mentions 100000] [--baseline 10000]

Articles of 20 mentions each draw people, organisations and places from a large
population (Zipf-like, so popular names recur across many articles), each mention
spelled with random romanisation changes (dh/z, kh/h, q/k, ou/u, i/e, doubled
letters, al-), sometimes by family name alone and sometimes mis-tagged. Near-linear
scaling shows as seconds per 1k mentions staying flat from the baseline to the full run.
"""

from __future__ import annotations

import argparse
import random
import time

from newsdesk.link import link_entities, resolve_place
from newsdesk.model import Analysis, Article, Mention

GIVEN = ["Mustafa", "Haider", "Qasim", "Hassan", "Ali", "Khalid", "Yousef", "Ibrahim", "Nouri", "Sadiq",
         "Mahmoud", "Omar", "Karim", "Ziad", "Tariq", "Faisal", "Jamal", "Rashid", "Walid", "Samir"]
SYLLABLES = ["ka", "dhi", "zi", "mi", "sa", "la", "ha", "ri", "ba", "qa", "kha", "nu", "ta", "fa", "jo",
             "ma", "di", "shi", "ra", "wa", "bi", "ya", "gha", "lu", "ni"]
ORG_WORDS = ["Front", "Party", "Council", "Bank", "Alliance", "Movement", "Brigades", "Times", "Company"]
CITIES = ["Baghdad", "Mosul", "Basra", "Tehran", "Damascus", "Aleppo", "Beirut", "Kyiv", "Moscow", "Cairo",
          "Riyadh", "Ankara", "Istanbul", "Amman", "Kabul", "Karachi", "Lagos", "Nairobi", "Paris", "Berlin"]
RESPELLINGS = [("dh", "z"), ("z", "dh"), ("kh", "h"), ("q", "k"), ("ou", "u"), ("u", "ou"), ("i", "e"),
               ("e", "i"), ("ss", "s"), ("s", "ss"), ("y", "i")]


def respell(name: str, rng: random.Random) -> str:
    for old, new in rng.sample(RESPELLINGS, 2):
        if old in name and rng.random() < 0.5:
            name = name.replace(old, new, 1)
    return name


def population(size: int, rng: random.Random) -> list[tuple[str, str]]:
    people = []
    for _ in range(size):
        family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        kind = rng.random()
        if kind < 0.7:
            people.append((f"{rng.choice(GIVEN)} al-{family}", "PERSON"))
        elif kind < 0.9:
            people.append((f"{family} {rng.choice(ORG_WORDS)}", "ORG"))
        else:
            people.append((rng.choice(CITIES), "GPE"))
    return people


def surface(name: str, label: str, rng: random.Random) -> tuple[str, str]:
    if label == "PERSON" and rng.random() < 0.3:
        name = name.split()[-1]  # family name alone
    if label != "GPE":
        name = respell(name, rng)
    if rng.random() < 0.1:
        label = rng.choice(["PERSON", "ORG", "GPE"])  # the tagger's mistakes
    return name, label


def synthetic_analyses(mentions: int, seed: int = 7, per_article: int = 20) -> list[Analysis]:
    rng = random.Random(seed)
    names = population(max(200, mentions // 20), rng)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    analyses = []
    for number in range(mentions // per_article):
        article_id = f"a{number}"
        parts, spans, cursor = [], [], 0
        for name, label in rng.choices(names, weights, k=per_article):
            text, tag = surface(name, label, rng)
            spans.append(Mention(article_id, cursor + 4, cursor + 4 + len(text), text, tag))
            sentence = f"And {text} spoke. "
            parts.append(sentence)
            cursor += len(sentence)
        prose = "".join(parts)
        analyses.append(Analysis(Article(article_id, prose, f"<{article_id}>"), prose, mentions=spans))
    return analyses


def timed(mentions: int) -> tuple[float, int]:
    analyses = synthetic_analyses(mentions)
    start = time.perf_counter()
    entities = link_entities(analyses, {a.article.id: f"e{i // 50}" for i, a in enumerate(analyses)})
    return time.perf_counter() - start, len(entities)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    args = parser.parse_args()
    resolve_place("Baghdad")  # build the gazetteer index outside the timings
    base_seconds, base_entities = timed(args.baseline)
    full_seconds, full_entities = timed(args.mentions)
    base_rate = base_seconds / args.baseline * 1000
    full_rate = full_seconds / args.mentions * 1000
    print(f"{args.baseline:>7} mentions: {base_seconds:6.2f}s  {base_rate:.3f}s per 1k  {base_entities} entities")
    print(f"{args.mentions:>7} mentions: {full_seconds:6.2f}s  {full_rate:.3f}s per 1k  {full_entities} entities")
    print(f"scaling: {args.mentions // args.baseline}x the mentions took {full_seconds / base_seconds:.1f}x the time "
          f"(per-mention cost ratio {full_rate / base_rate:.2f}; 1.00 is linear)")


if __name__ == "__main__":
    main()
