"""Counting text-message segments: GSM-7 (the extension table counting double) and UCS-2
(an emoji counting double), at the edges of one and two messages."""

from __future__ import annotations

from alerts.sms_segments import GSM7, UCS2, count


def test_an_empty_text_is_no_message() -> None:
    assert count("").segments == 0


def test_160_plain_characters_are_one_message_and_161_are_two() -> None:
    one = count("a" * 160)
    assert (one.encoding, one.units, one.segments, one.remaining) == (GSM7, 160, 1, 0)
    two = count("a" * 161)
    assert (two.units, two.segments) == (161, 2)


def test_306_plain_characters_are_two_messages_and_307_are_three() -> None:
    assert count("a" * 306).segments == 2
    assert count("a" * 307).segments == 3


def test_extension_characters_count_twice_and_are_not_split() -> None:
    assert count("€" * 80).units == 160
    assert count("€" * 80).segments == 1
    assert count("a" * 159 + "€").segments == 2
    assert count("a" * 159 + "€").encoding == GSM7
    # 306 units would be two parts, but the double character after 152 plain ones does not
    # fit the first part's 153: it starts the second, and the last character needs a third.
    text = "a" * 152 + "{" + "a" * 152
    result = count(text)
    assert result.units == 306
    assert result.segments == 3


def test_one_emoji_makes_the_whole_text_ucs2() -> None:
    result = count("Smash and grab 🚨")
    assert result.encoding == UCS2
    assert result.units == 17
    assert result.segments == 1


def test_ucs2_boundaries_are_70_and_67() -> None:
    assert count("ê" * 70).segments == 1
    assert count("ê" * 70).encoding == UCS2
    assert count("ê" * 71).segments == 2
    assert count("ê" * 134).segments == 2
    assert count("ê" * 135).segments == 3


def test_an_emoji_is_two_units_and_never_split() -> None:
    assert count("🚨" * 35).units == 70
    assert count("🚨" * 35).segments == 1
    assert count("🚨" * 36).segments == 2
    # 66 units, then an emoji that would straddle the first part's 67.
    assert count("ê" * 66 + "🚨" + "ê" * 66).segments == 3


def test_accented_letters_in_the_gsm_alphabet_stay_gsm() -> None:
    assert count("Café à Montréal, Ñoño").encoding == GSM7


def test_a_letter_outside_the_alphabet_makes_it_ucs2() -> None:
    assert count("Ñandú").encoding == UCS2
