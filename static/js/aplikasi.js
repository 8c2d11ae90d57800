/* Behaviour every page shares, driven by data-* attributes so that no page needs inline script or
   style (the Content-Security-Policy forbids both; see SECURE_CSP in lkjip/settings.py).
     data-konfirmasi="…"  on a form (asked on submit) or a button/link (asked on click)
     data-pindah-ke="/x/0/"  on a select: go to the URL with /0/ replaced by the chosen value
     data-kirim-otomatis  on a select: submit its form when it changes
     data-simpul-semua="buka|tutup"  on a button: open or close every details.simpul
     data-warna="#rrggbb"  background colour (rating bands); data-lebar="42"  width in % (progress)
   Loaded after htmx; colours and widths are applied again to every fragment htmx swaps in. */
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    const pesan = e.target.dataset && e.target.dataset.konfirmasi;
    if (pesan && !window.confirm(pesan)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("click", function (e) {
    const el = e.target.closest ? e.target.closest("[data-konfirmasi]:not(form)") : null;
    if (el && !window.confirm(el.dataset.konfirmasi)) { e.preventDefault(); e.stopImmediatePropagation(); }
    const tombol = e.target.closest ? e.target.closest("[data-simpul-semua]") : null;
    if (tombol) {
      const buka = tombol.dataset.simpulSemua === "buka";
      document.querySelectorAll("details.simpul").forEach(function (d) { d.open = buka; });
    }
  });
  document.addEventListener("change", function (e) {
    const el = e.target;
    if (!el.dataset) return;
    if (el.dataset.pindahKe) window.location.href = el.dataset.pindahKe.replace("/0/", "/" + el.value + "/");
    else if ("kirimOtomatis" in el.dataset && el.form) el.form.submit();
  });
  function semua(akar, pilih) {
    const hasil = Array.from(akar.querySelectorAll(pilih));
    if (akar.matches && akar.matches(pilih)) hasil.push(akar);
    return hasil;
  }
  function terapkan(akar) {
    semua(akar, "[data-warna]").forEach(function (el) { el.style.backgroundColor = el.dataset.warna; });
    semua(akar, "[data-lebar]").forEach(function (el) { el.style.width = el.dataset.lebar + "%"; });
  }
  if (window.htmx) {
    window.htmx.onLoad(terapkan);
    // Again once a swap has settled, over the whole page: a load handler that ran on content
    // replaced again before it settled (two quick swaps of one cell) leaves nothing uncoloured.
    document.addEventListener("htmx:afterSettle", function () { terapkan(document.body); });
  } else terapkan(document.body);
})();
