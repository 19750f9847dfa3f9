"""Event titles (issue 19, point 7): an event keeps its title as reports arrive; a one-line text
and a text whose first line is a full sentence still give one. Real reports: Giveme5W1H texts
(news-please JSON) written out as plain .txt files, first line and all."""

import json

from newsdesk.pipeline import build_dossier, ingest
from newsdesk.store import Store

from conftest import CORPUS


def _gorilla_reports() -> list[str]:
    """The Giveme5W1H reports of one story (the gorilla shot at Cincinnati Zoo), as plain text."""
    texts = []
    for path in sorted((CORPUS / "giveme5w1h" / "dev").glob("*.json")):
        text = (json.loads(path.read_text(encoding="utf-8"))["text"] or "").strip()
        if "Cincinnati Zoo" in text[:600] and "gorilla" in text[:600].lower():
            texts.append(text)
    assert len(texts) >= 3
    return texts


def test_an_event_keeps_its_title_as_reports_arrive(tmp_path):
    seen = []
    with Store(tmp_path / "t.db") as store:
        for number, text in enumerate(_gorilla_reports()[:4]):
            path = tmp_path / f"report{number}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            ingest([str(path)], store)
            first = store.articles()[0].id
            event = next(e for e in build_dossier(store).events if first in e.article_ids)
            seen.append((event.title, len(event.article_ids)))
    assert seen[-1][1] >= 3, seen  # the story gathered its reports
    assert seen[0][0] and all(title == seen[0][0] for title, _ in seen), seen


def test_a_one_line_text_and_a_first_line_sentence_give_a_title(tmp_path):
    one_line = tmp_path / "one.txt"
    one_line.write_text("Floods cut off the town of Sylhet on Monday, officials said.\n", encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("NEW YORK (AP) —\nRihanna is mourning the death of her cousin and calling for an end to gun violence.\nMore text.\n", encoding="utf-8")
    with Store(tmp_path / "t.db") as store:
        ingest([str(one_line), str(dated)], store)
        titles = {e.title for e in build_dossier(store).events}
    assert "Floods cut off the town of Sylhet on Monday, officials said." in titles
    assert "Rihanna is mourning the death of her cousin and calling for an end to gun violence." in titles
