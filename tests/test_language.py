"""The cheap first test for plainly English prose (``plainly_english``) says English only where
lingua, reading the same prose whole, is sure of English: the articles' stored languages are the
same with it as without it, and lingua still decides everything else."""

from newsdesk import resources
from newsdesk.analyse.language import PLAINLY_ONE_LANGUAGE, mixes_scripts, plainly_english
from newsdesk.clean import clean
from newsdesk.eval import ecbplus, meantime
from newsdesk.ingest import article_from_text


def _lingua_sure_of_english(text: str) -> bool:
    values = resources.language_detector().compute_language_confidence_values(text)
    return values[0].language.iso_code_639_1.name.lower() == "en" and values[0].value >= PLAINLY_ONE_LANGUAGE and not mixes_scripts(text)


def _prose(text: str) -> str:
    return clean(article_from_text(text)).prose


def test_what_it_calls_english_lingua_reads_as_english_with_full_confidence():
    english = [_prose(d.text) for d in ecbplus.load_documents()[::8]] + [_prose(d.text) for d in meantime.load_documents("en")[::4]]
    spanish = [_prose(d.text) for d in meantime.load_documents("es")]
    said = [text for text in english + spanish if plainly_english(text)]
    assert len(said) > 0.7 * len(english)  # it spares lingua most English news
    assert all(_lingua_sure_of_english(text) for text in said)
    assert not any(plainly_english(text) for text in spanish)


def test_a_paragraph_in_another_language_or_a_short_text_is_left_to_lingua():
    report = _prose(ecbplus.load_documents()[0].text)
    spanish = next(line for d in meantime.load_documents("es") for line in d.text.splitlines() if len(line.split()) > 15)
    assert plainly_english(report)
    assert not plainly_english(report + "\n" + spanish)
    assert not plainly_english(" ".join(report.split()[:40]))  # too few words to be sure without lingua
    assert not plainly_english(report + "\n" + "Президент заявил, что переговоры продолжатся.")
