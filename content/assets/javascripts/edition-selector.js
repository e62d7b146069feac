// The edition selector (site-overrides/partials/alternate.html) lists the editions of
// editions.json, which `yearbook site` writes beside the editions' folders (format 1, read by
// every frozen edition's copy of this script). Each leads to this page in that edition, or to
// its front page in this language when it has no such page; the reader's #place comes along.
// An edition older than the newest published one says so in Material's banner
// (data-newer: "A newer edition is out: {edition}.", the edition linked).
(function () {
  var list = document.querySelector("[data-yearbook-editions][data-editions-index]");
  if (!list || !window.fetch) return;  // built alone (`make serve`): this edition only
  var root = new URL(list.getAttribute("data-edition-root"), location.href);
  fetch(new URL(list.getAttribute("data-editions-index"), location.href))
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (index) {
      if (!index || index.format !== 1) return;
      var rest = location.pathname.slice(root.pathname.length);
      var prefix = "";
      index.languages.forEach(function (language) {
        if (language.prefix && rest.indexOf(language.prefix) === 0) prefix = language.prefix;
      });
      var lang = document.documentElement.lang.slice(0, 2);
      var items = index.editions.map(function (edition) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var target = edition.pages.indexOf(rest) >= 0 ? rest : prefix;
        link.href = new URL(edition.path + target, new URL("../", root)).href;
        link.className = "md-select__link";
        link.setAttribute("data-yearbook-edition", edition.edition);
        link.textContent = edition.label[lang] || edition.edition;
        if (edition.edition === list.getAttribute("data-edition")) {
          link.setAttribute("aria-current", "page");
        }
        item.className = "md-select__item";
        item.appendChild(link);
        return item;
      });
      list.replaceChildren.apply(list, items);
      var own = list.getAttribute("data-edition");
      var newest = items.filter(function (item) {
        return item.firstChild.getAttribute("data-yearbook-edition") === index.current;
      })[0];
      var banner = document.querySelector("[data-md-component=announce]");
      if (!newest || index.current <= own || !banner || banner.querySelector(".md-banner")) return;
      var parts = list.getAttribute("data-newer").split("{edition}");
      var link = newest.firstChild.cloneNode(true);
      link.removeAttribute("class");
      var inner = document.createElement("div");
      inner.className = "md-banner__inner md-grid md-typeset";
      inner.append(parts[0], link, parts.slice(1).join(""));
      var aside = document.createElement("aside");
      aside.className = "md-banner yearbook-newer";
      aside.appendChild(inner);
      banner.appendChild(aside);
    });
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[data-yearbook-edition]");
    if (!link || !location.hash || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    location.href = link.href.split("#")[0] + location.search + location.hash;
  });
})();
