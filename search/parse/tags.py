"""Split the glued ``Tags:`` line of a page into tags.

Pages print their tags with nothing between them (``RussiaUcrainaUltim'oraUSA``), in
case-insensitive alphabetical order, so a boundary is a place where two characters
touch. Among the ways to cut, the splitter keeps the tags in order, keeps known words
and acronyms whole, and otherwise cuts at the strong boundaries only. Lines that already
separate their tags are split on the separator. The rules:
docs/internals/parsing.md#splitting-glued-tags.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

# Words written in camel case that a case-change split would break. Evidence: brand and
# product names current in Italian news (tag lists of news sites, 2019-2026).
CAMEL_CASE_WORDS = frozenset(
    """TikTok ChatGPT OpenAI YouTube WhatsApp MotoGP LinkedIn PlayStation DeepSeek DeepMind
    SpaceX PayPal BlackRock JPMorgan GitHub FedEx LaPresse McDonald's SkyTG24 TripAdvisor
    AirBnb HarmonyOS MasterChef StarLink CityLife BlaBlaCar EasyJet RyanAir SuperEnalotto
    WeChat iPhone iPad eBay YouGov FiberCop PostePay BancoPosta MilanoToday RomaToday
    SkyTg24 LinkedIn OnlyFans PlayStation5 GameStop DiCaprio McCartney LeBron""".split()
)

# Acronyms common in Italian news; used to cut runs of capitals (``NATOONU``) and to keep
# them whole. Evidence: the acronyms of Italian institutions, parties, agencies and the
# international bodies news pages tag most often.
ACRONYMS = frozenset(
    """UE USA NATO ONU BCE FMI OMS OMC OCSE OPEC UNESCO UNICEF UNHCR FAO AIEA WTO WHO EU UK
    UEFA FIFA FIGC CONI CIO NBA NFL ATP WTA VAR F1 G7 G8 G20 COP26 COP27 COP28 COP29 COP30
    PD M5S FI FDI FdI AVS UDC PSI IV LEU PCI DC MSI CGIL CISL UIL UGL INPS INAIL ISTAT ISS
    AIFA IRPEF IRES IMU IVA TARI PIL PNRR MES BTP BOT ENI ENEL RAI TAR CSM DDL DPCM DL
    ANAS ANSA AGI ANM ANAC ARERA AGCOM CONSOB IVASS FBI CIA NSA KGB FSB GRU IDF IA AI
    LGBT LGBTQ LGBTQIA NASA ESA SUV GPL GNL TAV MIT MEF MIUR MUR CNR INGV ENAV ENAC ATM
    ATAC TPL USB CEI ONG OLP UAE UNRWA DNA HIV SMS SPID CIE PEC ISEE RdC NASpI 5G 4G""".split()
)
KNOWN_WORDS = CAMEL_CASE_WORDS | ACRONYMS
_KNOWN_LONGEST = max(map(len, KNOWN_WORDS))
_KNOWN_STARTS = frozenset(word[:2] for word in KNOWN_WORDS)

_SEPARATORS = re.compile(r"\s*[,;|#·•]\s*")
_SEPARATOR = re.compile(r"[,;|#·•]")  # what `_SEPARATORS` finds (a class: `re` scans fast)

_NON_SPACE = re.compile(r"\S+")
_KNOWN_BONUS = 10.0
_STRONG_UNCUT = -1.0
_PER_TAG = -0.01
_KNOWN_SCORE = _PER_TAG + _KNOWN_BONUS


@lru_cache(maxsize=4096)  # split_tags needs them twice: for the context and the split
def _boundaries(s: str) -> tuple[tuple[int, bool], ...]:
    """Candidate cut positions with their kind (True = strong)."""
    out = []
    n = len(s)
    for i in range(1, n):
        a, b = s[i - 1], s[i]
        if b.isdigit():
            if a.islower():  # 'Ndrangheta|5G: only a known word makes it a cut
                out.append((i, False))
            continue
        if not b.isupper():
            continue
        if a.islower() or a.isdigit():
            out.append((i, True))
        elif a.isupper():
            strong = i + 1 < n and s[i + 1].islower()
            out.append((i, strong))
    return tuple(out)


# A tag spans at most this many candidate cuts ("Gilberto Pichetto Fratin" has none;
# "ChatGPT" one); the bound keeps the search linear in the length of the line.
_MAX_CUTS_INSIDE = 6


def split_glued(s: str, known: frozenset[str] | set[str] = KNOWN_WORDS) -> list[str]:
    """Split one glued run of tags (no separators) into tags; see the module docstring."""
    s = s.strip()
    if not s:
        return []
    cuts = _boundaries(s)
    if not cuts:
        return [s]
    pos = [0] + [i for i, _ in cuts] + [len(s)]
    simple = _strong_cuts_only(s, cuts, pos, known)
    if simple is not None:
        return simple
    strong_prefix = [0]  # strong_prefix[k]: number of strong cuts among cuts[:k]
    for _, strong in cuts:
        strong_prefix.append(strong_prefix[-1] + strong)
    m = len(pos)
    folded = s.casefold()
    if len(folded) != len(s):  # casefold changed lengths (ß): compare tag by tag
        folded = ""

    # ending[k]: segmentations of s[:pos[k]], as (key of their last tag, score, start of
    # their last tag), sorted by key, with running best scores for the sortedness test.
    ending_keys: list[list[str]] = [[] for _ in range(m)]
    ending_best: list[list[tuple[float, int]]] = [[] for _ in range(m)]
    back: dict[tuple[int, int], int] = {}
    score_of: dict[tuple[int, int], float] = {}
    for j in range(1, m):
        rows: list[tuple[str, float, int]] = []
        end = pos[j]
        for k in range(max(0, j - 1 - _MAX_CUTS_INSIDE), j):
            # The tag's score: none (not a tag) below 2 characters or with a space at an
            # end; known words carry their own case changes (OpenAI, M5S); others lose
            # one per strong boundary left uncut inside.
            tag = s[pos[k] : end]
            if len(tag) < 2 or tag[0].isspace() or tag[-1].isspace():
                continue
            if tag in known:
                score = _KNOWN_SCORE
            else:
                inside = strong_prefix[j - 1] - strong_prefix[k] if j - 1 > k else 0
                score = _PER_TAG + _STRONG_UNCUT * inside
            this_key = folded[pos[k] : end] if folded else tag.casefold()
            if k == 0:
                total, prev = score, -1
            else:
                keys = ending_keys[k]
                idx = bisect_right(keys, this_key)  # previous tags sorting at or before
                if idx == 0:
                    continue
                best_prev, prev = ending_best[k][idx - 1]
                total = best_prev + score
            back[(k, j)] = prev
            score_of[(k, j)] = total
            rows.append((this_key, total, k))
        rows.sort()
        running: list[tuple[float, int]] = []
        for _, total, k in rows:
            running.append(max(running[-1], (total, k)) if running else (total, k))
        ending_keys[j] = [r[0] for r in rows]
        ending_best[j] = running
    if not ending_best[m - 1]:
        return [s]
    _, k = max((score_of[(k, m - 1)], k) for k in range(m - 1) if (k, m - 1) in score_of)
    out = []
    j = m - 1
    while k >= 0:
        out.append(s[pos[k] : pos[j]])
        k, j = back[(k, j)], k
    return out[::-1]


def _strong_cuts_only(
    s: str, cuts: tuple[tuple[int, bool], ...], pos: list[int], known: frozenset[str] | set[str]
) -> list[str] | None:
    """The tags cut at every strong boundary and at no weak one, when that is the only
    best segmentation `split_glued` can find; None when its search is needed.

    Score every tag as if no word were known: ``_PER_TAG`` less one per strong boundary
    left uncut. A segmentation leaving U strong boundaries uncut and cutting W weak ones
    scores ``-0.01 * (strong + 1) - 0.99 * U - 0.01 * W``, so cutting exactly the strong
    boundaries (U = W = 0) beats every other by at least 0.01, far above float rounding.
    A known word adds ``_KNOWN_BONUS`` plus its uncut strong boundaries to that; when
    every known word among the tags the search may consider is one of these tags, this
    segmentation gets every bonus any other could get and stays the only best one. So
    if its tags are valid (2+ characters, sorted, within `_MAX_CUTS_INSIDE`) the search
    would return them. Checking this takes a few set lookups instead of the search.
    """
    tags = []
    spans = set()  # (start, end) of the tags
    previous = ""
    k = 0  # index in pos of the current tag's start
    for c in [*(c for c, (_, strong) in enumerate(cuts, 1) if strong), len(pos) - 1]:
        if c - 1 - k > _MAX_CUTS_INSIDE:
            return None
        tag = s[pos[k] : pos[c]]
        key = tag.casefold()
        if len(tag) < 2 or tag[0].isspace() or tag[-1].isspace() or key < previous:
            return None
        tags.append(tag)
        spans.add((pos[k], pos[c]))
        previous, k = key, c
    # every tag the search considers, pos[k]:pos[j] with at most _MAX_CUTS_INSIDE cuts
    # inside, up to the length of the longest known word and starting as one does (a
    # known word of one character is no valid tag: its bonus never counts)
    if known is KNOWN_WORDS:
        longest, starts = _KNOWN_LONGEST, _KNOWN_STARTS
    else:
        longest = max(map(len, known), default=0)
        starts = frozenset(word[:2] for word in known)
    m = len(pos)
    for k in range(m - 1):
        a = pos[k]
        if s[a : a + 2] not in starts:
            continue
        for j in range(k + 1, min(m, k + 2 + _MAX_CUTS_INSIDE)):
            b = pos[j]
            if b - a > longest:
                break
            if s[a:b] in known and (a, b) not in spans:
                return None
    return tags


def _words_in_context(value: str, context: Iterable[str]) -> set[str]:
    """Pieces of the glued line, spanning a case change, that the article writes as one
    word (``TikTok`` in the body keeps the tag ``TikTok`` whole).

    Only pieces that can be a tag of `split_glued` are looked for: they run from the
    start of the line or a cut to a cut or the end of the line. A piece starting right
    after a space or ending right before one never is a tag, so knowing it as a word
    would not change the split.
    """
    cuts = [i for i, _ in _boundaries(value)]
    if not cuts:
        return set()
    # Pieces spanning one case change (OpenAI), then pieces spanning two (SkyTG24), the
    # latter with the two one-change pieces they contain: where either of these does not
    # occur in a text, neither does the longer piece, and its search is skipped.
    one: dict[str, None] = {}
    two: dict[str, tuple[str, str]] = {}
    for word in _NON_SPACE.finditer(value):
        a, b = word.span()
        pts = [a, *(c for c in cuts if a < c < b), b]
        last = len(pts) - 1
        ends_line = b == len(value)
        for x in range(0 if a == 0 else 1, last - 1):
            if x + 2 < last or ends_line:
                piece = value[pts[x] : pts[x + 2]]
                if piece not in KNOWN_WORDS:
                    one[piece] = None
            if x + 3 < last or (x + 3 == last and ends_line):
                piece = value[pts[x] : pts[x + 3]]
                if piece not in KNOWN_WORDS:
                    two[piece] = (value[pts[x] : pts[x + 2]], value[pts[x + 1] : pts[x + 3]])
    if not one and not two:
        return set()
    candidates = [*one, *(piece for piece in two if piece not in one)]
    found = set()
    for text in context:
        if not text:
            continue
        missing: set[str] = set()  # pieces that do not occur in this text at all
        for piece in candidates:
            if piece in found:
                continue
            if piece in two and not missing.isdisjoint(two[piece]):
                continue
            i = text.find(piece)
            if i < 0:
                missing.add(piece)
            while i >= 0:
                before = text[i - 1] if i else " "
                after = text[i + len(piece)] if i + len(piece) < len(text) else " "
                if not before.isalnum() and not after.isalnum():
                    found.add(piece)
                    break
                i = text.find(piece, i + 1)
    return found


@lru_cache(maxsize=4096)
def _split_cached(value: str) -> tuple[str, ...]:
    return tuple(split_glued(value))


def split_tags(value: str, context: Iterable[str] = ()) -> list[str]:
    """Tags of a ``Tags:`` line (without the ``Tags:`` label).

    ``context`` is the article's own text (title, body): its camel-case and upper-case
    words count as known words.
    """
    value = value.strip()
    if not value:
        return []
    if _SEPARATOR.search(value):
        parts = [p.strip() for p in _SEPARATORS.split(value)]
        return _dedupe(p for p in parts if p)
    extra = _words_in_context(value, context) - KNOWN_WORDS if context else set()
    if extra:
        return _dedupe(split_glued(value, KNOWN_WORDS | extra))
    return _dedupe(_split_cached(value))


def _dedupe(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tags))
