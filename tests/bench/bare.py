"""The baseline: bare tantivy indexing the raw files of a corpus from Python.

    python tests/bench/bare.py CORPUS INDEX_DIR

What a minimal program does with no understanding of the articles: walk the corpus for
`*.txt`, read the bytes, decode (UTF-8, else cp1252 with replacement), add the whole
raw text to one unstored text field with tantivy's `default` tokenizer, commit. The
writer uses tantivy-py's defaults (128 MB heap, threads chosen by tantivy). Prints one
JSON line: files, bytes, seconds (walk to committed, imports excluded), and the segments
tantivy's default merge policy left.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time


def iter_files(root: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".txt"))
    return out


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def main(corpus: str, index_dir: str) -> dict[str, float]:
    import tantivy

    shutil.rmtree(index_dir, ignore_errors=True)
    os.makedirs(index_dir)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="default")
    schema = builder.build()
    index = tantivy.Index(schema, path=index_dir)

    t0 = time.perf_counter()
    writer = index.writer()
    files = iter_files(corpus)
    nbytes = 0
    for path in files:
        with open(path, "rb") as f:
            raw = f.read()
        nbytes += len(raw)
        writer.add_document(tantivy.Document(body=decode(raw)))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t0
    index.reload()
    segments = index.searcher().num_segments
    return {"files": len(files), "bytes": nbytes, "seconds": seconds, "segments": segments}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
