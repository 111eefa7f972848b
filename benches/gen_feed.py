#!/usr/bin/env python3
"""Synthetic news feed for benchmarks: JSONL items {id, title, text, source, published, story}.

Every word comes from the templates below (written for this project; no third-party text). Each
story is one event (a kind, a place, a person, figures, a day); 2-8 outlets report it in their own
words (templates reorder and rephrase; background paragraphs vary), and some reports are wire copies
republished verbatim under another masthead. Items are written in publication order. Article length
is drawn around `--words` (default 420, a typical news story), lede first.

    python3 benches/gen_feed.py --items 100000 --seed 7 > /tmp/synth-100k.jsonl
"""
import argparse
import datetime
import json
import random
import sys

PLACES = ["Valdora", "Port Emsley", "Karthen", "Lisvale", "Marrow Bay", "Oskten", "Bellmoor", "Tarrin",
          "Quillon", "Redwater", "Sundby", "Ervaux", "Halvik", "Norcastle", "Drennick", "Ashford Vale",
          "Cobrin", "Veymouth", "Ilsan", "Pellgrave", "Zarnow", "Kestrel Point", "Amberlee", "Fonthill"]
FIRST = ["Maria", "Jonas", "Aiko", "Samuel", "Leila", "Tomas", "Grace", "Viktor", "Nadia", "Omar",
         "Helena", "Pavel", "Ines", "Rafael", "Yusuf", "Clara", "Dmitri", "Amara", "Felix", "Sofia"]
LAST = ["Brandt", "Okafor", "Lindqvist", "Moreau", "Castell", "Haddad", "Novak", "Ferreira", "Sato",
        "Whitlock", "Ivanova", "Mbeki", "Larsen", "Duarte", "Kowalski", "Reyes", "Albrecht", "Osei"]
ORGS = ["the Finance Ministry", "the Harbour Authority", "Norland Rail", "Vantor Energy", "the Supreme Court",
        "the Health Agency", "Kessel Motors", "the Central Bank", "the Port Workers Union", "Aldan Pharma",
        "the Electoral Commission", "Brightline Airlines", "the Water Board", "Corvel Mining"]
SOURCES = ["Daily Ledger", "Evening Courier", "The Morning Standard", "City Chronicle", "Northern Times",
           "Coastal Herald", "Metro Observer", "National Dispatch", "The Independent Voice", "Valley Gazette",
           "Wire Service One", "Global Newswire", "The Weekly Review", "Capital Report", "Union Tribune",
           "Harbour Post", "Frontier Journal", "Republic Press", "Lakeside Sentinel", "The Daily Signal"]
WIRES = ["Wire Service One", "Global Newswire"]

KINDS = {
    "quake": {
        "titles": ["Magnitude {m} earthquake strikes near {place}", "{n} killed as quake hits {place}",
                   "{place} earthquake: death toll rises to {n}", "Strong quake shakes {place}, {n} dead"],
        "ledes": ["A magnitude {m} earthquake struck near {place} on {day}, killing at least {n} people and damaging {k} homes, officials said.",
                  "At least {n} people died when a {m}-magnitude quake hit {place} early {day}, according to {org}.",
                  "Rescuers searched collapsed buildings in {place} after a magnitude {m} earthquake on {day} left {n} people dead."],
        "facts": ["{person}, who leads the regional emergency office, said {k} homes had been damaged.",
                  "The quake was felt as far as {place2}, about {d} kilometres away.",
                  "Aftershocks continued through the night, the seismological institute said.",
                  "Schools in {place} will stay closed until {day2}, the mayor announced.",
                  "{org} said it had sent {k2} emergency workers to the area."],
    },
    "rates": {
        "titles": ["{org} raises interest rate to {r} percent", "Rates rise to {r}% as {org} fights inflation",
                   "{org} lifts key rate by a quarter point", "Borrowing costs climb: {org} moves to {r} percent"],
        "ledes": ["{org} raised its main interest rate to {r} percent on {day}, citing persistent inflation.",
                  "Borrowing costs rose on {day} after {org} lifted its key rate by a quarter point to {r} percent.",
                  "In a split decision on {day}, {org} increased its benchmark rate to {r} percent."],
        "facts": ["{person}, the governor, said inflation had stayed above target for {n} months.",
                  "Two board members voted to keep rates unchanged, the minutes showed.",
                  "Analysts had expected the move after inflation reached {r2} percent in the last quarter.",
                  "The currency rose {p} percent against the dollar after the announcement.",
                  "Mortgage lenders in {place} said they would pass the increase on within weeks."],
    },
    "strike": {
        "titles": ["{org} workers walk out in {place}", "Strike halts {org} operations across {place}",
                   "Thousands join {org} strike over pay", "{place}: {org} strike enters day {n}"],
        "ledes": ["Workers at {org} in {place} began a strike on {day} over pay, halting most operations.",
                  "About {k} employees of {org} walked out on {day}, demanding a pay rise of {p} percent.",
                  "A strike at {org} disrupted services across {place} on {day}, union leaders said."],
        "facts": ["{person}, a union spokesperson, said talks had broken down after {n} rounds.",
                  "Management offered a rise of {p2} percent, which the union rejected.",
                  "Commuters in {place} faced long delays, local officials said.",
                  "The labour ministry called both sides to a meeting on {day2}.",
                  "The last strike at the company, in {year}, lasted {n} days."],
    },
    "court": {
        "titles": ["Court rules against {org} in {place} case", "{person} wins appeal before the Supreme Court",
                   "Judges strike down {org} decision", "Landmark ruling in {place}: {org} must pay {money}"],
        "ledes": ["The Supreme Court ruled on {day} that {org} must pay {money} to residents of {place}.",
                  "Judges sided with {person} on {day}, ordering {org} to pay {money} in damages.",
                  "In a {v1}-{v2} decision on {day}, the court found that {org} had acted unlawfully in {place}."],
        "facts": ["The case was brought by {person} on behalf of {k} households.",
                  "Lawyers for {org} said they would study the ruling before deciding on next steps.",
                  "The dispute began in {year} when {org} changed its rules without notice.",
                  "Lower courts had ruled in favour of {org} twice.",
                  "Campaigners gathered outside the court in {place} to hear the verdict."],
    },
    "storm": {
        "titles": ["Storm batters {place}, {n} dead", "Floods hit {place} as storm {storm} moves inland",
                   "Storm {storm}: thousands without power in {place}", "{place} counts the cost of storm {storm}"],
        "ledes": ["Storm {storm} hit {place} on {day} with winds of {w} kilometres an hour, killing {n} people.",
                  "Thousands of homes in {place} lost power on {day} as storm {storm} brought floods and high winds.",
                  "At least {n} people died and {k} were evacuated when storm {storm} reached {place} on {day}."],
        "facts": ["{person}, who heads the civil protection agency, said {k2} homes were still without power.",
                  "Rail services between {place} and {place2} were suspended.",
                  "The weather service had issued a red warning {n} hours before the storm arrived.",
                  "Rivers rose by {d} metres in some areas, officials said.",
                  "{org} said repairs could take until {day2}."],
    },
}
BACKGROUND = [
    "The region has seen several similar events in recent years, and officials have promised reviews of their plans.",
    "Local residents said they had long warned about the risks, but little had changed.",
    "Opposition politicians called for an inquiry and asked the government to publish its reports.",
    "Economists said the effects on prices and jobs would become clearer over the coming months.",
    "The government said it would set out further measures in a statement to parliament next week.",
    "Community groups organised collections of food and clothing for those affected.",
    "Officials urged people to follow official channels for updates and to avoid spreading rumours.",
    "Insurance companies said they were assessing the claims and expected them to rise.",
    "The announcement came at a time of tension between the national and regional authorities.",
    "International partners offered support, and several sent experts to help with the assessment.",
    "Independent experts said more data would be needed before firm conclusions could be drawn.",
    "Business groups said uncertainty was weighing on investment decisions across the sector.",
]
NOUNS = ("council budget report plan vote inquiry market price wage contract border river bridge road school hospital "
         "clinic farm harvest factory port airport station network supply demand export import tariff loan debt "
         "grant fund tax rent lease permit licence audit review survey census record archive museum stadium "
         "festival exhibition campaign protest petition rally appeal verdict hearing trial sentence fine penalty "
         "reform policy strategy target forecast estimate figure share stake merger deal offer bid tender project "
         "pipeline reservoir dam canal tunnel railway highway junction harbour ferry fleet convoy shipment cargo "
         "vaccine trial dose patient doctor nurse teacher pupil student graduate worker farmer miner driver pilot").split()
ADJS = ("local regional national sharp steady sudden gradual major minor public private early late annual monthly "
        "rural urban coastal northern southern eastern western senior junior former acting interim joint final "
        "provisional official unofficial temporary permanent extended reduced higher lower wider narrower").split()
VERBS = ("approved rejected delayed extended reviewed questioned welcomed criticised announced confirmed denied "
         "postponed expanded reduced funded blocked backed opposed proposed completed cancelled inspected").split()


def background(rng, ev):
    """A sentence of made-up context: each report's background differs, as real reports' do."""
    n1, n2, n3 = rng.sample(NOUNS, 3)
    return rng.choice([
        f"The {rng.choice(ADJS)} {n1} in {ev['place']} was {rng.choice(VERBS)} last {rng.choice(DAYS)}, {rng.choice(['officials', 'residents', 'analysts', 'critics'])} said.",
        f"Earlier this year the {n1} {rng.choice(VERBS)} a {rng.choice(ADJS)} {n2} for the {n3}.",
        f"{ev['person']} has {rng.choice(VERBS)} the {n1} and the {rng.choice(ADJS)} {n2} in the past.",
        f"A {rng.choice(ADJS)} {n1} on the {n2} is expected by {rng.choice(DAYS)}, according to a {n3} official.",
        f"Some {n1} groups said the {rng.choice(ADJS)} {n2} would affect the {n3} for {rng.randint(2, 30)} months.",
    ])


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STORMS = ["Alder", "Brena", "Corin", "Delia", "Emrys", "Fenna", "Gorm", "Hale", "Isolde", "Joran"]


SYL = ["ka", "lo", "ver", "an", "mi", "dra", "tel", "os", "ru", "bel", "cor", "na", "sta", "quin", "zo",
       "har", "pel", "gri", "mon", "dav", "sel", "tor", "bri", "vek", "lin", "ash", "fen", "gar", "ol", "ti"]


def coined(rng, n):
    """A made-up proper name of n syllables: the feed needs many names, as real news has."""
    return "".join(rng.choice(SYL) for _ in range(n)).capitalize()


def event(rng):
    kind = rng.choice(list(KINDS))
    place = rng.choice(PLACES) if rng.random() < 0.2 else coined(rng, rng.randint(2, 3))
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.2 else f"{coined(rng, 2)} {coined(rng, 3)}"
    org = rng.choice(ORGS) if rng.random() < 0.3 else f"{coined(rng, 2)} {rng.choice(['Group', 'Holdings', 'Council', 'Agency', 'Works', 'Bank'])}"
    return {
        "kind": kind, "place": place, "place2": coined(rng, 2),
        "person": person, "org": org,
        "m": f"{rng.randint(45, 79) / 10:.1f}", "n": rng.randint(2, 90), "k": rng.randint(20, 5000),
        "k2": rng.randint(10, 900), "r": f"{rng.randint(10, 80) / 10 + 0.25:.2f}", "r2": f"{rng.randint(20, 95) / 10:.1f}",
        "p": rng.randint(1, 12), "p2": rng.randint(1, 6), "d": rng.randint(3, 300), "w": rng.randint(90, 190),
        "year": rng.randint(1995, 2024), "money": f"{rng.randint(2, 900)} million", "v1": rng.randint(4, 7), "v2": rng.randint(1, 3),
        "storm": rng.choice(STORMS), "day": rng.choice(DAYS), "day2": rng.choice(DAYS),
    }


def article(rng, ev, words):
    k = KINDS[ev["kind"]]
    title = rng.choice(k["titles"]).format(**ev)
    parts = [rng.choice(k["ledes"]).format(**ev)]
    facts = k["facts"][:]
    rng.shuffle(facts)
    parts += [f.format(**ev) for f in facts[: rng.randint(2, len(facts))]]
    text = " ".join(parts)
    n = len(text.split())
    while n < words:
        s = background(rng, ev) if rng.random() < 0.85 else rng.choice(BACKGROUND)
        text += " " + s
        n += len(s.split())
    return title, text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=420)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-hour", type=int, default=1500, help="items per hour of simulated time")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = sys.stdout
    t0 = 1_767_225_600  # 2026-01-01T00:00:00Z
    written, story = 0, 0
    active = []  # (remaining reports, event, story id, wire text or None)
    while written < a.items:
        if not active or rng.random() < 0.35:
            ev = event(rng)
            active.append([rng.randint(2, 8), ev, f"s{story}", None])
            story += 1
        slot = rng.randrange(len(active))
        rem, ev, sid, wire = active[slot]
        words = max(60, int(rng.gauss(a.words, a.words / 4)))
        if wire is not None and rng.random() < 0.25:
            title, text, source = wire[0], wire[1], rng.choice([s for s in SOURCES if s not in WIRES])
        else:
            title, text = article(rng, ev, words)
            source = rng.choice(SOURCES)
            if source in WIRES:
                active[slot][3] = (title, text)
        ts = t0 + written * 3600 // a.per_hour
        published = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(json.dumps({"id": f"i{written}", "title": title, "text": text, "source": source,
                              "published": published, "story": sid}) + "\n")
        written += 1
        active[slot][0] -= 1
        if active[slot][0] <= 0:
            active.pop(slot)


if __name__ == "__main__":
    main()
