import pytest

from lkjip.nip import NipTidakSah, format_nip, periksa_nip


@pytest.mark.parametrize(
    "masukan, hasil",
    [
        ("19640409 198803 1 013", "196404091988031013"),  # seed 000, as printed
        ("196205241990031003", "196205241990031003"),  # seed 001
        ("19620524.199003.2.003", "196205241990032003"),
    ],
)
def test_nip_sah_diterima_tanpa_spasi(masukan: str, hasil: str) -> None:
    assert periksa_nip(masukan) == hasil


@pytest.mark.parametrize(
    "masukan, pesan",
    [
        ("1964040919880310", "18 angka"),
        ("19640409198803101X", "18 angka"),
        ("196402301988031013", "tanggal lahir"),  # 30 Februari
        ("196404091988131013", "bulan TMT"),
        ("196404091975031013", "usia 17"),  # TMT at age 10
        ("196404091988033013", "jenis kelamin"),
        ("196404091988031000", "nomor urut"),
        ("192004091988031013", "tidak masuk akal"),
    ],
)
def test_nip_tidak_sah_ditolak_dengan_alasan(masukan: str, pesan: str) -> None:
    with pytest.raises(NipTidakSah, match=pesan):
        periksa_nip(masukan)


def test_nip_dicetak_seperti_blok_tanda_tangan() -> None:
    assert format_nip("196404091988031013") == "19640409 198803 1 013"
