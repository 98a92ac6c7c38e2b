"""The tantivy schema: one place that names every field and says how it is analyzed.

Text is analyzed in Python by `search.analyze` and handed to tantivy as space-joined
terms (one term per word, so positions stay true for phrases); tantivy's `whitespace`
tokenizer only splits them. Facet fields are `raw` + fast so counts come from tantivy's
aggregations, never from a Python loop over hits.
"""

from __future__ import annotations

import tantivy

SCHEMA_VERSION = 1

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
TITLE_STEM = "title_stem"  # lower-weight recall field for lemmatizer holes
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


def build_schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    for name in (ID, PATH, FORMAT, HASH):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=name == ID)
    for name in (TITLE, SUBTITLE, BODY):
        b.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in (TITLE_LEM, SUBTITLE_LEM, BODY_LEM):
        b.add_text_field(name, stored=False, tokenizer_name="whitespace")
    for name in (TITLE_STEM, BODY_STEM):
        b.add_text_field(name, stored=False, tokenizer_name=STEM_TOKENIZER)
    b.add_text_field(DATE, stored=True, tokenizer_name="raw")
    b.add_date_field(DATE_TS, stored=False, indexed=True, fast=True)
    for name in (MONTH, SECTION, TAGS, PEOPLE, AUTHOR, SOURCE):
        b.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    for name in (SECTION_PATH, TAG_KEYS, AUTHOR_KEY):
        b.add_text_field(name, stored=False, tokenizer_name="raw")
    return b.build()


def register_tokenizers(index: tantivy.Index) -> None:
    """Analyzers tantivy must know at index and query time (call after opening)."""
    stem = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.stemmer("italian"))
        .build()
    )
    index.register_tokenizer(STEM_TOKENIZER, stem)
