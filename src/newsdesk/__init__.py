"""newsdesk: group news reports into events and lay out who said what, with provenance.

    import newsdesk
    dossier = newsdesk.analyze("articles/")          # a path, a glob, or a list of them
    dossier.save("out/dossier.json")                  # also .md and .html
    document = dossier.to_json()                      # the newsdesk.dossier/1 contract as a dict
"""

__version__ = "0.1.0"


def analyze(paths, db=None, progress=False):
    """Ingest ``paths`` and return the :class:`~newsdesk.model.Dossier` of every event.

    ``paths`` is one path (``str`` or ``pathlib.Path``: a file, a directory read recursively, a
    glob, or ``"-"`` for stdin) or a list of them. ``db`` is a store file to ingest into and keep;
    by default a temporary store is used and removed afterwards."""
    from newsdesk.pipeline import analyze as _analyze

    return _analyze(as_path_list(paths), db=db, progress=progress)


def as_path_list(paths) -> list[str]:
    """One path or many, as the list of strings the pipeline reads: a single ``str`` is one path,
    never a sequence of one-letter paths."""
    import os

    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    return [os.fsdecode(p) if isinstance(p, (bytes, os.PathLike)) else p for p in paths]
