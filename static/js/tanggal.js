/* Date fields typed day first (lkjip.fields.TanggalInput, data-tanggal): while the user types digits,
   the dashes of hh-bb-tttt are written for them, so a phone's number pad (which has no dash) is
   enough. Only typing forward is helped; deleting, pasting and editing the middle are left alone,
   and the server reads 25022022, 25/02/2022 and 25-02-2022 alike. */
(function () {
  "use strict";
  document.addEventListener("input", function (e) {
    const el = e.target;
    if (!el.dataset || !("tanggal" in el.dataset) || e.inputType !== "insertText") return;
    if (el.selectionStart !== el.value.length) return;
    let v = el.value.replace(/[/.]/g, "-").replace(/--+/g, "-");
    if (/^\d{3}$/.test(v)) v = v.slice(0, 2) + "-" + v.slice(2);
    else if (/^\d{1,2}-\d{3}$/.test(v)) v = v.slice(0, -1) + "-" + v.slice(-1);
    if (/^\d{2}$/.test(v) || /^\d{1,2}-\d{2}$/.test(v)) v += "-";
    if (v !== el.value) el.value = v;
  });
})();
