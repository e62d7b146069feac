// Sortable tables: Material for MkDocs' tablesort recipe, re-run on every page load
// (document$ also fires after instant navigation). vendor/ holds tablesort 5.6.0 and its
// number sort, unchanged from the npm package (`npm pack tablesort@5.6.0`, MIT licence).
document$.subscribe(function () {
  var tables = document.querySelectorAll("article table:not([class])");
  tables.forEach(function (table) {
    new Tablesort(table);
  });
});
