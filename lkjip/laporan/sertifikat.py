"""Creating and installing an OPD's signing certificate (PKCS#12)."""

from __future__ import annotations

import datetime as dt
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError

from lkjip.laporan.models import SertifikatOPD
from lkjip.laporan.tandatangan import enkripsi_sandi
from lkjip.models import PerangkatDaerah


def _nama(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, cn[:64]),
        ]
    )


def buat_demo(*, opd: PerangkatDaerah, nama_kepala: str, tahun_berlaku: int = 3) -> tuple[bytes, str, str]:
    """A throw-away CA and a signing certificate for the kepala: (PKCS#12, passphrase, CA PEM).

    For demonstration and tests only: a real deployment uses a certificate from BSrE/PSrE.
    """
    sekarang = dt.datetime.now(dt.UTC)
    org = f"{opd.pemda.nama} (DEMO)"
    ca_kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_nama = _nama(f"CA Demo e-SAKIP {opd.pemda.nama_singkat}", org)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_nama)
        .issuer_name(ca_nama)
        .public_key(ca_kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_kunci, hashes.SHA256())
    )
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sert = (
        x509.CertificateBuilder()
        .subject_name(_nama(nama_kepala or f"Kepala {opd.nama}", org))
        .issuer_name(ca_nama)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=365 * tahun_berlaku))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .sign(ca_kunci, hashes.SHA256())
    )
    sandi = secrets.token_urlsafe(18)
    p12 = pkcs12.serialize_key_and_certificates(
        b"kepala", kunci, sert, [ca], serialization.BestAvailableEncryption(sandi.encode())
    )
    return p12, sandi, ca.public_bytes(serialization.Encoding.PEM).decode()


def pasang(*, opd: PerangkatDaerah, p12: bytes, sandi: str, ca_pem: str = "") -> SertifikatOPD:
    """Install a PKCS#12 for the OPD after checking it opens and is valid now."""
    try:
        kunci, sert, _lain = pkcs12.load_key_and_certificates(p12, sandi.encode())
    except Exception as exc:  # noqa: BLE001 - wrong passphrase or not a PKCS#12 at all
        raise ValidationError(
            {"p12": "Berkas PKCS#12 tidak dapat dibuka: berkas atau sandinya salah."}
        ) from exc
    if kunci is None or sert is None:
        raise ValidationError({"p12": "Berkas PKCS#12 harus berisi kunci privat dan sertifikat."})
    sampai = sert.not_valid_after_utc
    if sampai < dt.datetime.now(dt.UTC):
        raise ValidationError({"p12": f"Sertifikat sudah kedaluwarsa ({sampai:%d-%m-%Y})."})
    if ca_pem:
        try:
            x509.load_pem_x509_certificate(ca_pem.encode())
        except ValueError as exc:
            raise ValidationError({"ca_pem": "Sertifikat akar harus berformat PEM."}) from exc
    obj = SertifikatOPD.objects.filter(opd=opd).first() or SertifikatOPD(opd=opd)
    obj.p12 = p12
    obj.sandi_terenkripsi = enkripsi_sandi(sandi)
    obj.subjek = sert.subject.rfc4514_string()[:300]
    obj.penerbit = sert.issuer.rfc4514_string()[:300]
    obj.berlaku_sampai = sampai
    obj.ca_pem = ca_pem
    obj.full_clean()
    obj.save()
    return obj
