/* Realisasi grid. Enter moves to the next row's box (spreadsheet habit) instead of submitting the
   form; the capaian tooltips are set up again after every htmx swap. One live preview per value:
   two requests would swap the cell twice, the second racing the first's settle (the box's
   hx-trigger "change changed" also drops a repeated value). */
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
  const tooltip = () => document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((el) => bootstrap.Tooltip.getOrCreateInstance(el));
  document.body.addEventListener("htmx:afterSettle", tooltip);
  tooltip();
})();
