// Draws every chart of the page live with vega-embed (bundled and served by the site, see
// yearbook.charts.bundle) in place of the static SVG drawn at build time. Runs on each page
// Material shows (document$), once per chart.
document$.subscribe(function () {
  document.querySelectorAll("[data-yearbook-chart]").forEach(function (figure) {
    var live = figure.querySelector(".yearbook-chart__live");
    if (live.dataset.drawn) return;
    live.dataset.drawn = "true";
    var spec = JSON.parse(figure.querySelector(".yearbook-chart__spec").textContent);
    vegaEmbed(live, spec, { renderer: "svg", actions: false }).then(function () {
      live.hidden = false;
      figure.querySelector(".yearbook-chart__static").hidden = true;
    });
  });
});
