/* Realisasi grid. Enter moves to the next row's box (spreadsheet habit) instead of submitting the
   form; the capaian tooltips are set up again after every htmx swap. Enter sends "change" at once,
   and the browser sends its own when the box then loses focus: the box's hx-trigger is
   "change changed", so only the first of the two asks for the live preview (two requests would
   swap the cell twice, the second racing the first's settle). */
(function () {
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || !e.target.classList.contains("isian-realisasi")) return;
    e.preventDefault();
    const semua = Array.from(document.querySelectorAll(".isian-realisasi"));
    const berikut = semua[semua.indexOf(e.target) + (e.shiftKey ? -1 : 1)];
    e.target.dispatchEvent(new Event("change", { bubbles: true }));
    if (berikut) { berikut.focus(); berikut.select(); }
  });
  const tooltip = () => document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach((el) => bootstrap.Tooltip.getOrCreateInstance(el));
  document.body.addEventListener("htmx:afterSettle", tooltip);
  tooltip();
})();
