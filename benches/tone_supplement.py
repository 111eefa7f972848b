#!/usr/bin/env python3
"""Write a tone lexicon with a second word list, for `corroborate eval tone --lexicon FILE`.

The second list is the adjective lexicon of pattern (De Smedt & Daelemans 2012, "Pattern for
Python", JMLR 13; public domain, PDDL), as TextBlob ships it in `textblob/en/en-sentiment.xml`:
per word form, the mean polarity (-1..1) and subjectivity (0..1) over its senses, as pattern reads
them. Words the built-in lexicon already lists (VADER's words, [news], not-evaluative, negators,
intensifiers) are left out; the rest are appended to its `words` list, with weight = scale x
polarity (VADER's scale is about -4..4), so they count only for words the lexicon lacked.

Get the file (no network at run time; PyPI is a package registry):
    pip download textblob --no-deps -d /tmp/tb && unzip -o -q /tmp/tb/textblob-*.whl -d /tmp/tb/x
Then:
    python3 benches/tone_supplement.py /tmp/tb/x/textblob/en/en-sentiment.xml \
        --scale 2 --min-polarity 0.1 --min-subjectivity 0.5 --negative-only > /tmp/tone-sup.toml
    target/release/corroborate eval tone ../shared/eval/basil --lexicon /tmp/tone-sup.toml

README ("Tone", tried and not kept) gives the figures measured with it.
"""
import argparse
import collections
import re
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "rubrics" / "lexicons" / "tone.toml"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xml", help="pattern's en-sentiment.xml")
    ap.add_argument("--scale", type=float, default=2.0)
    ap.add_argument("--min-polarity", type=float, default=0.1)
    ap.add_argument("--min-subjectivity", type=float, default=0.0)
    ap.add_argument("--negative-only", action="store_true")
    ap.add_argument("--lexicon", default=str(LEXICON), help="the lexicon to add to")
    a = ap.parse_args()
    text = Path(a.lexicon).read_text(encoding="utf-8")
    t = tomllib.loads(text)
    known = {l.strip().rsplit(None, 1)[0].lower() for l in t["words"].splitlines() if l.strip()}
    for key in ("news", "intensifiers"):
        known |= {k.lower() for k in t[key]}
    for key in ("not-evaluative", "negators"):
        known |= {k.lower() for k in t[key]}
    senses = collections.defaultdict(list)
    for w in ET.parse(a.xml).getroot().iter("word"):
        senses[w.get("form").lower()].append(
            (float(w.get("polarity")), float(w.get("subjectivity")))
        )
    lines = []
    for form, ss in sorted(senses.items()):
        if form in known or not re.fullmatch(r"[a-z][a-z'-]*[a-z]", form):
            continue
        pol = sum(s[0] for s in ss) / len(ss)
        subj = sum(s[1] for s in ss) / len(ss)
        if abs(pol) < a.min_polarity or subj < a.min_subjectivity:
            continue
        if a.negative_only and pol > 0:
            continue
        lines.append(f"{form} {max(-4.0, min(4.0, round(a.scale * pol, 2)))}")
    # The end of the `words = """..."""` block: the new lines go just before it.
    start = text.index('\nwords = """')
    end = text.index('"""', start + len('\nwords = """'))
    sys.stdout.write(text[:end] + "\n".join(lines) + "\n" + text[end:])
    print(f"{len(lines)} words added", file=sys.stderr)


if __name__ == "__main__":
    main()
