"""Signing the LKjIP behind one interface, so a national TTE provider (BSrE) can replace the
local certificate later without touching the rest (issue 7, ECOSYSTEM §4).

``LocalPkcs12Signer`` signs with the OPD's PKCS#12 (pyHanko, PAdES). A ``BsreSigner`` would
send the PDF to BSrE's Esign Client Service and receive it signed; it implements the same
protocol. Verification checks the SHA-256 stored at signing and the PDF signature itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import zoneinfo
from dataclasses import dataclass
from typing import Protocol

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone

from lkjip.angka import format_waktu
from lkjip.laporan.models import SertifikatOPD


class TandaTanganGagal(Exception):
    """Signing could not happen (no certificate, expired, wrong passphrase); message for people."""


class Penandatangan(Protocol):
    nama_penyedia: str
    subjek: str

    def tandatangani(
        self,
        pdf: bytes,
        *,
        alasan: str,
        lokasi: str,
        nama_penanda_tangan: str,
        zona_waktu: str,
        halaman: int = -1,
        kotak: tuple[float, float, float, float] | None = None,
    ) -> bytes: ...


def _fernet() -> Fernet:
    # The PKCS#12 passphrase is stored encrypted with a key derived from SECRET_KEY.
    kunci = hashlib.sha256(("esakip-sertifikat:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(kunci))


def enkripsi_sandi(sandi: str) -> bytes:
    return _fernet().encrypt(sandi.encode())


def dekripsi_sandi(data: bytes) -> str:
    return _fernet().decrypt(bytes(data)).decode()


class LocalPkcs12Signer:
    nama_penyedia = "sertifikat lokal (PKCS#12)"

    def __init__(self, sertifikat: SertifikatOPD) -> None:
        from pyhanko.sign import signers

        if sertifikat.berlaku_sampai < dt.datetime.now(dt.UTC):
            raise TandaTanganGagal(
                f"Sertifikat {nama_pemegang(sertifikat.subjek)} sudah kedaluwarsa; minta admin pemda memperbaruinya."
            )
        try:
            self._signer = signers.SimpleSigner.load_pkcs12_data(
                bytes(sertifikat.p12),
                other_certs=None,
                passphrase=dekripsi_sandi(sertifikat.sandi_terenkripsi).encode(),
            )
        except Exception as exc:  # noqa: BLE001 - a broken or mismatched PKCS#12 from the admin
            raise TandaTanganGagal("Sertifikat OPD tidak dapat dibuka: berkas atau sandinya salah.") from exc
        self.subjek = sertifikat.subjek

    def tandatangani(
        self,
        pdf: bytes,
        *,
        alasan: str,
        lokasi: str,
        nama_penanda_tangan: str,
        zona_waktu: str,
        halaman: int = -1,
        kotak: tuple[float, float, float, float] | None = None,
    ) -> bytes:
        from pyhanko import stamp
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        w = IncrementalPdfFileWriter(io.BytesIO(pdf))
        kotak = tuple(int(v) for v in kotak) if kotak else (60, 40, 300, 100)
        fields.append_signature_field(
            w, fields.SigFieldSpec(sig_field_name="TTE_KepalaOPD", on_page=halaman, box=kotak)
        )
        meta = signers.PdfSignatureMetadata(
            field_name="TTE_KepalaOPD",
            reason=alasan,
            location=lokasi,
            name=nama_penanda_tangan,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        gaya = stamp.TextStampStyle(
            stamp_text="Ditandatangani secara elektronik oleh:\n%(signer)s\nWaktu: %(waktu)s", border_width=1
        )
        keluar = io.BytesIO()
        signers.PdfSigner(meta, signer=self._signer, stamp_style=gaya).sign_pdf(
            w, output=keluar, appearance_text_params={"waktu": waktu_stempel(zona_waktu)}
        )
        return keluar.getvalue()


def waktu_stempel(zona_waktu: str, waktu: dt.datetime | None = None) -> str:
    """The stamp's time as the report writes times, in the signing pemda's zone:
    "3 Desember 2026 16.43 WITA" (pyHanko's own is ISO in the server's zone)."""
    with timezone.override(zoneinfo.ZoneInfo(zona_waktu)):
        return format_waktu(waktu or timezone.now())


def nama_pemegang(dn: str) -> str:
    """The certificate holder's name from a stored subject DN: the CN, unescaped
    ("CN=H. Hamly\\, SE,O=…" → "H. Hamly, SE"); the DN itself when it names no CN or does not parse
    (an older row cut at 300 characters)."""
    try:
        nama = x509.Name.from_rfc4514_string(dn)
    except ValueError:
        return dn
    return _cn(nama) or dn


def _cn(nama: x509.Name) -> str:
    cn = nama.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else ""


def penandatangan_untuk(opd_id: int) -> Penandatangan:
    """The signer of an OPD: its local certificate (a BSrE client would be chosen here by setting)."""
    sertifikat = SertifikatOPD.objects.filter(opd_id=opd_id).first()
    if sertifikat is None:
        raise TandaTanganGagal(
            "OPD ini belum memiliki sertifikat tanda tangan. Admin pemda mengunggahnya di Pengaturan → Sertifikat."
        )
    return LocalPkcs12Signer(sertifikat)


@dataclass(frozen=True)
class HasilVerifikasi:
    sha256: str
    hash_cocok: bool
    tanda_tangan_utuh: bool | None
    tanda_tangan_sah: bool | None
    dipercaya: bool | None
    penanda_tangan: str
    pesan: str

    @property
    def asli(self) -> bool:
        return bool(self.hash_cocok and self.tanda_tangan_utuh and self.tanda_tangan_sah)


def _nama_sertifikat_pdf(der: bytes) -> str:
    sert = x509.load_der_x509_certificate(der)
    return _cn(sert.subject) or sert.subject.rfc4514_string()


def verifikasi_pdf(pdf: bytes, *, sha256_tersimpan: str, ca_pem: str) -> HasilVerifikasi:
    """Is this the signed document? Compares its SHA-256 and validates the PDF signature (pyHanko)."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    h = hashlib.sha256(pdf).hexdigest()
    try:
        r = PdfFileReader(io.BytesIO(pdf), strict=False)
        if not r.embedded_signatures:
            return HasilVerifikasi(
                h,
                h == sha256_tersimpan,
                None,
                None,
                None,
                "",
                "Berkas ini tidak memuat tanda tangan elektronik.",
            )
        sig = r.embedded_signatures[0]
        akar = []
        if ca_pem:
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=".pem") as f:
                f.write(ca_pem.encode())
                f.flush()
                akar = [load_cert_from_pemder(f.name)]
        st = validate_pdf_signature(sig, ValidationContext(trust_roots=akar, allow_fetching=False))
        nama = _nama_sertifikat_pdf(sig.signer_cert.dump()) if sig.signer_cert else ""
        utuh, sah, percaya = bool(st.intact), bool(st.valid), bool(st.trusted)
    except Exception as exc:  # noqa: BLE001 - a tampered PDF may break the parser anywhere
        return HasilVerifikasi(
            h,
            h == sha256_tersimpan,
            False,
            False,
            False,
            "",
            f"Tanda tangan tidak dapat diperiksa: berkas rusak atau diubah ({type(exc).__name__}).",
        )
    if h == sha256_tersimpan and utuh and sah:
        pesan = "Dokumen ASLI: sama persis dengan dokumen yang ditandatangani, dan tanda tangannya utuh."
    elif not utuh or not sah:
        pesan = "Dokumen TIDAK ASLI: isinya telah diubah setelah ditandatangani."
    else:
        pesan = "Dokumen TIDAK SAMA dengan dokumen yang ditandatangani untuk kode verifikasi ini."
    return HasilVerifikasi(h, h == sha256_tersimpan, utuh, sah, percaya, nama, pesan)
