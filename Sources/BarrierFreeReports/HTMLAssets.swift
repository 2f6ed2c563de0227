/// The style sheet and script of the HTML report, inline so that the file
/// stands alone. The script only adds: sorting and filtering of the table
/// of flats, and opening every folded list before printing. Without it the
/// page reads the same.
enum HTMLAssets {
  static let css = """
    :root{--text:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--band:#f3f3f3;--link:#0b4f9c;--focus:#b35900}
    *{box-sizing:border-box}
    body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--text);background:#fff;margin:0 auto;max-width:78rem;padding:0 1rem 2rem}
    a{color:var(--link)}
    a:focus-visible,button:focus-visible,summary:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;left:-999px}
    .skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:1}
    header{border-bottom:2px solid var(--text);margin-bottom:1rem}
    h1{margin:.75rem 0 .25rem;font-size:1.75rem}
    h2{border-bottom:1px solid var(--line);margin-top:2rem}
    h3{margin-top:1.75rem}
    h4,h5{margin:1rem 0 .25rem;font-size:1rem}
    h3+h4,.building>h4{font-size:1.05rem}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0 1rem}
    .facts dt{font-weight:600}
    .facts dd{margin:0}
    nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1.25rem;padding:0;margin:.5rem 0}
    code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;overflow-wrap:anywhere}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(30rem,100%),1fr));gap:1.5rem}
    figure.chart{margin:0;border:1px solid var(--line);padding:.75rem}
    figcaption{font-weight:600;margin-bottom:.5rem}
    figure svg{width:100%;height:auto;font-size:14px}
    svg text{fill:var(--text)}
    rect.fail{fill:#a4161a}
    svg rect{stroke:#fff;stroke-width:1}
    .legend{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0;margin:0 0 .5rem}
    .key{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:-.1rem;border:1px solid var(--text)}
    table{border-collapse:collapse;margin:.5rem 0 1rem}
    caption{text-align:left;color:var(--muted);padding:.25rem 0;caption-side:top}
    th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
    thead th{background:var(--band);border-bottom:2px solid var(--text);position:sticky;top:0}
    td.n{text-align:right;font-variant-numeric:tabular-nums}
    th[data-type=number]{text-align:right}
    th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:inherit;white-space:nowrap}
    th button::after{content:" \\2195" / "";color:var(--muted)}
    th[aria-sort=ascending] button::after{content:" \\25B2" / "";color:inherit}
    th[aria-sort=descending] button::after{content:" \\25BC" / "";color:inherit}
    #flat-table{width:100%}
    #flat-table tbody a{scroll-margin-top:3rem}
    @media (max-width:60rem){.table-wrap{overflow-x:auto}}
    tbody th{white-space:nowrap}
    td.rules{font-size:.9em}
    .controls[hidden]{display:none}
    .controls{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.5rem 0;padding:.5rem;background:var(--band)}
    .controls input[type=search]{width:14rem}
    .controls input,.controls select{font:inherit}
    .badge{display:inline-block;padding:0 .4rem;border-radius:.2rem;font-size:.9em;font-weight:600}
    .badge.unverified{font-style:italic;outline:2px dashed currentColor;outline-offset:-2px}
    .building{border-top:2px solid var(--text);margin-top:2rem}
    h2+.building{border-top:0}
    .flat>h4{font-size:1.15rem}
    .flat{border-left:4px solid var(--line);padding-left:1rem;margin:1.25rem 0}
    .facts-line,.address,caption{color:var(--muted)}
    .facts-line{margin:0}
    ol.route{display:flex;flex-wrap:wrap;gap:.25rem 0;padding:0;margin:.25rem 0;list-style:none}
    ol.route li:not(:last-child)::after{content:"\\2192";padding:0 .4rem;color:var(--muted)}
    .route-h{margin:.5rem 0 0}
    ul.groups{padding-left:1.25rem}
    ul.groups>li{margin-bottom:.5rem}
    p.rule{margin:0}
    .cite{color:var(--muted);font-size:.9em}
    .where{font-weight:600}
    .remedy{color:#0b4f2a}
    p.remedy{margin:.1rem 0 0}
    ul.passes{columns:2 22rem;font-size:.9em}
    details>summary{cursor:pointer;color:var(--link)}
    footer{border-top:1px solid var(--line);margin-top:2rem;color:var(--muted);font-size:.9em}
    @media print{
      body{max-width:none;font-size:10.5pt;padding:0}
      nav,.skip,.controls{display:none}
      details>summary{color:inherit;list-style:none}
      thead th{position:static}
      thead{display:table-header-group}
      a{color:inherit;text-decoration:none}
      .charts{display:block}
      figure.chart{break-inside:avoid;margin-bottom:1rem}
      th button{display:contents}
      th button::after{content:none}
      figure details{display:none}
      #buildings,.building+.building{break-before:page}
      h2,h3,h4,h5,.facts-line,p.rule{break-after:avoid}
      ul.groups>li,tr{break-inside:avoid}
      .badge{border:1px solid #000;print-color-adjust:exact;-webkit-print-color-adjust:exact}
      rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}
    }

    """

  static let script = """
    (function () {
      "use strict";
      var table = document.getElementById("flat-table");
      var controls = document.getElementById("flat-controls");
      if (table && controls) {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var haystack = rows.map(function (row, index) {
          row.dataset.i = index;
          return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent; })
            .join("\\n").toLowerCase();
        });
        var search = document.getElementById("flat-search");
        var level = document.getElementById("flat-class");
        var unverified = document.getElementById("flat-unverified");
        var count = document.getElementById("flat-count");
        controls.hidden = false;
        var apply = function () {
          var query = search.value.trim().toLowerCase();
          var shown = 0;
          rows.forEach(function (row, index) {
            var visible = (!query || haystack[index].indexOf(query) >= 0) &&
              (!level.value || row.dataset.class === level.value) &&
              (!unverified.checked || row.dataset.verified === "no");
            row.hidden = !visible;
            if (visible) { shown += 1; }
          });
          count.textContent = shown + " of " + rows.length + " flats shown";
        };
        // The count is a live region: update it once typing pauses.
        var timer = null;
        var later = function () {
          clearTimeout(timer);
          timer = setTimeout(apply, 250);
        };
        search.addEventListener("input", later);
        [level, unverified].forEach(function (control) {
          control.addEventListener("change", apply);
        });
        apply();
        var headers = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(headers, function (header, column) {
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = header.textContent;
          button.title = "Sort by " + header.textContent;
          header.textContent = "";
          header.appendChild(button);
          button.addEventListener("click", function () {
            var ascending = header.getAttribute("aria-sort") !== "ascending";
            Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
            header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            // Numbers, and classes by their rank on the ladder (data-v).
            var numeric = header.dataset.type === "number" || header.dataset.type === "rank";
            var key = function (row) {
              var cell = row.cells[column];
              var value = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
              return numeric ? (value === "" ? NaN : parseFloat(value)) : value;
            };
            var sorted = rows.slice().sort(function (a, b) {
              var x = key(a), y = key(b), order;
              // Empty cells last, in either direction.
              var emptyX = numeric ? isNaN(x) : x === "";
              var emptyY = numeric ? isNaN(y) : y === "";
              if (emptyX || emptyY) { return (emptyX - emptyY) || a.dataset.i - b.dataset.i; }
              order = numeric ? x - y : x.localeCompare(y, undefined, { numeric: true });
              return (ascending ? order : -order) || a.dataset.i - b.dataset.i;
            });
            sorted.forEach(function (row) { body.appendChild(row); });
          });
        });
      }
      var opened = [];
      window.addEventListener("beforeprint", function () {
        Array.prototype.forEach.call(document.querySelectorAll("details.more:not([open])"), function (details) {
          details.open = true;
          opened.push(details);
        });
      });
      window.addEventListener("afterprint", function () {
        opened.forEach(function (details) { details.open = false; });
        opened = [];
      });
    })();

    """
}
