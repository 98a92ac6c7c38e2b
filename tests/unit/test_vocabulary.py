"""The corpus vocabulary: query words expand to the corpus words that share their lemma."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.analyze import stem, term
from search.index.vocabulary import FILE, Vocabulary

WORDS = [
    "colloqui", "Colloqui", "colloquio", "droni", "drone", "NATO", "nato", "nati",
    "perché", "Perché", "incontrato", "Incontro", "incontrò", "accolto", "Ucraina",
]  # fmt: skip


@pytest.fixture
def vocab() -> Vocabulary:
    return Vocabulary(WORDS)


def test_forms_share_a_lemma(vocab: Vocabulary) -> None:
    assert set(vocab.forms(term("colloquio"))) == {"colloqui", "Colloqui", "colloquio"}
    assert "accolto" in vocab.forms(term("accogliere"))
    assert set(vocab.forms(term("perche"))) == {"perché", "Perché"}  # accents folded


def test_an_acronym_is_not_the_word_it_spells(vocab: Vocabulary) -> None:
    assert vocab.forms(term("NATO")) == ["NATO"]
    assert "NATO" not in vocab.forms(term("nato"))


def test_stems_close_lemma_holes(vocab: Vocabulary) -> None:
    # simplemma leaves `droni` alone; the stem joins it with `drone`
    assert {"droni", "drone"} <= set(vocab.stem_forms(stem("droni")))


def test_prefixes_fold_case_and_accents(vocab: Vocabulary) -> None:
    assert set(vocab.prefix_forms("incontr")) == {"incontrato", "Incontro", "incontrò"}
    assert set(vocab.prefix_forms("PERCH")) == {"perché", "Perché"}
    assert vocab.prefix_forms("zzz") == []
    assert vocab.prefix_forms("") == []


def test_add_only_new_words_and_keeps_lookups_fresh(vocab: Vocabulary) -> None:
    assert vocab.forms(term("guerra")) == []
    assert vocab.add(["guerre", "droni", "guerre"]) == 1
    assert vocab.forms(term("guerra")) == ["guerre"]
    assert len(vocab) == len(WORDS) + 1


def test_add_takes_precomputed_analyses() -> None:
    v = Vocabulary()
    v.add(["Guerre"], [term("Guerre")], [stem("Guerre")])
    assert v.forms(term("guerra")) == ["Guerre"]


def test_save_and_load(tmp_path: Path, vocab: Vocabulary) -> None:
    vocab.save(tmp_path)
    loaded = Vocabulary.load(tmp_path)
    assert loaded is not None
    assert (loaded.words, loaded.terms, loaded.stems) == (vocab.words, vocab.terms, vocab.stems)


def test_empty_vocabulary_round_trips(tmp_path: Path) -> None:
    Vocabulary().save(tmp_path)
    loaded = Vocabulary.load(tmp_path)
    assert loaded is not None and len(loaded) == 0


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x00" * 50])
def test_a_damaged_file_reads_as_missing(tmp_path: Path, content: bytes) -> None:
    (tmp_path / FILE).write_bytes(content)
    assert Vocabulary.load(tmp_path) is None


def test_missing_file(tmp_path: Path) -> None:
    assert Vocabulary.load(tmp_path) is None


@pytest.mark.parametrize("saved", [False, True])
def test_analysis_of_a_word(tmp_path: Path, vocab: Vocabulary, saved: bool) -> None:
    if saved:  # the saved file holds the words sorted: looked up by bisection
        vocab.save(tmp_path)
        vocab = Vocabulary.load(tmp_path)  # type: ignore[assignment]
        assert vocab is not None
    assert vocab.analysis("colloqui") == (term("colloqui"), stem("colloqui"))
    assert vocab.analysis("NATO") == ("nato", stem("NATO"))
    assert vocab.analysis("assente") is None
    vocab.add(["Zanzibar"])
    assert vocab.analysis("Zanzibar") == (term("Zanzibar"), stem("Zanzibar"))


def test_the_analyzer_takes_corpus_words_from_the_vocabulary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from search import analyze

    monkeypatch.setattr(analyze, "_KNOWN", [])
    monkeypatch.setattr(analyze, "_TERMS", {})
    monkeypatch.setattr(analyze, "_STEMS", {})
    # a made-up analysis proves the lookup is what answered, not simplemma
    Vocabulary(["Qwertyuiop"], ["tastiera"], ["tast"]).use()
    assert (analyze.term("Qwertyuiop"), analyze.stem("Qwertyuiop")) == ("tastiera", "tast")
    assert analyze.term("colloqui") == "colloquio"  # other words: computed as always


def test_a_query_word_in_another_case_takes_the_corpus_words_analysis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from search import analyze

    def no_lemma(word: str) -> str:
        raise AssertionError(f"lemmatized {word!r}")

    monkeypatch.setattr(analyze, "_KNOWN", [])
    monkeypatch.setattr(analyze, "_TERMS", {})
    monkeypatch.setattr(analyze, "_LEMMAS", {})
    monkeypatch.setattr(analyze, "_compute_lemma", no_lemma)
    Vocabulary(["Lavrov", "NATO"], ["lavrov", "nato"], ["lavrov", "nato"]).use()
    # `lavrov` as typed has the term of the corpus's `Lavrov`: no simplemma table needed
    assert analyze.term("lavrov") == analyze.term("LAVROV") == "lavrov"
    # an acronym's term is its own letters, never borrowed from another case
    with pytest.raises(AssertionError, match="lemmatized 'nato'"):
        analyze.term("nato")


def test_an_ambiguous_form_opens_its_second_reading_only_when_typed() -> None:
    words = ["riforma", "riforme", "riformare", "riformato", "riformano", "riformando"]
    vocab = Vocabulary([*words, "legge", "leggere"])
    found = vocab.expand("riforma")
    assert {w.lower() for w in found.forms} == {"riforma", "riforme"}
    assert set(found.readings) == {"riformare", "riformato", "riformano", "riformando"}
    # the plural is a noun only; the verb's forms reach the form both share, as a second
    # reading, and never the noun's other forms
    assert vocab.expand("riforme").readings == []
    assert vocab.expand("riformano").readings == ["riforma"]
    assert vocab.expand("legge").readings == []


def test_a_reading_never_counts_twice() -> None:
    # `conto` shares the stem of contare and is one of its forms read as a noun
    vocab = Vocabulary(["contare", "contando", "conto", "conta", "conti"])
    found = vocab.expand("contare")
    assert "conto" in found.readings and "conto" not in found.stemmed


def test_a_verb_reading_needs_a_form_only_a_verb_has() -> None:
    # `solare` is the adjective (solar) here: no gerund, no past of a verb solare
    vocab = Vocabulary(["solo", "soli", "sola", "solare", "solari"])
    assert vocab.expand("solo").readings == []
    assert vocab.expand("solare").readings == []
    vocab = Vocabulary(["ancora", "ancore", "ancorare", "ancorando", "ancorato"])
    assert set(vocab.expand("ancora").readings) == {"ancorare", "ancorando", "ancorato"}
    assert vocab.expand("ancorare").readings == ["ancora"]


def test_a_second_reading_needs_its_infinitive_in_the_corpus() -> None:
    vocab = Vocabulary(["giro", "giri", "girato"])  # no `girare`: no verb reading
    assert vocab.expand("giro").readings == []


def test_a_plural_of_two_singulars_joins_both() -> None:
    # simplemma gives `lavori` to lavorio: lavoro and lavori still find each other, as a
    # second reading, and lavorio's own forms never reach lavoro
    vocab = Vocabulary(["lavoro", "lavori", "lavorio", "Lavoro"])
    assert {"lavoro", "Lavoro"} <= set(vocab.expand("lavori").readings)
    assert vocab.expand("lavoro").readings == ["lavori"]
    assert "lavoro" not in vocab.expand("lavorio").words


def test_a_verb_reaches_no_noun_through_a_third_plural() -> None:
    # `rubino` is also "they steal", but a search for rubare never means the gem
    vocab = Vocabulary(["rubare", "rubando", "rubata", "rubino", "rubini"])
    assert vocab.expand("rubata").readings == []
