"""Screenshots of the web UI on the seed corpus: out/events.png, out/event.png (the event page as
it opens: the quiet view, no annotation layer on), out/event-map.png (the map of its places) and
out/event-figures.png (each figure as each source gave it).

    .venv/bin/python scripts/screenshot.py [--out out] [--corpus ../shared/corpus/seeds]

Ingests the seeds into a temporary store, serves it and photographs the events list and the
event page with headless Chromium (/usr/bin/chromium), in a fresh profile, so the layers are as
a new reader first sees them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsdesk.pipeline import ingest
from newsdesk.serve.testing import browser_missing, headless_chromium, running_server
from newsdesk.store import Store

PAGE_HEIGHT_CAP = 4200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out"))
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"))
    args = parser.parse_args()
    if reason := browser_missing():
        raise SystemExit(f"screenshot: {reason}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-screenshot-") as folder:
        db = Path(folder) / "newsdesk.db"
        with Store(db) as store:
            ingest([args.corpus], store)
        with running_server(db) as base, headless_chromium() as browser:
            browser.get(base + "/")
            event_link = browser.find_element("css selector", "table.events td.title a").get_attribute("href")
            browser.get(event_link)  # builds the dossier, so the events list below shows the full row
            browser.get(base + "/")
            _photograph(browser, args.out / "events.png")
            browser.get(event_link)
            _photograph(browser, args.out / "event.png")
            for section in ("map", "figures"):
                browser.find_element("id", section).screenshot(str(args.out / f"event-{section}.png"))
    print(f"wrote {', '.join(str(args.out / name) for name in ('events.png', 'event.png', 'event-map.png', 'event-figures.png'))}")


def _photograph(browser, path: Path) -> None:
    height = min(browser.execute_script("return document.documentElement.scrollHeight"), PAGE_HEIGHT_CAP)
    browser.set_window_size(1440, max(height, 700))
    time.sleep(0.3)
    browser.save_screenshot(str(path))


if __name__ == "__main__":
    main()
