"""The tip rotation: a stable order from the tip ids, no repeats within a run of days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bondcoach.core.models import TOPICS
from bondcoach.guidance.tips import TipData, rotation, suitable_tips, tip_of_the_day

# The slugs r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}" describes, composed from parts:
# st.from_regex drew the same set several times slower.
_PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
SLUG = st.lists(_PART, min_size=1, max_size=4).map("-".join)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def make_tip(tip_id: str, topic: str = "cues") -> TipData:
    return TipData(id=tip_id, topic=topic, title=f"Title {tip_id}", text="Text.", source="S")


@st.composite
def tip_sets(draw, min_size: int = 1, max_size: int = 40) -> list[TipData]:
    ids = draw(st.lists(SLUG, min_size=min_size, max_size=max_size, unique=True))
    topics = draw(st.lists(st.sampled_from(TOPICS), min_size=len(ids), max_size=len(ids)))
    return [make_tip(tip_id, topic) for tip_id, topic in zip(ids, topics, strict=True)]


def ids(tips: list[TipData]) -> list[str]:
    return [tip.id for tip in tips]


@settings(max_examples=200)
@given(tips=tip_sets(min_size=2), first=DAYS, data=st.data())
def test_a_run_shorter_than_the_tips_repeats_none(tips, first, data):
    length = data.draw(st.integers(min_value=1, max_value=len(tips) - 1), label="run length")
    shown = [tip_of_the_day(tips, first + timedelta(days=offset)) for offset in range(length)]
    assert None not in shown
    assert len({tip.id for tip in shown}) == length


@given(tips=tip_sets(), first=DAYS)
def test_a_run_as_long_as_the_tips_shows_every_tip(tips, first):
    shown = {tip_of_the_day(tips, first + timedelta(days=n)).id for n in range(len(tips))}
    assert shown == set(ids(tips))


@given(tips=tip_sets(), day=DAYS, seed=st.randoms(use_true_random=False))
def test_the_order_of_the_input_does_not_matter(tips, day, seed):
    shuffled = list(tips)
    seed.shuffle(shuffled)
    assert ids(rotation(shuffled)) == ids(rotation(tips))
    assert tip_of_the_day(shuffled, day) == tip_of_the_day(tips, day)


@given(tips=tip_sets(), extra=SLUG, topic=st.sampled_from(TOPICS))
def test_adding_a_tip_keeps_the_order_of_the_others(tips, extra, topic):
    if extra in ids(tips):
        return
    before = ids(rotation(tips))
    after = ids(rotation([*tips, make_tip(extra, topic)]))
    assert extra in after
    assert [tip_id for tip_id in after if tip_id != extra] == before


@given(tips=tip_sets(), topic=st.sampled_from(TOPICS), day=DAYS)
def test_filtering_by_topic_keeps_the_relative_order(tips, topic, day):
    everything = ids(rotation(tips))
    filtered = ids(suitable_tips(tips, day, None, topic))
    assert filtered == [t for t in everything if t in {x.id for x in tips if x.topic == topic}]
    chosen = tip_of_the_day(tips, day, None, topic)
    if filtered:
        assert chosen is not None and chosen.topic == topic
    else:
        assert chosen is None


@given(tips=tip_sets(min_size=2), topic=st.sampled_from(TOPICS), first=DAYS)
def test_a_topics_run_repeats_none_either(tips, topic, first):
    of_topic = [tip for tip in tips if tip.topic == topic]
    shown = [
        tip_of_the_day(tips, first + timedelta(days=n), None, topic) for n in range(len(of_topic))
    ]
    assert len({tip.id for tip in shown if tip is not None}) == len(of_topic)


def test_rotation_is_not_just_alphabetical():
    """The order comes from the ids themselves, not from where they sit in a file."""
    tips = [make_tip(f"tip-{n:02d}") for n in range(30)]
    assert ids(rotation(tips)) != sorted(ids(tips))
    assert ids(rotation(tips)) == ids(rotation(list(reversed(tips))))
