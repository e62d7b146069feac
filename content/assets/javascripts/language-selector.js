// The language selector leads to the same page in the other language (hooks/i18n.py writes
// each page's twin into it); twins share their heading ids, so the reader's place (#anchor)
// comes along too.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
  if (!link || !location.hash || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  location.href = link.href.split("#")[0] + location.hash;
});
