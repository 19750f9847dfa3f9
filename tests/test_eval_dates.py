from newsdesk.eval import dates_eval


def test_the_dates_gold_names_real_reports_and_labels_the_written_ones():
    rows = {split: dates_eval.load_gold(split) for split in dates_eval.SPLITS}
    assert sum(len(r) for r in rows.values()) >= 40 and all(len(r) >= 20 for r in rows.values())
    assert len(rows["test2"]) >= 30
    ids = [row["id"] for split in rows.values() for row in split]
    assert len(ids) == len(set(ids))
    for row in rows["dev"] + rows["test"] + rows["test2"]:
        assert len(row["event_date"]) == 10 and row["evidence"] and row["kind"]
        if row["corpus"] == "written":
            assert row["evidence"].startswith("written edge case") and row["text"]
        else:
            assert "text" not in row  # corpus text is read from ../shared/corpus, never copied
    article = dates_eval.gold_article(next(r for r in rows["dev"] if r["corpus"] == "giveme5w1h"))
    assert article.published and not article.published_inferred and article.source
