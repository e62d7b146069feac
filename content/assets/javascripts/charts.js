// Replaces each chart's static SVG (drawn at build time) by the live chart, which adds
// tooltips, drawn with vega-embed (bundled and served by the site, see yearbook.charts.bundle).
//
// The bundle is about 300 KB gzipped and takes the main thread for a while, and the static SVG
// already shows the same chart, so it is not loaded with the page: only once the reader has
// interacted with the page (pointer, touch, key, wheel or scroll: tooltips need a pointer
// anyway) and a chart is in the viewport. Charts then go live one per task, in order.
(function () {
  var bundleUrl = document.currentScript.dataset.vegaBundle;
  var vegaLoaded = null;
  var queue = Promise.resolve();
  var waiting = [];
  var interacted = false;
  var observer = null;

  function loadVega() {
    if (!vegaLoaded) {
      vegaLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundleUrl;
        script.onload = resolve;
        script.onerror = function () {
          reject(new Error("could not load " + bundleUrl));
        };
        document.head.appendChild(script);
      });
    }
    return vegaLoaded;
  }

  // A fresh task for each chart, when the browser is idle, so no two charts share one long task.
  function idle() {
    return new Promise(function (resolve) {
      if (window.requestIdleCallback) requestIdleCallback(resolve, { timeout: 500 });
      else setTimeout(resolve, 0);
    });
  }

  function draw(figure) {
    queue = queue
      .then(loadVega)
      .then(idle)
      .then(function () {
        var live = figure.querySelector(".yearbook-chart__live");
        var spec = JSON.parse(figure.querySelector(".yearbook-chart__spec").textContent);
        return vegaEmbed(live, spec, { renderer: "svg", actions: false }).then(function () {
          // Both in one frame: the live SVG has the static one's size, so nothing moves.
          live.hidden = false;
          figure.querySelector(".yearbook-chart__static").hidden = true;
          figure.dataset.yearbookLive = "done";
        });
      })
      .catch(function (error) {
        console.error(error); // the static SVG stays
      });
  }

  function watch(figure) {
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          draw(entry.target);
        });
      });
    }
    observer.observe(figure);
  }

  var events = ["pointerover", "pointerdown", "touchstart", "keydown", "wheel", "scroll"];
  function onInteraction() {
    events.forEach(function (name) {
      window.removeEventListener(name, onInteraction, true);
    });
    interacted = true;
    waiting.splice(0).forEach(watch);
  }
  events.forEach(function (name) {
    window.addEventListener(name, onInteraction, { capture: true, passive: true });
  });

  // Material announces each page it shows (also after instant navigation) on document$.
  document$.subscribe(function () {
    document.querySelectorAll("[data-yearbook-chart]").forEach(function (figure) {
      if (figure.dataset.yearbookLive) return;
      figure.dataset.yearbookLive = "pending";
      if (!("IntersectionObserver" in window)) draw(figure);
      else if (interacted) watch(figure);
      else waiting.push(figure);
    });
  });
})();
