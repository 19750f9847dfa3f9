from newsdesk.analyse import analyse_articles
from newsdesk.events import compare, compare_all, summarise
from newsdesk.eval import ecbplus
from newsdesk.ingest.article import article_from_text
from newsdesk.link import link_entities


def test_seed_pair_is_one_event_dated_and_placed(seed_paths):
    articles = [article_from_text(p.read_text(), path=str(p)) for p in seed_paths]
    analyses = [analysis for analysis, _ in analyse_articles(articles)]
    event = summarise("ev-seed", analyses, link_entities(analyses))
    assert event.date == "2021-11-07" and event.date_source
    assert event.places[0].name == "Baghdad"
    assert any("Kazimi" in entity.name or "Kazemi" in entity.name for entity in event.entities)
    sentence = event.summary_sentence
    text = next(a.article.text for a in analyses if a.article.id == sentence.article_id)
    assert text[sentence.start : sentence.end] == sentence.text
    assert "drone" in sentence.text


def test_an_event_without_headlines_is_titled_by_its_sentence_cut_to_headline_length():
    # ECB+ 41_4ecb has no headline and opens with a 300-character sentence
    document = next(d for d in ecbplus.load_documents([41]) if d.name == "41_4ecb")
    analyses = [analysis for analysis, _ in analyse_articles([article_from_text(document.text)])]
    event = summarise("ev-gaza", analyses, link_entities(analyses))
    assert event.title.startswith("SEVENTEEN hours after the attack") and event.title.endswith("…")
    assert len(event.title) <= 121


def test_the_event_date_counts_each_article_once_and_names_its_first_mention():
    texts = [
        "Quake shakes Valdoria\nMarch 14, 2013\nA quake shook Valdoria on Thursday. Today, March 14, schools stayed shut.",
        "Valdoria counts damage\nMarch 15, 2013\nThe quake that struck Valdoria on Thursday damaged 40 homes.",
    ]
    analyses = [analysis for analysis, _ in analyse_articles([article_from_text(text) for text in texts])]
    event = summarise("ev-quake", analyses, link_entities(analyses))
    assert event.date == "2013-03-14"
    assert event.date_source.startswith("text: 'March 14, 2013'") and event.date_source.endswith("(2/2 articles)")


def test_compare_scores_the_seed_pair_closer_than_an_unrelated_report(seed_paths):
    document = ecbplus.load_documents([41])[0]
    articles = [article_from_text(p.read_text(), path=str(p)) for p in seed_paths]
    articles.append(article_from_text(document.text, title=document.title))
    column, report, unrelated = [analysis for analysis, _ in analyse_articles(articles)]
    same = compare(column, report)
    different = compare(column, unrelated)
    # all pairs at once (each article embedded once) score exactly as pair by pair
    pairs = compare_all([column, report, unrelated])
    assert [(a, b) for a, b, _ in pairs] == [(column, report), (column, unrelated), (report, unrelated)]
    assert pairs[0][2] == same and pairs[1][2] == different
    assert set(same) == {"geography", "entities", "time", "narrative", "overall", "style", "tone"}
    assert all(1.0 <= value <= 4.0 for value in (*same.values(), *different.values()))
    for dimension in ("geography", "entities", "narrative", "overall"):
        assert same[dimension] < different[dimension], dimension

