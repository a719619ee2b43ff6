"use strict";
// The fact table of an edz report: rows are built from the JSON data block with
// textContent only (never innerHTML), PAGE rows at a time, filtered as you type.
(function () {
  const data = JSON.parse(document.getElementById("edz-data").textContent);
  const facts = data.facts, articles = data.articles, sentences = data.sentences;
  const PAGE = 200;
  const tbody = document.querySelector("#facttable tbody");
  const query = document.getElementById("q");
  const kind = document.getElementById("kind");
  const shown = document.getElementById("shown");
  const more = document.getElementById("more");
  const subjectChip = document.getElementById("subject");
  let matches = [], limit = PAGE, hay = null, subject = null;

  function haystacks() {
    return facts.map(function (f) {
      const a = articles[f[0]];
      return [f[2], f[3], f[4], f[5], f[6] >= 0 ? sentences[f[6]] : "", a[0], a[2]]
        .join("\n").toLowerCase();
    });
  }

  function cell(tr, text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function sentenceCell(tr, f) {
    const td = cell(tr, "");
    if (f[6] < 0) return;
    const s = sentences[f[6]], at = f[7], end = f[7] + f[8];
    const mark = document.createElement("mark");
    mark.textContent = s.slice(at, end);
    td.append(s.slice(0, at), mark, s.slice(end));
  }

  function articleCell(tr, a) {
    const td = cell(tr, "");
    const url = a[3];
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      const link = document.createElement("a");
      link.href = url;
      link.rel = "noopener noreferrer";
      link.textContent = a[0];
      td.append(link);
    } else {
      td.append(a[0]);
    }
    if (a[1]) td.append(" (" + a[1] + ")");
  }

  function render() {
    const rows = document.createDocumentFragment();
    const n = Math.min(limit, matches.length);
    for (let i = 0; i < n; i++) {
      const f = facts[matches[i]];
      const tr = document.createElement("tr");
      tr.className = "k-" + f[1];
      cell(tr, f[1]); cell(tr, f[2]); cell(tr, f[3]); cell(tr, f[4]); cell(tr, f[5]);
      sentenceCell(tr, f);
      articleCell(tr, articles[f[0]]);
      rows.appendChild(tr);
    }
    tbody.replaceChildren(rows);
    shown.textContent = matches.length.toLocaleString("en") + " of " +
      facts.length.toLocaleString("en") + " facts" +
      (n < matches.length ? " (first " + n.toLocaleString("en") + " shown)" : "");
    more.hidden = n >= matches.length;
  }

  function filter() {
    const words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = kind.value;
    if (words.length && hay === null) hay = haystacks();
    matches = [];
    for (let i = 0; i < facts.length; i++) {
      if (wanted && facts[i][1] !== wanted) continue;
      if (subject !== null && facts[i][5] !== subject) continue;
      if (words.length && !words.every(function (w) { return hay[i].includes(w); })) continue;
      matches.push(i);
    }
    limit = PAGE;
    render();
  }

  // "its facts" on a subject panel: the facts whose claim names that subject.
  function showSubject(name) {
    subject = name;
    subjectChip.hidden = name === null;
    subjectChip.textContent = name === null ? "" : "subject: " + name + " \u00d7";
    filter();
  }
  document.querySelectorAll("button.show-facts").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();  // a click in <summary> would also fold the panel
      showSubject(button.dataset.subject);
      document.getElementById("facts").scrollIntoView();
    });
  });
  subjectChip.addEventListener("click", function () { showSubject(null); });
  query.addEventListener("input", filter);
  kind.addEventListener("change", filter);
  more.addEventListener("click", function () { limit += PAGE; render(); });
  filter();
  document.body.dataset.ready = "1";
  performance.mark("edz-ready");
})();
