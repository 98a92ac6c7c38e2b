"""Person extraction: what counts as a person, what never does, fullest form per article."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.people import extract_people, is_person_name


def people(body: str, title: str = "Notizie", tags: tuple[str, ...] = ()) -> list[str]:
    return extract_people(title, None, body, tags)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Il presidente russo Vladimir Putin ha parlato a lungo.", ["Vladimir Putin"]),
        # role cue before a surname the gazetteer cannot know
        ("Lo ha detto il portavoce Peskov in conferenza stampa.", ["Peskov"]),
        ("Il ministro degli Esteri russo, Lavrov, ha risposto.", ["Lavrov"]),
        # particles, initials, hyphenated first names, Roman numerals
        ("La presidente Ursula von der Leyen è arrivata.", ["Ursula von der Leyen"]),
        ("Lo ricordava George W. Bush nel 2003.", ["George W. Bush"]),
        ("Lo ha ammesso Jean-Claude Trichet ieri.", ["Jean-Claude Trichet"]),
        ("La visita di Papa Paolo VI fu storica.", ["Paolo VI"]),
        ("Un incontro con Bashar al-Assad a Damasco.", ["Bashar al-Assad"]),
        # a run holding a place or an office keeps the name at its end
        ("Il presidente della Repubblica Giorgio Napolitano ha firmato.", ["Giorgio Napolitano"]),
        # elided article before a name
        ("È l'opinione dell'ex premier Mario Draghi.", ["Mario Draghi"]),
    ],
)
def test_finds_people(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Lo rende noto Ria Novosti, citando fonti del Cremlino.",
        "Lo riporta l'agenzia Tass. Secondo Belta, i due leader si sono sentiti.",
        "I dati del think tank Center for Strategic International Studies sono inaffidabili.",
        "I colloqui si sono svolti ad Abu Dhabi, mediati dagli Stati Uniti.",
        "Quando il missile Oreshnik è stato utilizzato per la prima volta.",
        "La NATO e l'Unione Europea hanno risposto a Mosca e Kiev.",
        "Dopo Natale e prima di Capodanno, a Ferragosto e a Pasqua.",
        "Lunedì 3 Dicembre e Martedì 4 Gennaio si vota.",
        "Secondo fonti ufficiali, Intanto la Banca Centrale Europea tace.",
        "Foto di Pixabay @Iuliia_Leonteva per il Festival di Sanremo.",
        "Il Ministero della Difesa ha diffuso i dati dell'Università di Roma.",
        "Il ministro della Difesa ha parlato al Senato della Repubblica.",
        # places and firms named after people, brands, shops, regions
        "Ricoverato al Policlinico Agostino Gemelli, abitava in via Olof Palme.",
        "Furto al Roman Bar di via Giardini: rubata una Mercedes e un'Audi.",
        "La regione Emilia Romagna ha stanziato i fondi.",
        # a surname-like ending after a place preposition is a town
        "I ladri hanno colpito ancora a Serramazzoni e in Valsassina.",
        # a relative named by a first name the gazetteer lacks: no surname
        "La donna è morta mentre il figlio Umair colpiva la sorella.",
    ],
)
def test_never_people(body: str) -> None:
    assert people(body) == []


def test_sentence_initial_words_are_not_names() -> None:
    body = "Nuove proposte. Superate le incomprensioni. Questi sviluppi segnano un momento."
    assert people(body) == []


def test_surname_alone_maps_to_full_name_in_same_article() -> None:
    body = (
        "Il presidente Vladimir Putin ha incontrato Alexander Lukashenko. "
        "Poi Putin ha detto che Lukashenko è un alleato."
    )
    assert people(body) == ["Vladimir Putin", "Alexander Lukashenko"]


def test_fullest_form_wins_even_when_it_comes_later() -> None:
    body = "Lavrov ha parlato. Il ministro Sergei Lavrov ha poi aggiunto altro."
    assert people(body, title="Lavrov a Minsk") == ["Sergei Lavrov"]


def test_title_and_subtitle_count() -> None:
    found = extract_people(
        "Russia, Lavrov: superate le incomprensioni",
        "Le parole di Serghei Lavrov",
        "Il ministro ha parlato a lungo.",
    )
    assert found == ["Serghei Lavrov"]


def test_person_tags_count_and_absorb_surname_mentions() -> None:
    found = people(
        "Putin avrebbe rifiutato di colpire le residenze di Zelensky.",
        tags=("Volodymyr Zelensky", "Guerra in Ucraina", "USA", "Cremlino"),
    )
    assert "Volodymyr Zelensky" in found
    assert not {"Zelensky", "Guerra in Ucraina", "USA", "Cremlino"} & set(found)


def test_a_relative_named_in_full_stays_a_person() -> None:
    assert people("Il figlio Umair Butt è stato fermato. Poi il figlio Umair ha parlato.") == [
        "Umair Butt"
    ]


def test_first_name_alone_belongs_to_full_name() -> None:
    body = "Anna Rossi ha vinto la gara. Anna ha poi ringraziato il pubblico."
    assert people(body) == ["Anna Rossi"]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    body = "Mario Rossi e Paolo Rossi sono fratelli."
    assert people(body) == ["Mario Rossi", "Paolo Rossi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volodymyr Zelensky", True),
        ("Vladimir Putin", True),
        ("Alexander Lukashenko", True),
        ("George W. Bush", True),
        ("Guerra in Ucraina", False),
        ("USA", False),
        ("Cremlino", False),
        ("Russia", False),
        ("Ultim'ora", False),
        ("Abu Dhabi", False),
        ("Stati Uniti", False),
        ("Ria Novosti", False),
        ("Putin", False),  # a bare surname is no tag-level evidence of a person
        ("", False),
    ],
)
def test_is_person_name(text: str, expected: bool) -> None:
    assert is_person_name(text) is expected


def test_total_on_odd_input() -> None:
    for body in ["", "\n\n", "'''", "L'", "A. B. C.", "X" * 10_000, "ÀÉÌ ÒÙ", "@@@ ### $$$"]:
        assert isinstance(extract_people("", None, body), list)


def test_fast_enough_for_indexing() -> None:
    body = (
        "Il presidente russo Vladimir Putin ha incontrato a Minsk il suo omologo "
        "Alexander Lukashenko. Lo ha reso noto il portavoce Dmitry Peskov, citato da "
        "Ria Novosti. Secondo Peskov, i due leader hanno discusso della situazione in "
        "Ucraina e delle sanzioni imposte dall'Unione Europea e dagli Stati Uniti. "
    ) * 8  # ~400 words
    extract_people("Titolo", None, body)
    n = 200
    start = time.perf_counter()
    for _ in range(n):
        extract_people("Titolo", None, body)
    per_article = (time.perf_counter() - start) / n
    # generous bound so a loaded CI machine does not flake; typical is ~0.5 ms
    assert per_article < 0.01


_ALPHABET = st.sampled_from(
    list("abcdeilnoprstuvz")
    + list("ABCDLMPRSVZ")
    + [" ", " ", "\n", ".", ",", "'", "’", "-"]
    + ["à", "É", "_", "1"]
)
_WORDS = st.sampled_from(
    [
        "Vladimir",
        "Putin",
        "Mario",
        "Rossi",
        "di",
        "von",
        "der",
        "Il",
        "presidente",
        "Mosca",
        "Università",
        "dell'Ucraina",
        "W.",
        "Jean-Claude",
        "al-Assad",
        "VI",
        "NATO",
        "e",
        ",",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(_ALPHABET, max_size=80),
        st.lists(_WORDS, max_size=25).map(" ".join),
    )
)
def test_every_name_is_made_of_words_of_the_text(body: str) -> None:
    found = extract_people("", None, body)
    assert len(found) == len(set(found))
    for name in found:
        assert name and name == " ".join(name.split())
        for word in name.split():
            assert word in body


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # towns and hamlets from the gazetteer, even when they read as surnames
        ("Il furto è avvenuto a Serramazzoni nella notte.", []),
        ("Ieri sera Serramazzoni ha ospitato la sagra.", []),
        ("La strada per Lama Mocogno è chiusa.", []),
        # a town's name with a qualifier: a hamlet, or one of two towns
        ("La festa di Saliceto Panaro ha chiuso la stagione.", []),
        ("Le scuole di Castelfranco Emilia riaprono.", []),
        # a first name in front makes it a person's ("Giuliano Ferrara")
        ("Ne ha parlato Giuliano Ferrara in tv.", ["Giuliano Ferrara"]),
        # a title or a role still makes the same word a person
        ("Lo ha confermato il sindaco Serramazzoni in consiglio.", ["Serramazzoni"]),
        # saints name churches, parishes and hamlets
        ("Una pattuglia della caserma di San Martino Spino.", []),
        ("Nella chiesa di San Giovanni Evangelista si è tenuta la messa.", []),
        ("Il quadro con i santi Giovanni Evangelista al centro.", []),
        # a street named after someone, past the title in front of the name
        ("L'incidente in via Don Minzoni ha bloccato il traffico.", []),
        ("Un blocco al cavalcavia Cialdini in mattinata.", []),
        # a byline glued to the first name of the next sentence: the name ends there
        ("Nota breve. Francesco Dondi Andrea ha 46 anni e vive in città.", ["Francesco Dondi"]),
        # a compass point after a name makes a place of it (a district, a motorway stop)
        ("Un furto all'autogrill Tressano Ovest sulla A1.", []),
        ("Il traffico verso Carpi Nord e Corlo Est è bloccato.", []),
        # a town's name ending in a first name, then a person's name
        ("Ha parlato il sindaco di Castelfranco Emilia Mario Ferri in aula.", ["Mario Ferri"]),
        ("Il maresciallo di San Prospero Lucio Tarrone ha notato l'auto.", ["Lucio Tarrone"]),
        # a town as everyday use writes it (officially "Reggio nell'Emilia")
        ("Il procuratore di Reggio Emilia Marta Lodi ha chiesto gli atti.", ["Marta Lodi"]),
    ],
)
def test_places_and_places_named_after_someone(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Nota breve. Stefano Luppi Giovani e anziani in piazza.", ["Stefano Luppi"]),
        # after two first names, an organisation word is the surname
        ("Tra gli avvocati penalisti (Michela Anna Guerra) c'era chi.", ["Michela Anna Guerra"]),
    ],
)
def test_spans_end_where_the_name_ends(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_names_joined_to_a_place_named_after_someone_are_places_too() -> None:
    body = "Il quadro con i santi Giovanni Evangelista e Gregorio Taumaturgo è tornato."
    assert people(body) == []
    assert people("Era in via Cialdini e Mario Rossi lo ha visto.") == ["Mario Rossi"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an article, elided or indefinite, before a name makes it a thing
        ("Portato al pronto soccorso dell'Ospedale Ramazzini in serata.", []),
        ("È stata rubata una Alfa Romeo Giulia davanti a una discoteca.", []),
        ("Gli agenti hanno trovato un'Alfa Romeo bianca.", []),
        ("Una modello Alfa Romeo 147 era parcheggiata.", []),
        # a firm described right after its name
        ("Il furto subito da Malagoli Davide, azienda di giardinaggio.", []),
        # a masculine article before a lone surname: the place called after someone
        ("Lo spaccio nei parchi, al Cialdini e in stazione.", []),
        ("Nella zona Cialdini sono arrivate le pattuglie.", []),
        # the same words before a person with no article stay people
        ("Lo ha detto Carlo Ramazzini, primario.", ["Carlo Ramazzini"]),
        ("La segretaria Elly Schlein e la premier Meloni si sentono.", ["Elly Schlein", "Meloni"]),
    ],
)
def test_things_named_like_people(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_a_byline_opening_a_paragraph_is_not_a_mention() -> None:
    body = "La bici è sparita ieri.\n\ndi Saverio Cioce Una bicicletta rubata ogni ora."
    assert people(body) == []
    assert people("di Mario Rossi\nIl furto.") == []
    # "di" inside a sentence still introduces a person
    assert people("La proposta di Mario Rossi è passata.") == ["Mario Rossi"]


def test_a_sign_off_closing_a_paragraph_is_not_a_mention() -> None:
    body = "I ladri sono fuggiti in auto. — Elena Marchi\n\nIl sindaco Paolo Neri chiede controlli."
    assert people(body) == ["Paolo Neri"]
    assert people("«È intollerabile». — Elena Marchi") == []
    # several signatures in a row: none is a mention
    assert people("«È un bene comune». — Elena Marchi Carla Bontempini") == []
    # a dash before a quote's speaker, or around an aside, still introduces a person
    assert people("«Non ci arrenderemo» — Elena Marchi\n\nAltro.") == ["Elena Marchi"]
    assert people("La consigliera — Elena Marchi — ha votato contro.") == ["Elena Marchi"]


def test_a_sign_off_whose_first_name_is_an_italian_word_is_not_a_mention() -> None:
    # "Azzurra" and "Bianca" are no first names to the gazetteer: the run still signs off
    assert people("La festa è finita. — Azzurra Cantelli Ludovica Bergonzi Angela Rinaldini") == []
    assert people("La festa è finita. — Azzurra Cantelli Ludovica Bergonzi") == []
    assert people("«Basta così». — Bianca Ferrarini Chiara Bergonzi") == []


def test_names_in_a_row_are_split_past_a_word_that_is_no_first_name() -> None:
    body = "Lo hanno firmato Azzurra Cantelli Ludovica Bergonzi Angela Rinaldini ieri."
    assert people(body) == ["Ludovica Bergonzi", "Angela Rinaldini"]


def test_names_in_a_row_closing_a_paragraph_after_a_full_stop_are_signatures() -> None:
    body = (
        "Il corteo è passato in centro. Giovanni Borsari Paola Ferretti\n\nIl sindaco Paolo Neri."
    )
    assert people(body) == ["Paolo Neri"]


@pytest.mark.parametrize(
    "body",
    [
        "Martina Zanoli Attimi di paura ieri sera in via Roma.",
        "Il cantiere è chiuso.\n\nMartina Zanoli Sono arrivati ieri i primi operai.",
        # a number written out opens the sentence, it ends no name
        "Martina Zanoli Tre giovani sono stati fermati dai carabinieri.",
        "Martina Zanoli «Non ho visto nulla», racconta il testimone.",
        "Martina Zanoli/CARPI Colpita alle spalle mentre rientrava.",
        "Martina Zanoli CARPI Colpita alle spalle mentre rientrava.",
        "Martina Zanoli Modena, crocevia dei traffici, torna sotto i riflettori.",
        # a sentence opening with a list
        "Martina Zanoli Fabbri, idraulici, muratori: mancano in tutta la provincia.",
        # past a dateline or a kicker
        "Carpi, 3 marzo 2024 – Martina Zanoli Attimi di paura in centro.",
        "Il 3 marzo 2024, Martina Zanoli Continuano i lavori in centro.",
        "MODENA – Martina Zanoli Attimi di paura in centro.",
        "Il cantiere è chiuso.\n\nL'INTERVISTA Martina Zanoli Nessuno se lo aspettava.",
        "Carpi, 3 marzo 2024 – di Martina Zanoli Una bici rubata ogni ora.",
        # two bylines
        "Martina Zanoli Gilberto Bassoli «Mio fratello era troppo giovane».",
        # a capitalized article that is no surname's prefix opens the sentence
        "Martina Zanoli La Cgil di Modena chiede un incontro.",
        "Martina Zanoli La Mountain Bike Race è una gara senza soste.",
    ],
)
def test_a_byline_glued_to_the_first_sentence_is_not_a_mention(body: str) -> None:
    assert people(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a subject opening the paragraph: punctuation, a verb, a conjunction after it
        ("Martina Zanoli, 45 anni, è stata arrestata.", ["Martina Zanoli"]),
        ("Martina Zanoli è stata fermata ieri sera.", ["Martina Zanoli"]),
        ("Martina Zanoli ha detto che il cantiere riapre.", ["Martina Zanoli"]),
        ("Gian Carlo Muzzarelli ha parlato in consiglio.", ["Gian Carlo Muzzarelli"]),
        (
            "Martina Zanoli e Gilberto Bassoli sono arrivati.",
            ["Martina Zanoli", "Gilberto Bassoli"],
        ),
        ("Martina Zanoli (Pd) chiede chiarimenti.", ["Martina Zanoli"]),
        # a byline, then the subject of the first sentence
        ("Martina Zanoli Gilberto Bassoli è di Carpi e lavora in banca.", ["Gilberto Bassoli"]),
        # a surname's prefix, a lowercase preposition
        ("Carla Del Ponte ha parlato ieri.", ["Carla Del Ponte"]),
        ("Martina Zanoli Di Pietro ha parlato ieri.", ["Martina Zanoli Di Pietro"]),
        # a title or an office after the name is the name's
        ("Martina Zanoli Presidente della Provincia ha parlato.", ["Martina Zanoli"]),
        # the byline's name mentioned again in the article is a person of it
        (
            "Martina Zanoli Attimi di paura in centro. Lo racconta Martina Zanoli, testimone.",
            ["Martina Zanoli"],
        ),
        # inside a paragraph the rule does not apply
        ("Il cantiere è chiuso. Martina Zanoli Attimi di paura.", ["Martina Zanoli"]),
        # the title is no paragraph of the body
        ("Lo ha detto ieri.", ["Martina Zanoli"]),
    ],
)
def test_a_full_name_opening_a_paragraph_as_its_subject_stays(
    body: str, expected: list[str]
) -> None:
    title = "Martina Zanoli Il ritorno" if body == "Lo ha detto ieri." else "Notizie"
    assert people(body, title=title) == expected


def test_a_name_cut_short_before_an_apposition_is_no_byline() -> None:
    # three words the rules cut short ("Ferri" is an Italian word), then an apposition:
    # no sentence opens so, so the name is kept
    found = people("Martina Zanoli Ferri, la commessa del negozio, ha visto tutto.")
    assert any(name.startswith("Martina Zanoli") for name in found)
    # nor is a lowercase preposition after the name
    found = people("Martina Zanoli da Sassuolo ha parlato ieri.")
    assert any(name.startswith("Martina Zanoli") for name in found)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a name listed beside a person found is a person too, on either side
        ("Hanno segnato il tecnico Tosatto e Nibali.", ["Tosatto", "Nibali"]),
        ("Sono arrivati Tosatto e Vincenzo Nibali.", ["Vincenzo Nibali", "Tosatto"]),
        (
            "Insieme a Gaber, Jannacci e Paolo Rossi fondò il gruppo.",
            ["Paolo Rossi", "Jannacci", "Gaber"],
        ),
        # a comma before a person is as often an apposition: no list
        ("Il tesoriere dei Saveriani, Franco Bordignon, ha parlato.", ["Franco Bordignon"]),
        # Italian words and surname-first forms stay out of a list
        ("Con il sindaco Rossi e Panico sono arrivati.", ["Rossi"]),
        ("Vivevano i vecchi Chiletti Antonio e Luigia.", ["Luigia"]),
    ],
)
def test_names_listed_beside_a_person(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an office's Italian word after an articulated preposition is not the name's
        ("Lo ha detto il ministro degli Esteri Sergei Lavrov ieri.", ["Sergei Lavrov"]),
        ("Il ministro degli Affari Esteri Antonio Tajani ha parlato.", ["Antonio Tajani"]),
        ("Il ministro delle Finanze Giancarlo Giorgetti ha firmato.", ["Giancarlo Giorgetti"]),
        # after a plain preposition a double first name stays whole
        ("Il libro di Rosa Maria Bianchi è uscito.", ["Rosa Maria Bianchi"]),
    ],
)
def test_an_office_before_a_name_is_not_part_of_it(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an abbreviated title with its dot is a cue
        ("La diagnosi è stata firmata dal Prof. Gentilini stamattina.", ["Gentilini"]),
        ("Era presente anche il dott. Ferrabosco in aula.", ["Ferrabosco"]),
        # a word ending a sentence is no abbreviation
        ("Ha parlato il papa. Nessuno ha risposto.", []),
    ],
)
def test_abbreviated_titles_are_cues(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # role and trade words are cues like titles
        ("Lo ha confermato lo storico Brambillasca alla stampa.", ["Brambillasca"]),
        ("Ha vinto il fantino Zeddaru dopo tre giri.", ["Zeddaru"]),
        # a nickname after "detto" or "alias" is the person's
        ("Ha vinto Marco Pinna detto Spillone in volata.", ["Marco Pinna", "Spillone"]),
        ("Fu arrestato il boss, alias Zanzarone, a Napoli.", ["Zanzarone"]),
    ],
)
def test_role_and_nickname_cues(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a player's number or a note in brackets between the items of a line-up
        (
            "Formazione: Pettinard 3, Gubrinski 14, Varzeck 9, Tomasett (L), Rugger.",
            ["Gubrinski", "Pettinard", "Varzeck", "Tomasett", "Rugger"],
        ),
        # a list of places stays places: no person to vouch for it
        ("Le città colpite: Chillovar 100, Talcaria 105 e Sunderby.", []),
    ],
)
def test_line_ups_are_lists(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a particle opening a run opens the surname
        ("Si ispirò ai quadri di Van Brederode.", ["Van Brederode"]),
        ("Lo ha detto Ben Huxtabler ieri sera.", ["Ben Huxtabler"]),
        # and joins the full name with the same surname
        ("Parla padre Camillo De Pazzoli. De Pazzoli ha 90 anni.", ["Camillo De Pazzoli"]),
        # a place named after someone stays a place
        ("Fu portato all'ospedale De Lellisari di Rieti.", []),
        ("Lo trovarono in piazza De Gasparoni ieri.", []),
    ],
)
def test_a_particle_opens_a_surname(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # more endings of Italian surnames, alone with no cue
        ("Lo hanno attaccato Gorlati e Brunazzi durante la gara.", ["Gorlati", "Brunazzi"]),
        # after a plural article a surname names a family or a place
        ("Un furto nella zona dei Ferrazzi ieri sera.", []),
        # a place named after someone, adjectives between
        ("Vandali all'istituto tecnico commerciale Merlotti stanotte.", []),
        # a Greek city's ending is no surname
        ("La flotta è arrivata a sud di Tiranopoli stamattina.", []),
    ],
)
def test_lone_surnames_by_their_ending(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an initial before a surname no dictionary knows
        ("In meta è andato B. Tarrowby dopo tre minuti.", ["B. Tarrowby"]),
        # "S." before a first name is a saint's abbreviated title
        ("La processione arriva a S. Giovanni stasera.", []),
        # storms, ships, agencies and brands are things
        ("Il ciclone Marabella ha colpito la costa.", []),
        ("Lo ha scritto l'agenzia Kuzeyhaber ieri.", []),
        ("Ha aperto un negozio del marchio Denny Rose in centro.", []),
        # a place named after someone inside the run: "Aula X"
        ("Si è svolto nell'Aula Francesco Pessina della Facoltà.", []),
    ],
)
def test_initials_and_things(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a noun named after a person: the surname is the person's
        ("Il decreto Gorlacchi è stato approvato ieri.", ["Gorlacchi"]),
        ("Gli uomini del clan Strozzaglia sono stati arrestati.", ["Strozzaglia"]),
        # not an Italian word, not a town
        ("Il decreto Sviluppo è stato approvato ieri.", []),
        ("Il caso Serramazzoni è chiuso.", []),
    ],
)
def test_nouns_named_after_a_person(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # after a capitalized article or preposition, the last word is the surname's
        ("Ha parlato la procuratrice Carla Del Ponte ieri.", ["Carla Del Ponte"]),
        # a place as the surname after two first names
        ("Ha cantato Whitney Elizabeth Houston a lungo.", ["Whitney Elizabeth Houston"]),
    ],
)
def test_surnames_that_are_places_or_things(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_the_head_of_a_list_of_three() -> None:
    body = "Recitò con Brambillone, Ornella Muti e Renato Pozzetto."
    assert people(body) == ["Ornella Muti", "Renato Pozzetto", "Brambillone"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an age right after a name, after a comma or in brackets
        ("È morta Gelsomina Aurecchiano, 56 anni, a Napoli.", ["Gelsomina Aurecchiano"]),
        ("Ha cantato Kainumaro (8 anni) di Tokyo.", ["Kainumaro"]),
        # no comma or bracket: a place or a thing with an age
        ("Un imprenditore di Anzio di 53 anni è morto.", []),
        ("Il Titanic 110 anni dopo.", []),
    ],
)
def test_an_age_after_a_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a role in apposition right after a name
        ("Ieri Didoro Chaconne, direttore del centro, ha parlato.", ["Didoro Chaconne"]),
        # an article before the role opens a new clause: no apposition
        ("Secondo il sito Tmzeta, la cantante era malata.", []),
        # an organisation word after a name makes it the organisation's
        ("Alloggiava al Beverly Hilton Hotel di Los Angeles.", []),
        ("Lo ha trasmesso la Oprah Winfrey Network ieri.", []),
    ],
)
def test_what_follows_a_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a nationality between the role and the name does not stop the cue
        ("Ha vinto il velocista giamaicano Ottey Stone ieri.", ["Ottey Stone"]),
        ("Lo ha ricevuto il presidente egiziano Mubarrek al Cairo.", ["Mubarrek"]),
        # an ordinary word there does
        ("Il ministro ha firmato, poi Brindellone è partito.", []),
    ],
)
def test_a_nationality_after_a_role(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a foreign pair after an office in one run of capitalized words
        ("Parlava il Segretario di Stato Ngozi Okwuosa a Ginevra.", ["Ngozi Okwuosa"]),
        # an Italian word in it: an office or a thing, no name
        ("Il ministro del Lavoro Pubblico ha parlato.", []),
    ],
)
def test_a_foreign_name_after_an_office(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an elided article on a thing's word: "dell'uragano X" is a storm
        ("I danni dell'uragano Kelbrinova sono ingenti.", []),
        # and on an eponym noun: "dell'era X" is a person's era
        ("È la fine dell'era Pallottieri alla Roma.", ["Pallottieri"]),
    ],
)
def test_elided_article_on_a_cue_word(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_a_surname_found_by_its_full_name_starts_a_list() -> None:
    body = "Ha parlato Livio Caramelli. Poi Caramelli e Sbrodolask sono usciti."
    assert people(body) == ["Livio Caramelli", "Sbrodolask"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a rare first name opens a full name, even at a sentence start
        ("Esterino Montanucci ha firmato il decreto.", ["Esterino Montanucci"]),
        # but is no name alone
        ("Lo ha detto ieri Esterino in piazza.", []),
    ],
)
def test_rare_first_names_open_a_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a capitalized preposition before one word is the surname's
        ("Lo ha confermato il ministro Di Pietrangeli ieri.", ["Di Pietrangeli"]),
        ("Lo ha scritto lo storico De Gasparetti nel 1950.", ["De Gasparetti"]),
        ("È intervenuto il presidente Della Vallerana.", ["Della Vallerana"]),
        # and joins the full name in the article
        (
            "Parla Luigi Di Maiorano. Di Maiorano ha detto che il senatore Di Maiorano...",
            ["Luigi Di Maiorano"],
        ),
        # at a sentence start "Di" is the preposition
        ("Di Natale si parla poco. Di Roma anche.", []),
    ],
)
def test_surname_prefixes_stay_in_the_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a goal's word and "di": the scorer
        ("Ha deciso la doppietta di Brembillo nel finale.", ["Brembillo"]),
        ("Vincono con i gol di Carzolla e Rambeth.", ["Carzolla", "Rambeth"]),
        # a team or a town after it is no scorer
        ("Il primo gol di Sassuolo in casa.", []),
        # "di" alone says nothing
        ("Il libro di Brembillo è uscito.", []),
    ],
)
def test_the_scorer_of_a_goal(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a cabinet is named after its head, even when the surname is an Italian word
        ("Durante il governo Lettera la crisi peggiorò.", ["Lettera"]),
        ("Lo ha deciso la giunta Muzzarelloni ieri.", ["Muzzarelloni"]),
        # other eponym nouns still refuse Italian words
        ("Il decreto Sviluppo è stato approvato.", []),
    ],
)
def test_a_cabinet_named_after_its_head(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_a_numbered_line_up_needs_no_known_player() -> None:
    body = "Ha parlato Livio Caramelli. Italia: Sbardi 6, Tonfak 10, Falcetto 15, Brumo 7."
    assert people(body) == ["Livio Caramelli", "Sbardi", "Tonfak", "Falcetto", "Brumo"]


def test_a_name_opening_a_longer_one_is_that_person() -> None:
    body = "Ucciso Jairo Morales Sandovar. Jairo Morales lavorava con Ugo Bassi."
    assert people(body) == ["Jairo Morales Sandovar", "Ugo Bassi"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an adjective between the role and the name
        ("Ha deciso il giudice sportivo Tosellak.", ["Tosellak"]),
        # a school's adjectives are no role's
        ("Vandali all'istituto comprensivo statale Merlottak stanotte.", []),
    ],
)
def test_an_adjective_after_a_role(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a singular definite article before two words: a stadium, a bank, a firm
        ("La finale si gioca al Giulio Bertocchi di Trento.", []),
        ("Lo ha deciso la Skandia Fjordbank ieri.", []),
        # before a lone first name: a ship, a region
        ("Il relitto della Rosalinda giace a cento metri.", []),
        # no article: a person
        ("Lo ha detto Giulio Bertocchi ieri.", ["Giulio Bertocchi"]),
        # a plural article names a family
        ("La faida contro i Marzio Taccheroni durò anni.", ["Marzio Taccheroni"]),
        # a woman's surname takes the article
        ("Lo ha detto Anna Ferrulli. Poi la Ferrulli è uscita.", ["Anna Ferrulli"]),
    ],
)
def test_a_definite_article_makes_a_name_a_thing(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a place noun, modifiers, then the name
        ("La scuola elementare Rocco Vanzetti riapre domani.", []),
        ("Si è svolto nella sala conferenze Luisa Strambelli del centro.", []),
        # a title between: the person
        ("Lo conferma la sala stampa padre Ottavio Lambertini oggi.", ["Ottavio Lambertini"]),
        # an article between: the noun is no name's
        ("Lo hanno visto in piazza il giovane Rocco Vanzetti e un amico.", ["Rocco Vanzetti"]),
    ],
)
def test_a_place_named_after_someone_past_its_modifiers(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "di" after a place noun, maybe past a modifier: a town, not a person
        ("Un uomo è morto nella città portuale di Tembolini.", []),
        ("Il sisma ha colpito la contea di Tallo Wumba.", []),
        ("I turisti sono tornati sull'isola di Brenda.", []),
        # "di" after another noun says nothing new
        ("Il libro di Tallo Wumba è uscito.", ["Tallo Wumba"]),
    ],
)
def test_di_after_a_place_noun_names_a_place(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a masculine article opening the sentence, as inside it ("al Cialdini")
        ("Il Marchettoni riapre domani dopo i lavori.", []),
        ("Poi il Marchettoni riapre domani.", []),
        # a plural one: a family
        ("I Bertolazzi non hanno risposto.", []),
    ],
)
def test_an_article_opening_the_sentence_counts(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "presso" before a foreign pair: where
        ("L'epicentro è stato localizzato presso Tambur Kohat ieri.", []),
        ("L'epicentro è stato localizzato vicino Tambur Kohat ieri.", ["Tambur Kohat"]),
    ],
)
def test_presso_is_a_place_preposition(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "Santissima" is a saint's title: a church or a parish
        ("Lavori a Santissima Maria Ausiliatrice da lunedì.", []),
        # islands and monasteries take a person's name
        ("Naufraghi sulle isole Pedro Alvarenga ieri.", []),
        ("In fiamme il Monastero Pedro Alvarenga stanotte.", []),
        ("Lo ha detto Pedro Alvarenga ieri.", ["Pedro Alvarenga"]),
    ],
)
def test_more_places_named_after_someone(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a capital inside a word: a firm's or a brand's name
        ("Hanno firmato Mario Rossi e FarmaNova ieri.", ["Mario Rossi"]),
        ("Lo ha annunciato il portavoce TelCorp oggi.", []),
        # a surname's prefix before the capital
        ("Lo ha detto il senatore McCallini ieri.", ["McCallini"]),
        ("Hanno firmato Mario Rossi e DiCaprelli ieri.", ["Mario Rossi", "DiCaprelli"]),
    ],
)
def test_a_capital_inside_a_word_is_a_firm(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a party, an agency, a medium, maybe past a modifier: its name
        ("Ha votato contro il partito Zorbak Kalimerou ieri.", []),
        ("Lo riferisce l'agenzia irachena Noemi stamattina.", []),
        # after a preposition the noun completes a role: the name is a person's
        (
            "Parla il vice-capo dell'organizzazione islamica Ayman al-Zawahiri.",
            ["Ayman al-Zawahiri"],
        ),
    ],
)
def test_a_thing_noun_names_what_follows(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a person anywhere in a list of three vouches for its other items
        (
            "Parla Livio Caramelli. In attacco Brumak, Caramelli e Tonfakis.",
            ["Livio Caramelli", "Brumak", "Tonfakis"],
        ),
        # a list filling the rest of a line after a heading's colon is a line-up (in an
        # article with a person: a line-up comes with its coach and scorers)
        (
            "Ha parlato Livio Caramelli.\nPanchina: Sbardik, Tonfakis, Falcettor.",
            [
                "Livio Caramelli",
                "Sbardik",
                "Tonfakis",
                "Falcettor",
            ],
        ),
        (
            "Ha parlato Livio Caramelli.\nSbardik, Tonfakis, Falcettor e Brumak.",
            [
                "Livio Caramelli",
                "Sbardik",
                "Tonfakis",
                "Falcettor",
                "Brumak",
            ],
        ),
    ],
)
def test_long_lists_are_of_one_kind(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a list inside a sentence, with no person, says nothing
        "Ha visitato città come Sbardik, Tonfakis e Falcettor in una settimana.",
        # nor a line of a list of mostly Italian words
        "Estratte:\nOca, Lupa, Civetta, Tonfakis e Torre.",
        # nor works with their years
        "I film:\nSbardik (1978), Tonfakis (1980) e Falcettor (1983).",
        # nor a pair
        "Panchina: Sbardik e Tonfakis.",
    ],
)
def test_long_lists_that_stay_lists(body: str) -> None:
    assert people(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Italian writes no lowercase "du", "van": it opens a foreign surname
        ("Al decimo minuto placca alto du Tosselier sulla touche.", ["du Tosselier"]),
        ("Ha segnato anche van Brederode nel finale.", ["van Brederode"]),
        # after a foreign word it belongs to a foreign place's name
        ("La gara sul circuit de Catalunyor è rinviata.", []),
        # and an Italian word after it is no surname
        ("Lo dice il testo de Relazione in appendice.", []),
    ],
)
def test_a_lowercase_particle_opens_a_surname(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a place and "e": the next item is a place too
        ("Forte scossa in Toscana ed Elvira stanotte.", []),
        # a comma is as often an apposition
        (
            "Lo ha detto un impiegato dell'ambasciata a Teheran, Nazak Afsharini.",
            ["Nazak Afsharini"],
        ),
    ],
)
def test_an_item_listed_after_a_place_is_a_place(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a first name alone (here opening a sentence, so no person by itself) is a
        # player in a numbered line-up
        (
            "Parla Livio Caramelli. Italia: Mirko 6, Sbardik 10, Tonfakis 15, Falcettor 7.",
            ["Livio Caramelli", "Mirko", "Sbardik", "Tonfakis", "Falcettor"],
        ),
        # and a person in a long list holding persons
        (
            "Parla Livio Caramelli.\nMirko, Caramelli e Tonfakis sono usciti.",
            ["Livio Caramelli", "Mirko", "Tonfakis"],
        ),
    ],
)
def test_a_first_name_alone_in_a_line_up(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a family's noun takes the family's surname, as a clan's does
        ("Lo studio fu fondato dai fratelli Brumakis nel 1950.", ["Brumakis"]),
        ("Erano vicini alle famiglie Tonfakis e Sbardik.", ["Tonfakis", "Sbardik"]),
        # not an Italian word, not initials, not after a street word
        ("Lo sanno i fratelli Verdi di tutta la città.", []),
        ("Erano presenti i cugini S. M. e F. M. ieri.", []),
        ("Un incidente in via fratelli Brumakis ieri sera.", []),
    ],
)
def test_a_family_noun_names_a_surname(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a nickname in quotes between a first name and a surname
        ('Ha vinto ancora Mario "Spillone" Brambillak in volata.', ["Mario Brambillak"]),
        ("Lo sfidante Saul «Canelo» Tonfakis ha perso.", ["Saul Tonfakis"]),
        # the surname may be a first name too; a place is no surname
        ('È tornato Gaetano "Manuzza" Marino ieri.', ["Gaetano Marino"]),
        ('Ha cantato Mario "Bello" Roma ieri.', ["Mario"]),
    ],
)
def test_a_nickname_in_quotes_inside_a_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a capitalized eponym noun opening the run names the head's surname
        ("I ministri del Governo Brumakis giurano oggi.", ["Brumakis"]),
        ("Lo ha deciso l'Amministrazione Tonfakis ieri.", ["Tonfakis"]),
        ("Cadde il Governo Sbardik II in primavera.", ["Sbardik II"]),
        # a cabinet's even when it is an Italian word; other nouns refuse those
        ("Era ministra nel Governo Letta allora.", ["Letta"]),
        ("Approvato il Decreto Sviluppo ieri.", []),
        # a family's capitalized noun names firms and streets as often
        ("Lavora alla Fratelli Brumakis di Carpi.", []),
        ("Abita in piazza Governo Tonfakis da anni.", []),
    ],
)
def test_a_capitalized_eponym_noun_opens_the_run(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an age written as an adjective before a name of two words
        ("È stata uccisa una 90enne, Vilmara Bozzo, ieri.", ["Vilmara Bozzo"]),
        ("Arrestato il 30enne Edmir Rossi a Fiorano.", ["Edmir Rossi"]),
        # not a word alone (a first name, as often), not initials
        ("Ha parlato il 25enne Cinzianor ieri.", []),
        ("Erano il 33enne B. L. e il 45enne A. C. al lavoro.", []),
    ],
)
def test_an_age_before_a_name(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a list after a street or brand word names things, even with a person among
        # them (the items beyond an Italian word are no neighbour of the person)
        "Controlli nelle vie Corsini, Verdi, Curiek e Flemingak.",
        "Rubati capi dei marchi Louis Brumakis, Verdi, Gucciak e Pradak.",
    ],
)
def test_a_long_list_of_streets_or_brands(body: str) -> None:
    found = people(body)
    assert "Flemingak" not in found and "Pradak" not in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a role after one modifier in apposition
        ("Tra i quali anche Hincapiek, unico gregario rimasto.", ["Hincapiek"]),
        ("Lo ha ricordato Tonfakis, già candidato alle primarie.", ["Tonfakis"]),
        # an article or a conjunction opens a clause about someone else
        ("Lo riporta Tmzak, la cantante ha smentito.", []),
        ("Lo dice Tmzak, e cantante non è.", []),
    ],
)
def test_a_modified_role_in_apposition(body: str, expected: list[str]) -> None:
    assert people(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two full names in a row: two signatures, or a list without commas
        (
            "Lo hanno firmato Tiziano Morsellini Carla Bontempini ieri.",
            ["Tiziano Morsellini", "Carla Bontempini"],
        ),
        # a surname prefix, two first names, two first names and two surnames: one name
        ("Lo dice Arturo Di Pietro oggi.", ["Arturo Di Pietro"]),
        ("Ha vinto Maria Elena Bortolazzi.", ["Maria Elena Bortolazzi"]),
        ("Lo dice José Luis Rodríguez Zapatero.", ["José Luis Rodríguez Zapatero"]),
    ],
)
def test_two_full_names_in_a_row_are_two_people(body: str, expected: list[str]) -> None:
    assert people(body) == expected


def test_a_line_of_full_names_alone_is_signatures() -> None:
    body = "I ladri sono fuggiti.\n\nTiziano Morsellini Carla Bontempini\n\nIl sindaco Paolo Neri."
    assert people(body) == ["Paolo Neri"]
    # one name alone on its line is no signature by itself
    assert people("Paolo Neri\n\nHa parlato ieri.") == ["Paolo Neri"]


def test_the_gazetteer_holds_towns_as_everyday_use_writes_them() -> None:
    from search.people._build_places import everyday

    official = {"Reggio nell'Emilia", "Anzola dell'Emilia", "Reggio di Calabria", "Bagni di Lucca"}
    assert everyday(official) == {"Reggio Emilia", "Anzola Emilia", "Reggio Calabria"}
