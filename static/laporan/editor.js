/* A small rich-text editor for the LKjIP texts: paragraphs, lists, bold/italic, tables.
   contenteditable + a toolbar; the server sanitises whatever arrives (lkjip/laporan/sanitasi.py),
   so nothing here needs to be trusted. No dependency, works offline. */
(function () {
  const bidang = document.getElementById("editor");
  if (!bidang) return;
  const isian = document.getElementById("id_isi");
  const perintah = (cmd, nilai) => { bidang.focus(); document.execCommand(cmd, false, nilai || null); };
  document.querySelectorAll("[data-perintah]").forEach((tombol) => {
    tombol.addEventListener("click", (e) => {
      e.preventDefault();
      const p = tombol.dataset.perintah;
      if (p === "tabel") {
        const baris = parseInt(prompt("Jumlah baris tabel?", "3"), 10);
        const kolom = parseInt(prompt("Jumlah kolom tabel?", "3"), 10);
        if (!(baris > 0 && kolom > 0 && baris <= 50 && kolom <= 12)) return;
        let html = "<table><tbody>";
        for (let r = 0; r < baris; r++) {
          html += "<tr>" + Array(kolom).fill(r === 0 ? "<th>Judul</th>" : "<td>&nbsp;</td>").join("") + "</tr>";
        }
        perintah("insertHTML", html + "</tbody></table><p><br></p>");
      } else if (p === "paragraf") {
        perintah("formatBlock", "p");
      } else {
        perintah(p);
      }
    });
  });
  // Keep pasted text plain-ish: Word's styles would be stripped by the server anyway.
  bidang.addEventListener("paste", (e) => {
    const html = e.clipboardData.getData("text/html");
    if (!html) return;
    e.preventDefault();
    const tmp = document.createElement("div");
    tmp.innerHTML = html;
    tmp.querySelectorAll("*").forEach((el) => { [...el.attributes].forEach((a) => { if (!["colspan", "rowspan"].includes(a.name)) el.removeAttribute(a.name); }); });
    tmp.querySelectorAll("style,script,meta,link,o\\:p").forEach((el) => el.remove());
    perintah("insertHTML", tmp.innerHTML);
  });
  bidang.closest("form").addEventListener("submit", () => { isian.value = bidang.innerHTML; });
})();
