"""The tantivy schema: one place that names every field and says how it is analyzed.

Text is analyzed in Python by `search.analyze` and handed to tantivy as space-joined
lemmas (one term per word, so positions stay true for phrases); tantivy's `whitespace`
tokenizer only splits them. Measured on 10k generated articles this hand-off costs
~0.7 ms/article in Python, `PreTokenizedString` ~2.7x more (SPEC §4 reading) for nothing
we need: highlighting re-analyzes the stored original in Python.

The stem fields close simplemma's holes (`droni` stays `droni`, `drone` -> `drone`):
one Snowball Italian stem per word (tantivy's stemmer, run once per distinct word and
cached by `analyze.stem`), handed over like the lemmas. Letting tantivy stem inside its
indexing threads measured 0.8 ms per article, two thirds of all tantivy's work; the
cached map costs ~0.05 ms. Query them with `stem_terms()`, at a lower weight than the
lemma fields.

Stored originals (title, subtitle, body) are indexed with a tokenizer that emits nothing:
tantivy-py cannot declare a stored-only text field, and `raw` would put every whole body
into the term dictionary. Facet fields are `raw` + fast so counts come from tantivy's
aggregations, never from a Python loop over hits.
"""

from __future__ import annotations

import tantivy

# Bump whenever fields or their analysis (search.analyze) change: an index of another
# version is refused with a message to run `cerca index --rebuild` (index.open_index).
SCHEMA_VERSION = 4

# identity and stored display fields
ID = "id"  # raw, stored: path under the corpus root without extension
PATH = "path"
FORMAT = "format"
TITLE = "title"  # stored original
SUBTITLE = "subtitle"
BODY = "body"  # stored original (not searched directly)
HASH = "hash"

# searched fields (analyzed in Python)
TITLE_LEM = "title_lem"
SUBTITLE_LEM = "subtitle_lem"
BODY_LEM = "body_lem"
TITLE_STEM = "title_stem"  # lower-weight recall field for lemmatizer holes (it_stem)
SUBTITLE_STEM = "subtitle_stem"
BODY_STEM = "body_stem"

# metadata: stored for display, raw + fast for facets and filters
DATE = "date"  # ISO string at its precision, stored
DATE_TS = "date_ts"  # tantivy date (first day of the period), fast, for ranges and sorting
MONTH = "month"  # YYYY-MM, raw fast (histogram)
SECTION = "section"  # full breadcrumb path, raw fast (facet)
SECTION_PATH = "section_path"  # every prefix, folded (filter: `Sport` covers `Sport/Calcio`)
TAGS = "tags"  # raw fast, multi-valued
TAG_KEYS = "tag_keys"  # folded, for case-insensitive filters
PEOPLE = "people"  # canonical names, raw fast, multi-valued
AUTHOR = "author"
AUTHOR_KEY = "author_key"
SOURCE = "source"

STEM_TOKENIZER = "it_stem"
NONE_TOKENIZER = "cerca_none"  # emits no token: stored-only text fields

LEM_FIELDS = (TITLE_LEM, SUBTITLE_LEM, BODY_LEM)
STEM_FIELDS = (TITLE_STEM, SUBTITLE_STEM, BODY_STEM)


def build_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    for name in (ID, PATH, FORMAT, HASH):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=name == ID)
    for name in (TITLE, SUBTITLE, BODY):
        b.add_text_field(name, stored=True, tokenizer_name=NONE_TOKENIZER, index_option="basic")
    for name in LEM_FIELDS:
        b.add_text_field(name, stored=False, tokenizer_name="whitespace")
    for name in STEM_FIELDS:
        # no positions: phrases go to the lemma fields; this field only adds recall
        b.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="freq")
    b.add_text_field(DATE, stored=True, tokenizer_name="raw")
    b.add_date_field(DATE_TS, stored=False, indexed=True, fast=True)
    for name in (MONTH, SECTION, TAGS, PEOPLE, AUTHOR, SOURCE):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    for name in (SECTION_PATH, TAG_KEYS, AUTHOR_KEY):
        b.add_text_field(name, stored=False, tokenizer_name="raw")
    return b.build()


def stem_analyzer() -> tantivy.TextAnalyzer:
    """The analyzer of the stem fields: split like `analyze.WORD_RE`, lowercase, fold, stem.

    Folding before stemming keeps `perché` and `perche` on one stem (`perch`).
    """
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("italian"))
        .build()
    )


def stem_terms(text: str) -> list[str]:
    """The stem-field terms of `text`, one per word (for building queries by hand)."""
    from search.analyze import WORD_RE, stem

    return [stem(w) for w in WORD_RE.findall(text)]


def register_tokenizers(index: tantivy.Index) -> None:
    """Analyzers tantivy must know at index and query time (call after opening)."""
    index.register_tokenizer(STEM_TOKENIZER, stem_analyzer())
    nothing = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
        .filter(tantivy.Filter.remove_long(1))
        .build()
    )
    index.register_tokenizer(NONE_TOKENIZER, nothing)
