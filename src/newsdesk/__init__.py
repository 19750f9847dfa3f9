"""newsdesk: group news reports into events and lay out who said what, with provenance."""

__version__ = "0.1.0"


def analyze(paths, db=None, progress=False):
    """Ingest ``paths`` (files, directories, globs) and return the :class:`~newsdesk.model.Dossier`."""
    from newsdesk.pipeline import analyze as _analyze

    return _analyze(paths, db=db, progress=progress)
