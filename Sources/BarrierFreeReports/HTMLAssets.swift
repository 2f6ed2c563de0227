import Plot

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
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(42rem,100%),1fr));gap:1.5rem}
    figure.chart{margin:0;border:1px solid var(--line);padding:.75rem}
    figcaption{font-weight:600;margin-bottom:.5rem}
    figure svg{width:40rem;max-width:none;height:auto;font-size:14px}
    .chart-scroll{overflow-x:auto}
    svg.defs{position:absolute}
    svg text{fill:var(--text)}
    rect.fail{fill:#8b1a1a}
    svg rect{stroke:#fff;stroke-width:1}
    svg pattern rect,svg pattern circle{stroke:none}
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
    .table-wrap{overflow-x:auto}
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
      var each = function (list, action) { Array.prototype.forEach.call(list, action); };
      // A building's flats and findings, kept in an inert block on a large
      // page, are made into elements when the building is opened.
      // A gzipped block (base64) is unpacked by the browser's own
      // DecompressionStream.
      var fill = function (details) {
        var block = details.nextElementSibling;
        var slot = details.querySelector(".slot");
        if (!slot || !block || !block.classList.contains("detail") || slot.firstChild ||
            details.dataset.filling) {
          return Promise.resolve();
        }
        if (!block.classList.contains("packed")) {
          slot.innerHTML = block.textContent;
          return Promise.resolve();
        }
        details.dataset.filling = "yes";
        var text = atob(block.textContent.trim());
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i += 1) { bytes[i] = text.charCodeAt(i); }
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).text().then(function (html) {
          slot.innerHTML = html;
          delete details.dataset.filling;
        });
      };
      each(document.querySelectorAll("details.lazy"), function (details) {
        details.addEventListener("toggle", function () { if (details.open) { fill(details); } });
      });
      // A link to a flat (#f12-3) or a building (#b12) opens its building.
      var reveal = function (hash) {
        var match = /^#([fb])(\\d+)/.exec(hash || "");
        if (!match || document.getElementById(hash.slice(1))) { return; }
        var section = document.getElementById("b" + match[2]);
        var details = section && section.querySelector("details.lazy");
        if (!details) { return; }
        details.open = true;
        fill(details).then(function () {
          var target = document.getElementById(hash.slice(1));
          if (target) { target.scrollIntoView(); }
        });
      };
      window.addEventListener("hashchange", function () { reveal(location.hash); });
      document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href^='#']");
        if (link && !document.getElementById(link.getAttribute("href").slice(1))) {
          reveal(link.getAttribute("href"));
        }
      });
      var table = document.getElementById("flat-table");
      var controls = document.getElementById("flat-controls");
      if (table && controls) {
        var body = table.tBodies[0];
        // On a large page the rows come from an inert block and are shown a
        // page at a time; sorting and filtering go over all of them.
        var source = document.getElementById("flat-rows");
        var pager = document.getElementById("flat-pager");
        var size = Infinity;
        var page = 0;
        if (source && pager) {
          var holder = document.createElement("tbody");
          holder.innerHTML = source.textContent;
          body = holder;
          size = parseInt(pager.dataset.rows, 10) || 100;
          pager.hidden = false;
        }
        var live = table.tBodies[0];
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
        var previous = document.getElementById("flat-previous");
        var next = document.getElementById("flat-next");
        var pageLabel = document.getElementById("flat-page");
        controls.hidden = false;
        var visible = rows;
        var show = function () {
          var pages = Math.max(1, Math.ceil(visible.length / size));
          page = Math.min(page, pages - 1);
          var shown = size === Infinity ? visible : visible.slice(page * size, (page + 1) * size);
          live.replaceChildren.apply(live, shown);
          if (pageLabel) {
            pageLabel.textContent = "page " + (page + 1) + " of " + pages;
            previous.disabled = page === 0;
            next.disabled = page >= pages - 1;
          }
        };
        var apply = function () {
          var query = search.value.trim().toLowerCase();
          visible = rows.filter(function (row) {
            return (!query || haystack[row.dataset.i].indexOf(query) >= 0) &&
              (!level.value || row.dataset.class === level.value) &&
              (!unverified.checked || row.dataset.verified === "no");
          });
          page = 0;
          count.textContent = visible.length + " of " + rows.length + " flats shown";
          show();
        };
        if (previous && next) {
          previous.addEventListener("click", function () { page -= 1; show(); });
          next.addEventListener("click", function () { page += 1; show(); });
        }
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
        each(headers, function (header, column) {
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = header.textContent;
          button.title = "Sort by " + header.textContent;
          header.textContent = "";
          header.appendChild(button);
          button.addEventListener("click", function () {
            var ascending = header.getAttribute("aria-sort") !== "ascending";
            each(headers, function (other) { other.removeAttribute("aria-sort"); });
            header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            // Numbers, and classes by their rank on the ladder (data-v).
            var numeric = header.dataset.type === "number" || header.dataset.type === "rank";
            var key = function (row) {
              var cell = row.cells[column];
              var value = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent;
              return numeric ? (value === "" ? NaN : parseFloat(value)) : value;
            };
            var keys = rows.map(key);
            var order = rows.map(function (row, index) { return index; });
            order.sort(function (a, b) {
              var x = keys[a], y = keys[b], by;
              // Empty cells last, in either direction.
              var emptyX = numeric ? isNaN(x) : x === "";
              var emptyY = numeric ? isNaN(y) : y === "";
              if (emptyX || emptyY) { return (emptyX - emptyY) || rows[a].dataset.i - rows[b].dataset.i; }
              by = numeric ? x - y : x.localeCompare(y, undefined, { numeric: true });
              return (ascending ? by : -by) || rows[a].dataset.i - rows[b].dataset.i;
            });
            rows = order.map(function (index) { return rows[index]; });
            apply();
          });
        });
      }
      reveal(location.hash);
      var opened = [];
      window.addEventListener("beforeprint", function () {
        each(document.querySelectorAll("details.lazy:not([open])"), fill);
        each(document.querySelectorAll("details.more:not([open]), details.lazy:not([open])"), function (details) {
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

extension HTMLAssets {
  /// The head of a page of ours with `title`: UTF-8, a phone's viewport,
  /// the shared style sheet and `extraStyle` (the class colours of a page
  /// with charts): the plan's, the match's and the comparison's pages.
  static func head(_ title: String, extraStyle: String = "") -> Node<HTML.DocumentContext> {
    .head(
      .meta(.charset(.utf8)),
      .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
      .element(named: "title", nodes: [text(title)]),
      .style(css + extraStyle)
    )
  }
}
