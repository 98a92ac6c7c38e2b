"""The tantivy schema: one place that names every field and says how it is analyzed.

Title, subtitle and body are indexed word for word as written (`WORDS_TOKENIZER`: case
kept, nothing folded, true positions), so indexing runs no Python per word; lemmas and
stems are applied at query time through the corpus vocabulary (search.index.vocabulary).
Facet fields are `raw` and fast, so tantivy's aggregations count them. Why: the schema
table in docs/internals/index-format.md and docs/internals/analysis.md.
"""

from __future__ import annotations

import tantivy

# Bump whenever fields or their analysis (search.analyze) change: an index of another
# version is refused with a message to run `cerca index --rebuild` (index.open_index).
SCHEMA_VERSION = 7

# identity and stored display fields (the content hash is the file table's alone)
ID = "id"  # raw, stored: path under the corpus root without extension
PATH = "path"
FORMAT = "format"

# the text, stored and indexed word for word (WORDS_TOKENIZER), with positions
TITLE = "title"
SUBTITLE = "subtitle"
BODY = "body"
TEXT_FIELDS = (TITLE, SUBTITLE, BODY)

# metadata: stored for display, raw for filters, fast where a facet or a sort reads them
DATE = "date"  # ISO string at its precision, stored
DATE_TS = "date_ts"  # tantivy date (first day of the period), fast, for ranges and sorting
MONTH = "month"  # YYYY-MM, raw fast (histogram)
SECTION = "section"  # full breadcrumb path, raw fast (facet)
SECTION_PATH = "section_path"  # every prefix, folded (filter: `Sport` covers `Sport/Calcio`)
TAGS = "tags"  # raw fast, multi-valued
TAG_KEYS = "tag_keys"  # folded, for case-insensitive filters
PEOPLE = "people"  # canonical names, raw fast, multi-valued
AUTHOR = "author"
AUTHOR_KEY = "author_key"  # folded, every run of words of the name (filter)
SOURCE = "source"
# nested pseudo-random sample levels (search.index.sample): facet estimates count one
SAMPLE = "sample"

WORDS_TOKENIZER = "cerca_words"


def build_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    for name in (ID, PATH, FORMAT):
        b.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        b.add_text_field(name, stored=True, tokenizer_name=WORDS_TOKENIZER, index_option="position")
    b.add_text_field(DATE, stored=True, tokenizer_name="raw")
    b.add_date_field(DATE_TS, stored=False, indexed=True, fast=True)
    for name in (MONTH, SECTION, TAGS, PEOPLE, AUTHOR):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    b.add_text_field(SOURCE, stored=True, tokenizer_name="raw")
    for name in (SECTION_PATH, TAG_KEYS, AUTHOR_KEY, SAMPLE):
        b.add_text_field(name, stored=False, tokenizer_name="raw")
    return b.build()


def words_analyzer() -> tantivy.TextAnalyzer:
    """What the text fields are indexed with: the words of `analyze.WORD_RE`, as written."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).build()


def stem_analyzer() -> tantivy.TextAnalyzer:
    """The stemmer of `analyze.stem`: split like `analyze.WORD_RE`, lowercase, fold, stem.

    Folding before stemming keeps `perché` and `perche` on one stem (`perch`).
    """
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("italian"))
        .build()
    )


def register_tokenizers(index: tantivy.Index) -> None:
    """Analyzers tantivy must know at index and query time (call after opening)."""
    index.register_tokenizer(WORDS_TOKENIZER, words_analyzer())
