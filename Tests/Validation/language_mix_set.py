#!/usr/bin/env python3
"""Builds the language-mix validation set from real text nobody on the project wrote.

Sources (all installed by Debian packages on the machine):
  - gettext catalogs under /usr/share/locale: English source strings (msgid) and their
    translations (msgstr) in other languages;
  - city names from the time-zone database (/usr/share/zoneinfo), for accented names.

Catalog files are split by a hash of their path into a 'dev' half (for tuning) and a 'test'
half (held out, for the figures we report); catalogs share strings (gtk20 and gtk30), so the test
split leaves out any text a dev catalog also has. iso-codes' catalogs (names of languages,
countries, currencies, scripts) are left out: names stay benign, and many of their msgids are not
English. A command's usage line is code, never the source of a phrase. Every line is labelled by
construction:

  clean-en         English msgids, untouched                          expect: no span
  clean-other      translations into other languages, untouched       expect: no span
  benign-en        English msgids with accented names, loanword phrases (crème brûlée),
                   a word repeated (Git, Git and Git), maths, units,
                   currency, typographic quotes or emoji inserted       expect: no span
  script-en        English msgids with 1 character to a clause of another script
                   inserted between or inside words                    expect: a span
  script-other     translations with characters of a script their language does
                   not use inserted                                    expect: a span
  latin-en         English msgids with a phrase (3+ words) of a translation into another
                   Latin-script language inserted, none of its words copied from the
                   translation's English source                        expect: a span
  latin-other      translations into a Latin-script language with an English phrase
                   inserted                                            expect: a span

Usage: language_mix_set.py --split test --seed 2040 --out results/validation/language-mix-test.jsonl
(seed 2040 is the test split the README reports last; seeds 7 and 2026–2039, reported earlier, are spent.
The texts come from the catalogs installed: the same seed gives other texts on a machine with other packages)
"""
import argparse
import gettext
import glob
import hashlib
import json
import os
import random
import re
import unicodedata

LOCALE = "/usr/share/locale"

# Languages whose catalogs provide non-English text, by locale folder.
NON_LATIN = {"ja": "ja", "zh_CN": "zh", "zh_TW": "zh", "ko": "ko", "th": "th", "ru": "ru", "uk": "uk",
             "el": "el", "ar": "ar", "he": "he", "hi": "hi", "bg": "bg", "fa": "fa", "ka": "ka", "hy": "hy"}
# Every Latin-script language evalctl has a profile for, whatever its word lists: the catalogs of all
# of them on this machine (locale folders such as pt_BR, ca@valencia and nb map to their language).
LATIN_LANGUAGES = {"es", "de", "fr", "it", "pt", "nl", "pl", "sv", "da", "nb", "nn", "fi", "cs", "sk", "hu", "ro", "tr", "vi",
                   "id", "ms", "ca", "hr", "sl", "et", "lv", "lt", "sq", "eu", "gl", "ga", "cy", "is", "af", "sw", "tl", "eo",
                   "mt", "lb", "fo", "ast", "oc", "br", "gd", "ha", "yo", "zu", "xh", "uz", "az", "tk", "so", "mi", "fy", "rm",
                   "wa", "ia", "ie"}


def latin_locales():
    """Locale folder → language, for every Latin-script language with catalogs here ('en*' and
    script variants such as sr@latin left out)."""
    found = {}
    for folder in sorted(os.listdir(LOCALE)):
        if folder.startswith("en") or ("@" in folder and not folder.endswith("@valencia")):
            continue
        code = folder.split("@")[0].split("_")[0]
        if code in LATIN_LANGUAGES and glob.glob(f"{LOCALE}/{folder}/LC_MESSAGES/*.mo"):
            found[folder] = code
    return found


LATIN = latin_locales()

# Scripts of the languages, by Unicode character name prefix, for choosing intruders.
SCRIPT_OF_LANGUAGE = {"ja": {"CJK", "HIRAGANA", "KATAKANA"}, "zh": {"CJK"}, "ko": {"HANGUL", "CJK"}, "th": {"THAI"},
                      "ru": {"CYRILLIC"}, "uk": {"CYRILLIC"}, "bg": {"CYRILLIC"}, "el": {"GREEK"}, "ar": {"ARABIC"},
                      "fa": {"ARABIC"}, "he": {"HEBREW"}, "hi": {"DEVANAGARI"}, "ka": {"GEORGIAN"}, "hy": {"ARMENIAN"}}
LATIN_CODES = set(LATIN.values()) | {"en"}
# A language needs this many usable texts to be sampled (fewer make its lines near-duplicates).
MINIMUM_TEXTS = 100


def script_of(ch):
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for key in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "CYRILLIC", "GREEK", "ARABIC", "HEBREW",
                "DEVANAGARI", "GEORGIAN", "ARMENIAN", "LATIN"):
        if name.startswith(key) or (key == "CJK" and name.startswith("CJK")):
            return key
    if "FULLWIDTH LATIN" in name:
        return "LATIN"
    return "OTHER"


def scripts_in(text):
    return {s for s in (script_of(c) for c in text) if s}


def clean(text):
    text = re.sub(r"<[^>]{1,40}>", " ", text)             # markup
    text = re.sub(r"%(\([a-z_]+\))?[-#0 +]*\d*(\.\d+)?[lhzjt]*[sdiufxXcpge%]", " ", text)  # printf
    text = re.sub(r"\{[^{}]{0,20}\}", " ", text)           # {0}, {name}
    text = re.sub(r"\$\{?[A-Za-z_]+\}?", " ", text)
    text = text.replace("_", "").replace("&", "")
    text = re.sub(r"\s+", " ", text).strip()
    return text


# iso-codes' catalogs hold names (of languages, countries, subdivisions, currencies, scripts), which
# stay benign, and many of their "English" msgids are names in other languages ("Stînga Nistrului,
# unitatea teritorială"): they are neither English text nor a phrase of the translation's language.
NAME_CATALOGS = re.compile(r"^iso_\d+")


def half_of(path):
    return "dev" if int(hashlib.sha256(os.path.basename(path).encode()).hexdigest(), 16) % 2 == 0 else "test"


def catalogs(locale, split):
    files = sorted(glob.glob(f"{LOCALE}/{locale}/LC_MESSAGES/*.mo"))
    for path in files:
        if half_of(path) == split and not NAME_CATALOGS.match(os.path.basename(path)):
            yield path


def pairs(locale, split):
    for path in catalogs(locale, split):
        try:
            with open(path, "rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog
        except Exception:
            continue
        for key, value in catalog.items():
            msgid = key[0] if isinstance(key, tuple) else key
            if not msgid or not isinstance(value, str) or not value or msgid == value:
                continue
            yield clean(msgid), clean(value)


def texts_of_other_half(locales, split):
    """Every cleaned msgid and msgstr of the other half's catalogs. Several catalogs share strings
    (gtk20 and gtk30, iso_639_3 and iso_639-3), so a file split alone lets dev text into the test
    split; the test split leaves these texts out."""
    other = "dev" if split == "test" else "test"
    seen = set()
    for locale in locales:
        for msgid, msgstr in pairs(locale, other):
            seen.add(msgid)
            seen.add(msgstr)
    return seen


def sentence_like(text, minimum=30, maximum=400):
    letters = sum(c.isalpha() for c in text)
    return minimum <= len(text) <= maximum and letters >= 0.6 * len(text.replace(" ", "")) and " " in text


def english_ok(text):
    return sentence_like(text) and scripts_in(text) <= {"LATIN"} and not re.search(r"[A-Z]{2,}\b.*[A-Z]{2,}\b.*[A-Z]{2,}\b", text)


def other_ok(text, code):
    if code in LATIN_CODES:
        return sentence_like(text) and scripts_in(text) <= {"LATIN"}
    allowed = SCRIPT_OF_LANGUAGE[code] | {"LATIN"}
    return sentence_like(text, minimum=12) and scripts_in(text) <= allowed and len(scripts_in(text) - {"LATIN"}) > 0


def insert_at(text, piece, rng, inside_word):
    """Inserts `piece` between words, or inside a word (between two letters)."""
    if inside_word:
        spots = [i for i in range(1, len(text)) if text[i - 1].isalpha() and text[i].isalpha()]
        if spots:
            i = rng.choice(spots)
            return text[:i] + piece + text[i:]
    spots = [i for i in range(len(text)) if text[i] == " "] or [len(text)]
    i = rng.choice(spots)
    return text[:i] + " " + piece + text[i:]


def script_piece(source, rng, size):
    """A run of letters (or a clause) from a real text in another script."""
    letters = [i for i, c in enumerate(source) if script_of(c) not in (None, "LATIN")]
    if not letters:
        return None
    if size == "char":
        i = rng.choice(letters)
        piece = source[i]
        # Keep combining marks with their letter (Thai, Devanagari).
        j = i + 1
        while j < len(source) and unicodedata.category(source[j]).startswith("M"):
            piece += source[j]
            j += 1
        return piece
    if size == "few":
        i = rng.choice(letters)
        return source[i:i + rng.randint(2, 4)].strip() or None
    words = source.split()
    if size == "word":
        candidates = [w for w in words if any(script_of(c) not in (None, "LATIN") for c in w)]
        return rng.choice(candidates) if candidates else None
    # clause: consecutive words (or, for scripts without spaces, characters) with letters of the script
    for _ in range(20):
        if len(words) >= 3:
            start = rng.randint(0, max(0, len(words) - 3))
            piece = " ".join(words[start:start + rng.randint(3, 8)])
        else:
            start = rng.choice(letters)
            piece = source[start:start + rng.randint(8, 20)]
        if any(script_of(c) not in (None, "LATIN") for c in piece):
            return piece
    return None


PLAIN_WORD = re.compile(r"^[^\W\d_]+(['’][^\W\d_]+)?[,.;:!?]?$")
# A command's usage line ("git stash pop [--index] [-q|--quiet]") is code, which stays benign: its
# words are no phrase of a language.
USAGE_LINE = re.compile(r"(^|[\s\[|])--?[A-Za-z]")


def latin_phrase(source, rng, english_source=None):
    """3 to 10 consecutive words of running text: letters only (trailing punctuation allowed),
    no option names, placeholders, brackets or all-capital words, which belong to no language.

    With `english_source` (the msgid a translation was made from), a word the translation copied
    from it (a name, an untranslated term: "Container", "Software Foundation") ends a run: it is
    English, not the translation's language, so a phrase of such words is no intrusion."""
    if USAGE_LINE.search(source):
        return None
    copied = {w.strip(",.;:!?()\"'").casefold() for w in english_source.split()} if english_source else set()
    words = source.split()
    runs, current = [], []
    for word in words:
        core = word.rstrip(",.;:!?")
        if PLAIN_WORD.match(word) and not (len(core) > 1 and core.isupper()) and core.casefold() not in copied:
            current.append(word)
        else:
            if len(current) >= 3:
                runs.append(current)
            current = []
    if len(current) >= 3:
        runs.append(current)
    if not runs:
        return None
    run = rng.choice(runs)
    length = rng.randint(3, min(10, len(run)))
    start = rng.randint(0, len(run) - length)
    return " ".join(run[start:start + length])


BENIGN_MATH = ["α = 0.05", "σ² = 1.3", "μ ± 2σ", "Δt = 40 μs", "λ ≈ 0.5 nm", "π r²", "β-test", "θ = 30°", "Ω"]
BENIGN_UNITS = ["40 μs", "20 °C", "3 m²", "5 km/h", "12 µm", "1.5 GiB", "60 Hz", "−4 dB", "½ cup", "2×3"]
BENIGN_MONEY = ["€20", "£5", "¥300", "$12.50", "₹100", "₩5000", "CHF 30", "₽200"]
BENIGN_QUOTES = ["“quoted”", "‘single’", "«guillemets»", "„low“", "… and so on", "a—dash", "page 3–5"]
BENIGN_EMOJI = ["😀", "👍", "🎉", "✅", "🚀", "❤️", "🇫🇷", "👩‍💻"]
# Phrases English borrowed whole, as English dictionaries list them. Each split gets its own half
# (by a hash of the phrase), so the test split's loanwords were never seen while tuning.
LOANWORDS = ["crème brûlée", "déjà vu", "à la carte", "per se", "status quo", "Schadenfreude", "bona fide", "ad hoc",
             "vice versa", "et cetera", "faux pas", "coup d'état", "raison d'être", "je ne sais quoi", "laissez-faire",
             "carte blanche", "fait accompli", "pièce de résistance", "tête-à-tête", "hors d'oeuvre", "bon appétit",
             "joie de vivre", "savoir-faire", "avant-garde", "doppelgänger", "Zeitgeist", "Wanderlust", "kindergarten",
             "angst", "Gesundheit", "kitsch", "al dente", "a cappella", "dolce vita", "prima donna", "fiesta", "siesta",
             "piñata", "jalapeño", "mea culpa", "pro bono", "quid pro quo", "in situ", "alma mater", "magnum opus",
             "modus operandi", "persona non grata", "terra incognita", "carpe diem", "cul-de-sac", "vis-à-vis", "en route",
             "fiancée", "naïve", "café au lait", "soupe du jour", "film noir", "nouveau riche", "bête noire", "plus ça change",
             "post mortem", "ad infinitum", "de facto", "de jure", "in vitro", "vice versa", "rendezvous", "cliché",
             "résumé", "über", "Gestalt", "Weltanschauung", "Realpolitik", "Blitzkrieg", "leitmotif", "Fahrvergnügen",
             "bonsai", "karaoke", "tsunami", "smorgasbord", "ombudsman", "fjord", "hygge", "aficionado", "bravado",
             "guerrilla", "macho", "patio", "plaza", "bravura", "fiasco", "graffiti", "incognito", "paparazzi", "piazza",
             "sotto voce", "tempo", "vendetta", "chutzpah", "klutz", "schmooze", "verbatim", "bon voyage", "c'est la vie"]


# Test-half loanwords whose false positives on spent test seeds were read while working (stop 43,
# 2026-12-05: the spans of seeds 2034-2038). An example looked at is a dev example from then on:
# "résumé" prompted a rule, "plus ça change" was studied (no dictionary here lists it).
SEEN_ON_TEST = {"résumé", "plus ça change"}


def loanwords(split):
    def dev(w):
        return w in SEEN_ON_TEST or int(hashlib.sha256(w.encode()).hexdigest(), 16) % 2 == 0
    return [w for w in LOANWORDS if dev(w) == (split == "dev")]


def repeated(text, rng):
    """A word of the text repeated in a list, as answers do ("Git, Git and Git")."""
    words = [w.strip(",.;:!?()\"'") for w in text.split()]
    words = [w for w in words if len(w) >= 3 and w.isalpha()]
    if not words:
        return None
    word = rng.choice(words)
    return rng.choice([f"{word}, {word} and {word}", f"{word} {word}", f"{word}, {word}, {word}"])


def tz_cities():
    names = set()
    for root, _, files in os.walk("/usr/share/zoneinfo"):
        for name in files:
            if any(ord(c) > 127 for c in name):
                names.add(name.replace("_", " "))
    # tzdata spells most names in ASCII; accented names come from its zone1970/iso3166 tables.
    for table in ("/usr/share/zoneinfo/iso3166.tab", "/usr/share/zoneinfo/zone1970.tab", "/usr/share/zoneinfo/zone.tab"):
        if os.path.exists(table):
            for line in open(table, encoding="utf-8"):
                if line.startswith("#"):
                    continue
                for field in line.rstrip("\n").split("\t"):
                    if any(ord(c) > 127 and c.isalpha() for c in field):
                        for part in re.split(r"[,;/()]", field):
                            part = part.strip()
                            if any(ord(c) > 127 for c in part) and scripts_in(part) <= {"LATIN"}:
                                names.add(part)
    return sorted(names)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    parser.add_argument("--per-category", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    english = set()
    other = {}
    # The English source of each translation (the first msgid seen), for latin_phrase.
    source_of = {}
    locales = list(NON_LATIN.items()) + list(LATIN.items())
    held_back = texts_of_other_half([locale for locale, _ in locales], "test") if args.split == "test" else set()
    for locale, code in locales:
        for msgid, msgstr in pairs(locale, args.split):
            if msgid in held_back or msgstr in held_back:
                continue
            if english_ok(msgid):
                english.add(msgid)
            if other_ok(msgstr, code):
                other.setdefault(code, set()).add(msgstr)
                source_of.setdefault((code, msgstr), msgid)
    english = sorted(english)
    other = {code: sorted(texts) for code, texts in other.items() if len(texts) >= MINIMUM_TEXTS}
    rng.shuffle(english)
    cities = tz_cities()
    benign_pool = BENIGN_MATH + BENIGN_UNITS + BENIGN_MONEY + BENIGN_QUOTES + BENIGN_EMOJI
    non_latin_codes = [c for c in other if c not in LATIN_CODES]
    latin_codes = [c for c in other if c in LATIN_CODES]
    n = args.per_category
    rows = []

    def add(category, text, language, intrusion, extra=None):
        row = {"id": f"{category}-{len(rows)}", "output": text, "expect": {"language": language},
               "label": {"category": category, "intrusion": intrusion}}
        if extra:
            row["label"].update(extra)
        rows.append(row)

    for text in english[:n]:
        add("clean-en", text, "en", False)
    for i in range(n):
        code = non_latin_codes[i % len(non_latin_codes)] if i % 2 == 0 else latin_codes[i % len(latin_codes)]
        add("clean-other", rng.choice(other[code]), code, False)
    borrowed = loanwords(args.split)
    for i in range(n):
        base = english[(i * 7 + 3) % len(english)]
        kind = i % 5
        if kind == 0 and cities:
            piece = rng.choice(cities)
        elif kind == 1:
            piece = rng.choice(borrowed)
        elif kind == 2:
            piece = repeated(base, rng) or rng.choice(benign_pool)
        else:
            piece = rng.choice(benign_pool)
        add("benign-en", insert_at(base, piece, rng, inside_word=False), "en", False, {"inserted": piece})
    sizes = ["char", "char", "few", "word", "clause"]
    for i in range(n):
        base = english[(i * 11 + 5) % len(english)]
        for _ in range(10):
            source_code = rng.choice(non_latin_codes)
            size = sizes[i % len(sizes)]
            piece = script_piece(rng.choice(other[source_code]), rng, size)
            if piece and (source_code != "el" or size not in ("char", "few") or len([c for c in piece if c.isalpha()]) > 1):
                break
        inside = size in ("char", "few") and i % 2 == 0
        add("script-en", insert_at(base, piece, rng, inside), "en", True, {"inserted": piece, "from": source_code, "size": size, "inside_word": inside})
    for i in range(n):
        code = non_latin_codes[i % len(non_latin_codes)]
        base = rng.choice(other[code])
        own = SCRIPT_OF_LANGUAGE[code]
        candidates = [c for c in non_latin_codes if not (SCRIPT_OF_LANGUAGE[c] & own)]
        size = sizes[i % len(sizes)]
        piece = None
        while not piece:
            source_code = rng.choice(candidates)
            # A lone Greek letter is mathematics in any language (see benign-en): not an intrusion.
            if source_code == "el" and size in ("char", "few"):
                continue
            piece = script_piece(rng.choice(other[source_code]), rng, size)
        add("script-other", insert_at(base, piece, rng, size in ("char", "few") and i % 2 == 0), code, True,
            {"inserted": piece, "from": source_code, "size": size})
    for i in range(n):
        base = english[(i * 13 + 1) % len(english)]
        piece = None
        while not piece:
            source_code = rng.choice(latin_codes)
            translation = rng.choice(other[source_code])
            piece = latin_phrase(translation, rng, source_of[(source_code, translation)])
        add("latin-en", insert_at(base, piece, rng, False), "en", True, {"inserted": piece, "from": source_code})
    for i in range(n):
        code = latin_codes[i % len(latin_codes)]
        base = rng.choice(other[code])
        piece = None
        k = i
        while not piece:
            piece = latin_phrase(english[(k * 17 + 2) % len(english)], rng)
            k += 1
        add("latin-other", insert_at(base, piece, rng, False), code, True, {"inserted": piece, "from": "en"})

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {}
    for row in rows:
        counts[row["label"]["category"]] = counts.get(row["label"]["category"], 0) + 1
    print(f"wrote {len(rows)} lines to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"sources: {len(english)} English strings, " + ", ".join(f"{k} {len(v)}" for k, v in sorted(other.items())))


if __name__ == "__main__":
    main()
