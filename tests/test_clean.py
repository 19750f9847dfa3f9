from newsdesk.clean import clean
from newsdesk.ingest import article_from_text


def _clean_file(path):
    article = article_from_text(path.read_text(encoding="utf-8"), path=str(path))
    return article, clean(article)


def test_seed_tweets_are_lifted_out_with_handles_and_dates(seed_column):
    article, cleaned = _clean_file(seed_column)
    found = {(p.handle, p.date) for p in cleaned.posts}
    assert found == {
        ("TehranTimes79", "2021-11-07"),
        ("ali_almikdam", "2021-11-07"),
        ("Mustafa_salimb", "2021-11-07"),
        ("nafisehkBBC", "2021-10-23"),
        ("DavidMWitty1", "2021-11-07"),
        ("KasraAarabi", "2021-10-12"),
        ("HamdiAMalik", "2021-10-17"),
    }
    by_handle = {p.handle: p for p in cleaned.posts}
    assert by_handle["TehranTimes79"].author == "Tehran Times"
    assert by_handle["TehranTimes79"].text.startswith("Iraq's Prime Minister Mustafa al-Kadhimi survived")
    assert by_handle["ali_almikdam"].links == ("https://t.co/8u0b2cnHGS", "pic.twitter.com/rGeRfAszXq")
    assert "received treatment at Ibn Sina Hospital" in by_handle["ali_almikdam"].text
    assert by_handle["nafisehkBBC"].text.startswith("Near Green Zone, Baghdad, now.")
    # The column's own prose right before a tweet stays in the prose.
    assert "One of the points flares up" not in by_handle["TehranTimes79"].text
    assert "We know them and we will reveal them" not in by_handle["DavidMWitty1"].text
    for post in cleaned.posts:
        assert article.text[post.start : post.end] == post.text
        assert post.text.strip() not in cleaned.prose


def test_gallery_link_and_disclaimer_are_removed_with_reasons(seed_column):
    article, cleaned = _clean_file(seed_column)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["To the gallery page"] == "gallery link"
    assert reasons["The point of view of the author may not coincide with the position of the editorial board."] == "editorial disclaimer"
    assert "To the gallery page" not in cleaned.prose
    assert "Prime Minister Mustafa al-Kazimi was fired upon" in cleaned.prose


def test_prose_keeps_every_offset_of_the_original(seed_column, seed_report):
    for path in (seed_column, seed_report):
        article, cleaned = _clean_file(path)
        assert len(cleaned.prose) == len(article.text)
        assert [i for i, ch in enumerate(article.text) if ch == "\n"] == [i for i, ch in enumerate(cleaned.prose) if ch == "\n"]
        for removal in cleaned.removed:
            assert article.text[removal.start : removal.end] == removal.text
            assert not cleaned.prose[removal.start : removal.end].strip()


def test_news_report_without_furniture_loses_nothing(seed_report):
    article, cleaned = _clean_file(seed_report)
    assert cleaned.posts == [] and cleaned.removed == []
    assert cleaned.prose == article.text


def test_instagram_facebook_and_prompts():
    text = (
        "Floodwater reached the first floor of the town hall on Monday.\n\n"
        "View this post on Instagram\n\n"
        "The river is still rising, stay safe everyone #flood\n\n"
        "A post shared by City of Lyon (@villedelyon) on Nov 7, 2021 at 3:12pm PST\n\n"
        "Posted by Lyon Fire Service on Sunday, November 7, 2021\n\n"
        "Read also: How the 2003 floods changed the city\n\n"
        "Subscribe to our newsletter\n\n"
        "Photo: AFP / Jean Dupont\n\n"
        "https://www.youtube.com/watch?v=abc123\n\n"
        "The mayor said evacuations would continue overnight."
    )
    article = article_from_text(text)
    cleaned = clean(article)
    platforms = {(p.platform, p.handle, p.date) for p in cleaned.posts}
    assert ("instagram", "villedelyon", "2021-11-07") in platforms
    assert ("facebook", None, "2021-11-07") in platforms
    reasons = sorted(r.reason for r in cleaned.removed)
    assert "share or subscribe prompt" in reasons and "caption" in reasons and "bare link" in reasons
    assert "Floodwater reached the first floor" in cleaned.prose
    assert "The mayor said evacuations would continue overnight." in cleaned.prose
    assert "Subscribe" not in cleaned.prose and "youtube" not in cleaned.prose


def _giveme_article(name):
    from newsdesk.eval import corpus_root
    from newsdesk.ingest import read_inputs

    (article,) = list(read_inputs([str(corpus_root() / "giveme5w1h" / "dev" / f"{name}.json")]))
    return article


def test_tweets_flattened_inline_by_the_crawler_are_lifted_out_as_posts():
    # news-please leaves an embedded tweet as one paragraph ending in its signature:
    # "... “How’s Michael/How’s Sarah?” — Sarah Silverman (@SarahKSilverman) February 5, 2018"
    article = _giveme_article("03f08e59e2d3cc90f3ef2b117f6dca8e2fe6954006800fcaca5861b0")
    cleaned = clean(article)
    (post,) = cleaned.posts
    assert (post.platform, post.handle, post.author, post.date) == ("twitter", "SarahKSilverman", "Sarah Silverman", "2018-02-05")
    assert post.text.startswith("The great @michaelsheen & I consciously uncoupled over Christmas.")
    assert "(@SarahKSilverman) February 5, 2018" not in cleaned.prose
    # the report's own lead, a short paragraph just above the post, stays the report's
    assert "Sarah Silverman and Michael Sheen have broken up." in cleaned.prose
    # an RT report quoting the zoo's tweets of two days in 2016, each at the end of its paragraph
    zoo = clean(_giveme_article("1d6a1d7d6226cd0a40900eeb65e69ae27e2226450fd6037c47f35405"))
    assert [(p.handle, p.date) for p in zoo.posts] == [("CincinnatiZoo", "2016-05-28"), ("CincinnatiZoo", "2016-05-27")]
    assert zoo.posts[1].text.startswith("Happy 17th birthday to silverback gorilla Harambe!")
    assert "May 27, 2016" not in zoo.prose
