/* Realisasi grid. Enter moves to the next row's box (spreadsheet habit) instead of submitting the
   form; a live preview's verdict marks or clears the box; the capaian tooltips are set up again
   after every htmx swap. One live preview per value: two requests would swap the cell twice, the
   second racing the first's settle (the box's hx-trigger "change changed" also drops a repeated
   value). */
(function () {
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !e.target.classList.contains("isian-realisasi")) return;
    e.preventDefault();
    const semua = Array.from(document.querySelectorAll(".isian-realisasi"));
    const berikut = semua[semua.indexOf(e.target) + (e.shiftKey ? -1 : 1)];
    // Leaving the box fires the browser's own "change" (one live preview); only the last box, which
    // keeps the focus, needs one sent. Sending it always meant two previews for one value.
    if (berikut) { berikut.focus(); berikut.select(); }
    else e.target.dispatchEvent(new Event("change", { bubbles: true }));
  });
  // The live preview replaces a box's message (out of band, #galat-<row>) with its capaian cell; when
  // that cell settles, the box's red state, its aria-invalid and the row's colour follow the message,
  // so a fixed value clears them all. (Not on htmx:oobAfterSwap: a text-only swap settles no element.)
  document.body.addEventListener("htmx:afterSettle", function (e) {
    if (!e.target.matches || !e.target.matches("[data-pratinjau]")) return;
    const baris = e.target.closest("tr");
    const pesan = baris && baris.querySelector("[data-galat-untuk]");
    const kotak = pesan && document.getElementById(pesan.dataset.galatUntuk);
    if (!kotak) return;
    const salah = pesan.textContent.trim() !== "";
    kotak.classList.toggle("is-invalid", salah);
    if (salah) kotak.setAttribute("aria-invalid", "true");
    else kotak.removeAttribute("aria-invalid");
    if (!baris.classList.contains("table-warning")) baris.classList.toggle("table-danger", salah);
  });
  const tooltip = () => document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((el) => bootstrap.Tooltip.getOrCreateInstance(el));
  document.body.addEventListener("htmx:afterSettle", tooltip);
  tooltip();
})();
