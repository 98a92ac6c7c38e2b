"""A lone surname several persons share: decided by its article's section, else month."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from search.people import PeopleCanon, Where, name_key, where_of

POLITICA_JAN = where_of("Politica", "2020-01-15")
SPORT_FEB = where_of("Sport", "2020-02-03")


def canon_of(*articles: tuple[list[str], Where]) -> PeopleCanon:
    """The canon of these articles, each lone name with a person cue (`il sindaco X`)."""
    canon = PeopleCanon()
    for names, where in articles:
        canon.add(names, where)
        canon.weigh((n, 1, 0, 0, 0, 0, 1) for n in names if " " not in n)
    return canon


def bellelli() -> PeopleCanon:
    """Two Bellelli: Alberto in politics in January 2020, Fernando in sport in February,
    each named in two articles."""
    return canon_of(
        (["Alberto Bellelli"], POLITICA_JAN),
        (["Alberto Bellelli", "Mario Rossi"], POLITICA_JAN),
        (["Fernando Bellelli"], SPORT_FEB),
        (["Fernando Bellelli"], SPORT_FEB),
        (["Bellelli"], where_of("Cronaca", "2021-05-01")),
    )


def test_where_of_gives_the_section_then_the_month() -> None:
    assert where_of("Sport/Calcio", "2020-02-03") == ("s:Sport/Calcio", "m:2020-02")
    assert where_of(None, "2020-02") == ("m:2020-02",)
    assert where_of("Esteri", "2020") == ("s:Esteri",)
    assert where_of(None, None) == ()


def test_a_shared_surname_joins_the_one_person_of_its_section() -> None:
    canon = bellelli()
    assert canon.value("Bellelli", where_of("Politica", "2023-07-01")) == "Alberto Bellelli"
    assert canon.value("Bellelli", where_of("Sport", "2019-03-01")) == "Fernando Bellelli"


def test_else_the_one_person_of_its_month() -> None:
    canon = bellelli()
    assert canon.value("Bellelli", where_of("Cronaca", "2020-02-20")) == "Fernando Bellelli"
    assert canon.value("Bellelli", where_of(None, "2020-01")) == "Alberto Bellelli"


def test_with_no_one_person_nearby_it_stays_as_it_is() -> None:
    canon = bellelli()
    assert canon.value("Bellelli", where_of("Cronaca", "2022-01-01")) == "Bellelli"
    assert canon.value("Bellelli") == "Bellelli"  # no article to place it in
    # both in the section: the month decides, and with both in it too, nothing does
    canon.add(["Fernando Bellelli"], where_of("Politica", "2020-01-20"))
    assert canon.value("Bellelli", where_of("Politica", "2020-02-01")) == "Fernando Bellelli"
    assert canon.value("Bellelli", where_of("Politica", "2020-01-02")) == "Bellelli"


def test_a_person_named_once_in_a_bucket_is_no_evidence() -> None:
    canon = bellelli()
    canon.add(["Alberto Bellelli"], where_of("Cronaca", "2020-05-01"))
    assert canon.value("Bellelli", where_of("Cronaca", "2020-03-01")) == "Bellelli"
    canon.add(["Alberto Bellelli"], where_of("Ambiente", "2020-05-01"))
    assert canon.value("Bellelli", where_of("Cronaca", "2020-05-09")) == "Alberto Bellelli"


def test_a_surname_one_person_holds_links_as_before() -> None:
    canon = canon_of((["Gian Carlo Muzzarelli"], POLITICA_JAN), (["Muzzarelli"], SPORT_FEB))
    assert canon.value("Muzzarelli", POLITICA_JAN) == "Gian Carlo Muzzarelli"
    assert canon.value("Muzzarelli", SPORT_FEB) == "Gian Carlo Muzzarelli"
    assert canon.value("Muzzarelli") == "Gian Carlo Muzzarelli"


def test_a_middle_name_counts_as_its_person() -> None:
    """`Carlo Muzzarelli` in the section is `Gian Carlo Muzzarelli`: one person there."""
    canon = canon_of(
        (["Gian Carlo Muzzarelli"], SPORT_FEB),
        (["Carlo Muzzarelli"], POLITICA_JAN),
        (["Gian Carlo Muzzarelli"], POLITICA_JAN),
        (["Luca Muzzarelli"], SPORT_FEB),
        (["Luca Muzzarelli"], SPORT_FEB),
        (["Muzzarelli"], SPORT_FEB),
    )
    assert canon.value("Muzzarelli", POLITICA_JAN) == "Gian Carlo Muzzarelli"


def test_a_lone_first_name_never_links_by_section_or_month() -> None:
    """`Giorgio`, though the archive writes it only as a surname here, is a first name:
    neither section nor month makes it one of the two persons."""
    canon = canon_of(
        (["Mario Giorgio"], POLITICA_JAN),
        (["Luca Giorgio"], SPORT_FEB),
        (["Giorgio"], POLITICA_JAN),
    )
    assert canon.canonical("Giorgio", POLITICA_JAN) == "Giorgio"
    assert not canon.situated("Giorgio")


def test_a_lone_name_the_archive_uses_for_things_as_often_never_links_so() -> None:
    """`via Bellelli`, `la ditta Bellelli`: with as many street and firm contexts as
    person cues, section and month make it nobody."""
    canon = bellelli()
    canon.weigh([("Bellelli", 2, 0, 1, 1, 0, 0)])  # one person cue of three
    assert canon.value("Bellelli", POLITICA_JAN) == "Bellelli"
    assert not canon.situated("Bellelli")
    canon.weigh([("Bellelli", 2, 0, 0, 0, 0, 2)])  # three of five
    assert canon.value("Bellelli", POLITICA_JAN) == "Alberto Bellelli"


def test_add_reports_a_surname_whose_value_moved_in_the_article_buckets() -> None:
    canon = bellelli()
    cronaca = where_of("Cronaca", "2021-05-01")
    assert canon.add(["Fernando Bellelli"], cronaca) == set()  # once: nothing yet
    assert canon.add(["Fernando Bellelli"], cronaca) == {"Bellelli"}
    assert canon.value("Bellelli", cronaca) == "Fernando Bellelli"
    # a person in a bucket that settles nothing new moves nothing
    assert canon.add(["Fernando Bellelli"], cronaca) == set()


def test_changed_since_sees_a_move_in_one_bucket_only() -> None:
    before = bellelli()
    after = before.copy()
    assert after.changed_since(before) == set()
    after.add(["Alberto Bellelli"], where_of("Cronaca", "2020-02-20"))
    after.add(["Alberto Bellelli"], where_of("Cronaca", "2020-02-20"))
    # Bellelli in February moves (two persons now), in Cronaca it now has one
    assert after.changed_since(before) == {"Bellelli"}
    assert after.value("Bellelli", where_of("Cronaca", "2023-01-01")) == "Alberto Bellelli"
    assert after.value("Bellelli", where_of(None, "2020-02-20")) == "Bellelli"


def test_the_buckets_travel_with_the_state_but_not_to_a_reader() -> None:
    canon = bellelli()
    restored = PeopleCanon.from_dict(json.loads(json.dumps(canon.to_dict())))
    assert restored.value("Bellelli", POLITICA_JAN) == "Alberto Bellelli"
    assert "where" not in canon.to_dict(reader=True)
    damaged = canon.to_dict()
    last = name_key("Bellelli")[0]
    damaged["where"]["persons"][last]["alberto"][1] = -3  # a count: a surname in part
    assert PeopleCanon.from_dict(damaged).unplaced() == {last}
    old = {**canon.to_dict(), "version": 1}
    old.pop("where")
    assert PeopleCanon.from_dict(old).value("Bellelli", POLITICA_JAN) == "Bellelli"


_names = st.sampled_from(
    ["Alberto Bellelli", "Fernando Bellelli", "Bellelli", "Carlo Bellelli", "Mario Rossi"]
)
_where = st.sampled_from(
    [POLITICA_JAN, SPORT_FEB, where_of("Politica", "2020-02-01"), where_of(None, "2020-01")]
)
_articles = st.lists(st.tuples(st.lists(_names, max_size=3, unique=True), _where), max_size=8)
_PLACES = [POLITICA_JAN, SPORT_FEB, where_of("Cronaca", "2020-01-09"), where_of(None, None)]


def _answers(canon: PeopleCanon) -> dict:
    return {w: canon.value("Bellelli", w) for w in _PLACES}


@settings(max_examples=60, deadline=None)
@given(_articles, st.randoms(use_true_random=False))
def test_order_of_articles_does_not_matter(articles, rnd) -> None:
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    assert _answers(canon_of(*articles)) == _answers(canon_of(*shuffled))


@settings(max_examples=60, deadline=None)
@given(_articles, st.data())
def test_taking_articles_back_equals_counting_what_remains(articles, data) -> None:
    gone = data.draw(st.sets(st.integers(0, max(0, len(articles) - 1))))
    canon = PeopleCanon.from_dict(canon_of(*articles).to_dict())
    for i in gone:
        if i < len(articles):
            names, where = articles[i]
            canon.discount(names)
            canon.locate(names, where, -1)
            canon.weigh(((n, 1, 0, 0, 0, 0, 1) for n in names if " " not in n), -1)
    remaining = canon_of(*(a for i, a in enumerate(articles) if i not in gone))
    assert canon.to_dict() == remaining.to_dict()
    assert _answers(canon) == _answers(remaining)
