// Sortable tables: Material for MkDocs' tablesort recipe, re-run on every page load
// (document$ also fires after instant navigation). vendor/ holds tablesort 5.6.0 and its
// number sort, unchanged from the npm package (`npm pack tablesort@5.6.0`, MIT licence).
// Tablesort makes each sortable header focusable, sorts on Enter and sets aria-sort; Space,
// which sorts a button-like control too, is added here. A row's detail (the row after it,
// `tr.yearbook-detail`) goes back under its row after every sort. A long table's rows come in
// groups, a <tbody> each (tables.css); Tablesort sorts each <tbody> on its own, so the rows are
// sorted as one body and then dealt back into groups of the sizes they had.
function yearbookSortable(table) {
  var pairs = [];
  var bodies = Array.from(table.tBodies);
  var sizes = bodies.map(function (body) {
    return body.querySelectorAll("tr:not(.yearbook-detail)").length;
  });
  table.addEventListener("beforeSort", function () {
    pairs = Array.from(table.querySelectorAll("tr.yearbook-detail"), function (detail) {
      return [detail.previousElementSibling, detail];
    });
    bodies.slice(1).forEach(function (body) {
      bodies[0].append.apply(bodies[0], Array.from(body.rows));
    });
  });
  table.addEventListener("afterSort", function () {
    pairs.forEach(function (pair) { pair[0].after(pair[1]); });
    var group = 0, count = 0;
    Array.from(bodies[0].rows).forEach(function (row) {
      if (!row.classList.contains("yearbook-detail") && count++ === sizes[group]) {
        group += 1;
        count = 1;
      }
      if (group) bodies[group].append(row);
    });
  });
  new Tablesort(table);
  table.querySelectorAll("th[role='columnheader'][tabindex]").forEach(function (header) {
    header.addEventListener("keydown", function (event) {
      if (event.key !== " ") return;
      event.preventDefault(); // Space would scroll the page
      header.click();
    });
  });
}

// One table per task, when the browser is idle: on a page of many tables (the data chapter)
// setting them all up in one go is a long task that holds up a reader's first tap or key
// (Lighthouse's total blocking time).
document$.subscribe(function () {
  var tables = Array.from(document.querySelectorAll("article table:not([class])"));
  var later = function (task) {
    if (window.requestIdleCallback) requestIdleCallback(task, { timeout: 200 });
    else setTimeout(task, 0);
  };
  (function next() {
    var table = tables.shift();
    if (!table) return;
    yearbookSortable(table);
    later(next);
  })();
});
