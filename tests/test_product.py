"""The vendor's own product, as the interviewers' and the survey's questions name it."""

from __future__ import annotations

from icp_assist.analyze.product import own_product_named
from icp_assist.analyze.units import Unit


def _asked(doc: str, question: str) -> Unit:
    return Unit(doc, doc, "interview", "Customer", None, 0, 10, "We liked it.", question=question)


def test_the_product_is_the_name_asked_about_most_not_the_rival_asked_about_often():
    # qa149: "Did you look at ValuTrack?" was asked in five of seven interviews, Apprisio in six: both were read as
    # "us", and a lost deal's champion of ValuTrack was our champion
    units = [_asked(f"i{n}", "What made you choose Apprisio?") for n in range(6)]
    units += [_asked(f"i{n}", "Did you look at ValuTrack?") for n in range(5)]
    units += [_asked("i6", "How did the rollout go?")]
    named = own_product_named(units, {})
    assert named is not None
    assert named.search("We went with Apprisio.") and not named.search("We went with ValuTrack.")


def test_a_product_name_of_two_words_is_both_words():
    units = [_asked(f"i{n}", "What made you choose Fairway Desk?") for n in range(4)]
    named = own_product_named(units, {})
    assert named is not None and named.search("Fairway was easy") and named.search("the Desk app")


def test_no_name_asked_about_in_more_than_half_the_interviews_is_no_product():
    units = [_asked("i0", "Did you look at ValuTrack?"), _asked("i1", "How did it go?"), _asked("i2", "Why?")]
    assert own_product_named(units, {}) is None
