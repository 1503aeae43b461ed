#!/usr/bin/env python3
"""Converts Debian's dict-foldoc package into the demo corpus foldoc.tsv.gz.

Run once after `apt-get install dict-foldoc`:  python3 data/corpus/convert.py
Each output row is one FOLDOC entry that has a definition of its own (pure
cross-reference entries are dropped):

    id <TAB> term <TAB> category <TAB> year <TAB> definition

category is the first subject tag of the entry (<programming>, <networking>, ...)
or "general" when it has none; year is the year the entry was last updated (0 when
unknown); definition is the first paragraph (or the first few when it is short), cross-reference
braces removed,
whitespace collapsed and cut at a sentence end near MAX_DEFINITION characters.
"""
import gzip
import pathlib
import re
import sys

DICT = pathlib.Path("/usr/share/dictd/foldoc.dict.dz")
INDEX = pathlib.Path("/usr/share/dictd/foldoc.index")
OUT = pathlib.Path(__file__).with_name("foldoc.tsv.gz")
MAX_DEFINITION = 400
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64_number(text):
    value = 0
    for ch in text:
        value = value * 64 + B64.index(ch)
    return value


def entries(data):
    seen = set()
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        key = (b64_number(offset), b64_number(length))
        if key in seen:  # several index words point at one entry
            continue
        seen.add(key)
        yield data[key[0]:key[0] + key[1]].decode("utf-8", errors="replace")


def clean(text):
    text = re.sub(r"\{([^{}]*?)(?: \([^()]*\.html?\)| \(http[^()]*\))?\}", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def shorten(text):
    if len(text) <= MAX_DEFINITION:
        return text
    cut = text.rfind(". ", 0, MAX_DEFINITION)
    return text[:cut + 1] if cut > MAX_DEFINITION // 3 else text[:MAX_DEFINITION].rsplit(" ", 1)[0] + " ..."


def parse(entry):
    header, _, body = entry.partition("\n\n")
    term = header.split("\n")[0].strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    category = "general"
    if paragraphs:
        tag = re.search(r"<([a-z][^<>]*)>\s*", paragraphs[0][:40])  # also "1. <language> ..."
        if tag:
            category = tag.group(1).split(",")[0].strip().lower()
            paragraphs[0] = paragraphs[0][:tag.start()] + paragraphs[0][tag.end():]
    definition = ""
    for paragraph in paragraphs:  # skip citations "[...]" and dates "(1995-02-07)"
        if len(definition) >= 60 or re.fullmatch(r"\[.*\]|\(\d{4}-\d\d-\d\d\)", paragraph, re.DOTALL):
            break
        definition = (definition + " " + clean(paragraph)).strip()
    if len(definition.split()) < 4:
        return None  # a bare cross-reference such as "{object request broker}"
    dates = re.findall(r"^\s*\((\d{4})-\d\d-\d\d\)\s*$", body, re.MULTILINE)
    year = int(dates[-1]) if dates else 0
    return term, category, year, shorten(definition)


def main():
    if not DICT.exists():
        sys.exit("dict-foldoc is not installed: run 'apt-get install dict-foldoc' first")
    data = gzip.decompress(DICT.read_bytes())
    rows = [row for row in (parse(e) for e in entries(data)) if row]
    rows.sort(key=lambda row: row[0].lower())
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for number, (term, category, year, definition) in enumerate(rows, start=1):
            fields = [term, category, str(year), definition]
            out.write(str(number) + "\t" + "\t".join(f.replace("\t", " ") for f in fields) + "\n")
    print(f"{len(rows)} entries written to {OUT}")


if __name__ == "__main__":
    main()
