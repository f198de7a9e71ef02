"""USCC checking per GB 32100-2015, including the A, N and Y authorities stdnum rejects."""

import pytest

from gongxin.registry import uscc
from gongxin.registry.uscc import UsccError, uscc_is_valid, uscc_problem, uscc_validate

WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The standard's arithmetic written out independently of the code under test."""
    total = sum(uscc.ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return uscc.ALPHABET[(31 - total % 31) % 31]


@pytest.mark.parametrize("code", ["91110000600037341L", "51371526MJE9812610"])
def test_it_accepts_real_world_codes(code):
    assert uscc_problem(code) is None


def test_hand_computed_check_character_for_authority_n():
    # N=22, 2, 3, 7, 1, 5, 0, 2, M=21, F=15, 0, 0, 0, 0, 0, 1, 2 weighted:
    # 22+6+27+189+19+130+0+34+420+435+0+0+0+0+0+30+56 = 1368; 1368 mod 31 = 4; 31-4 = 27 -> U
    assert check_character("N2371502MF0000012") == "U"
    assert uscc_is_valid("N2371502MF0000012U")


@pytest.mark.parametrize("first17", ["A1371500MA3C5T2Q0", "N2371502MF0000012", "Y1371526MA1234567"])
def test_it_accepts_the_a_n_and_y_registration_authorities(first17):
    assert uscc_validate(first17 + check_character(first17)) == first17 + check_character(first17)


def test_it_normalises_lower_case_and_full_width_input():
    assert uscc_validate(" 91110000600037341l ") == "91110000600037341L"
    assert uscc_validate("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"


def test_a_wrong_check_character_is_invalid_without_revealing_the_right_one():
    with pytest.raises(UsccError) as exc:
        uscc_validate("91110000600037341M")
    assert str(exc.value) == uscc.ERR_CHECK
    assert "L" not in str(exc.value)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9111000060003734", uscc.ERR_LENGTH.format(length=16)),
        ("91110000600037341O", uscc.ERR_CHARACTER.format(char="O")),
        ("B1110000600037341L", uscc.ERR_AUTHORITY.format(char="B")),
        ("90110000600037341L", uscc.ERR_ENTITY_TYPE.format(char="0")),
        ("911100A0600037341L", uscc.ERR_DIVISION.format(part="1100A0")),
    ],
)
def test_it_says_which_part_of_a_code_is_wrong(code, message):
    assert uscc_problem(code) == message
