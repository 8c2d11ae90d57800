/* Behaviour every page shares, driven by data-* attributes so that no page needs inline script or
   style (the Content-Security-Policy forbids both; see SECURE_CSP in lkjip/settings.py).
     data-konfirmasi="…"  on a form (asked on submit) or a button/link (asked on click)
     data-pindah-ke="/x/0/"  on a select: go to the URL with /0/ replaced by the chosen value
     data-kirim-otomatis  on a select: submit its form when it changes
     data-simpul-semua="buka|tutup"  on a button: open or close every details.simpul
     data-warna="#rrggbb"  background colour (rating bands), with black or white text, whichever
                           contrasts more: at least 4,58:1 for any colour a pemda may choose (the
                           worst is a mid-tone of luminance 0,18), so WCAG 2.1 AA always holds;
     data-lebar="42"  width in % (progress)
   A box that scrolls (.table-responsive, .grafik, .kotak-lebar, .kotak-gulung, the LKjIP preview's
   landscape pages) is made focusable,
   so a keyboard user can scroll it too (WCAG 2.1.1).
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
  function kecerahan(hex) {  // WCAG relative luminance of #rgb or #rrggbb; null if unreadable
    const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return null;
    const h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    const c = [0, 2, 4].map(function (i) {
      const v = parseInt(h.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function terapkan(akar) {
    semua(akar, "[data-warna]").forEach(function (el) {
      el.style.backgroundColor = el.dataset.warna;
      const l = kecerahan(el.dataset.warna);
      // contrast with white is 1.05/(l+0.05), with black (l+0.05)/0.05: take the larger
      if (l !== null) el.style.color = (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#fff" : "#000";
    });
    semua(akar, "[data-lebar]").forEach(function (el) { el.style.width = el.dataset.lebar + "%"; });
    gulung(akar);
  }
  function gulung(akar) {  // only a box that does scroll at this width joins the tab order
    semua(akar, ".table-responsive, .grafik, .kotak-lebar, .kotak-gulung, .pratinjau .lanskap").forEach(function (el) {
      const bisa = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      if (bisa && !el.hasAttribute("tabindex")) { el.tabIndex = 0; el.dataset.gulung = ""; }
      else if (!bisa && "gulung" in el.dataset) { el.removeAttribute("tabindex"); delete el.dataset.gulung; }
    });
  }
  if (window.htmx) {
    window.htmx.onLoad(terapkan);
    // Again once a swap has settled, over the whole page: a load handler that ran on content
    // replaced again before it settled (two quick swaps of one cell) leaves nothing uncoloured.
    document.addEventListener("htmx:afterSettle", function () { terapkan(document.body); });
  } else terapkan(document.body);
  window.addEventListener("load", function () { gulung(document.body); });  // images have their size now
  let tunda = null;
  window.addEventListener("resize", function () { clearTimeout(tunda); tunda = setTimeout(function () { gulung(document.body); }, 150); });
})();
