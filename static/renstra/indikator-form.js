/* Indicator form. A range is a form of target for any arah: the upper-bound column shows when the
   box is ticked; unticking it empties the upper bounds (the targets become plain numbers). */
(function () {
  const kotak = document.getElementById("pakai-rentang");
  if (!kotak) return;
  const bagian = () => document.querySelectorAll(".kol-atas, #div_id_target_akhir_atas");
  const atur = () => bagian().forEach((el) => el.classList.toggle("d-none", !kotak.checked));
  kotak.addEventListener("change", () => {
    if (!kotak.checked) bagian().forEach((el) => el.querySelectorAll("input").forEach((i) => { i.value = ""; }));
    atur();
  });
  atur();
})();
