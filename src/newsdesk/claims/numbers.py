"""Numbers in news prose: figures and number words, vague quantities, ranges and changes.

A quantity is an interval ``[low, high]`` (``high`` None means open-ended, "more than 100"),
``exact`` when a single figure was stated without qualification. Decisions:

- Number words and figures ("three", "twenty-one", "1,200", "2.5 million", "a dozen") are exact.
- Approximators widen a figure: "about/around/some/roughly N" covers 0.8N-1.1N, "nearly/almost
  N" 0.9N-N ("almost 50" against "40" is another figure; a share, "almost half", 0.8N-N), "more than/over N" is (N, open), "at least N" is [N, open),
  "fewer than/under N" is [0, N), "at most/up to N" is [0, N], "only N" stays exact.
- Vague quantity words are fixed intervals: "a few" 2-4, "several" 3-9, "a dozen" 12,
  "dozens" 24-99, "scores" 40-99, "hundreds" 200-999, "thousands" 2000-9999, "millions" 2e6-1e9.
- Proportions ("half", "a third", "N percent", "most") are fractions of a whole, flagged
  ``proportion``: "almost half" is [0.4, 0.5].
- Ranges "between 10 and 20", "10 to 20", "10-20" are [10, 20].
"""

from __future__ import annotations

import re

from newsdesk.model import Amount

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}

VAGUE = {
    "few": (2, 4), "a few": (2, 4), "several": (3, 9), "a couple": (2, 3), "a couple of": (2, 3),
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999), "millions": (2e6, 1e9),
}
FRACTIONS = {
    "half": 0.5, "a half": 0.5, "third": 1 / 3, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3,
    "quarter": 0.25, "a quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75,
}
VAGUE_PROPORTIONS = {"most": (0.5, 0.95), "the majority": (0.5, 0.95), "a majority": (0.5, 0.95), "all": (1.0, 1.0)}

ALMOST_SHARE = 0.9  # "almost N" of a count reaches down to 0.9N (dev: "injuring 40" / "injured almost 50", one quake)
_APPROXIMATORS = (
    ("more than", "above"), ("over", "above"), ("upwards of", "above"), ("in excess of", "above"),
    ("at least", "at-least"), ("no fewer than", "at-least"), ("no less than", "at-least"), ("a minimum of", "at-least"),
    ("fewer than", "below"), ("less than", "below"), ("under", "below"),
    ("at most", "at-most"), ("up to", "at-most"), ("as many as", "at-most"), ("no more than", "at-most"),
    ("almost", "almost"), ("nearly", "almost"), ("close to", "almost"), ("just under", "almost"), ("barely", "almost"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("circa", "about"), ("or so", "about"),
    ("only", "exact"), ("just", "exact"), ("exactly", "exact"), ("a total of", "exact"), ("all", "exact"),
)
APPROXIMATOR = re.compile(r"\b(" + "|".join(re.escape(a) for a, _ in _APPROXIMATORS) + r")\s*$", re.IGNORECASE)

# A figure whose thousands a detokeniser split off ("200, 000", "1, 500": the ECB+ texts): one figure.
_SPLIT_THOUSANDS = re.compile(r"(?<=\d), (?=\d{3}\b)")
_FIGURE = re.compile(r"^\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s*(?:-|–|to|and)\s*(.+)$", re.IGNORECASE)
_PERCENT = re.compile(r"^(.+?)\s*(?:%|per\s?cent|percent)$", re.IGNORECASE)


def label(amount: Amount | None) -> str:
    """A short reading of an amount: "6", "3–9", "100+", "40%–50%"."""
    if amount is None:
        return "?"

    def show(x: float) -> str:
        if amount.proportion:
            return f"{x:.0%}"
        return f"{x:,.0f}" if x == int(x) else f"{x:g}"

    if amount.exact or amount.high == amount.low:
        return show(amount.low)
    if amount.high is None:
        return f"{show(amount.low)}+"
    return f"{show(amount.low)}–{show(amount.high)}"


def number_value(words: str) -> float | None:
    """The value of a figure or number phrase ("1,200", "2.5 million", "twenty-one", "a dozen"), else None."""
    if re.search(r"\d\s*[-–]\s*\d", words):
        return None  # a range, not a compound number word
    text = " ".join(words.lower().replace("-", " ").split())
    if not text:
        return None
    if _FIGURE.match(text):
        return float(re.sub(r"[,\s]", "", text))
    total, current, seen = 0.0, 0.0, False
    for word in text.split():
        if _FIGURE.match(word):
            if seen:
                return None
            current += float(word.replace(",", ""))
        elif word in UNITS and not (word in ("a", "an", "no") and seen):
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and" and seen:
            continue
        else:
            return None
        seen = True
    value = total + current
    return value if seen and text not in ("a", "an") else None


def parse_amount(phrase: str) -> Amount | None:
    """The quantity a phrase states: "six", "more than 100", "almost half", "several", "10-20", "40%"."""
    text = " ".join(phrase.lower().split()).strip(" ,.;")
    if re.fullmatch(r"(?:.*\D)?\d{1,3}(?:, \d{3})+", text):
        text = _SPLIT_THOUSANDS.sub(",", text)
    if not text:
        return None
    kind = "exact"
    for approximator, approximation in sorted(_APPROXIMATORS, key=lambda a: -len(a[0])):
        if text.startswith(approximator + " "):
            kind, text = approximation, text[len(approximator) + 1 :]
            break
    base = _base_amount(text)
    if base is None:
        return None
    return _approximate(base, kind)


def approximation_before(text: str) -> str | None:
    """The approximator ending ``text`` (the words just before a figure), e.g. "more than"."""
    match = APPROXIMATOR.search(text)
    return match.group(1).lower() if match else None


def _base_amount(text: str) -> Amount | None:
    if text in VAGUE:
        low, high = VAGUE[text]
        return Amount(low, high, exact=False)
    if text in FRACTIONS:
        return Amount(FRACTIONS[text], FRACTIONS[text], exact=True, proportion=True)
    if text in VAGUE_PROPORTIONS:
        low, high = VAGUE_PROPORTIONS[text]
        return Amount(low, high, exact=text == "all", proportion=True)
    percent = _PERCENT.match(text)
    if percent:
        value = number_value(percent.group(1))
        return None if value is None else Amount(value / 100, value / 100, exact=True, proportion=True)
    value = number_value(text)
    if value is not None:
        return Amount(value, value, exact=True)
    ranged = _RANGE.match(text)
    if ranged:
        low, high = number_value(ranged.group(1)), number_value(ranged.group(2))
        if low is not None and high is not None and low < high:
            return Amount(low, high, exact=False)
    return None


def _approximate(base: Amount, kind: str) -> Amount:
    low, high, proportion = base.low, base.high, base.proportion
    if kind == "exact" or (high is not None and high != low):
        return base
    if kind == "above":
        return Amount(low, None, exact=False, proportion=proportion)
    if kind == "at-least":
        return Amount(low, None, exact=False, proportion=proportion)
    if kind == "below":
        return Amount(0, low, exact=False, proportion=proportion)
    if kind == "at-most":
        return Amount(0, low, exact=False, proportion=proportion)
    if kind == "almost":
        # "almost 50 people" is 45-49 (said of 40, a writer says "about 40"); a share in words is
        # looser ("almost half" is 40%-50%)
        return Amount(low * (0.8 if proportion else ALMOST_SHARE), low, exact=False, proportion=proportion)
    return Amount(low * 0.8, low * 1.1, exact=False, proportion=proportion)  # about
