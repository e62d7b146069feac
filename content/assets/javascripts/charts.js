// Replaces each chart's static SVG (drawn at build time) by the live chart, which adds
// tooltips, drawn with vega-embed (bundled and served by the site, see yearbook.charts.bundle).
// The live chart takes its container's width (Vega re-lays it out as the window resizes); a
// column narrower than the figure's data-wide-from gets the chart's phone layout, and crossing
// that width draws the chart again in the other layout, as charts.css switches static SVGs.
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

  function layout(figure) {
    var width = figure.querySelector(".yearbook-chart__graphic").clientWidth;
    return width >= Number(figure.dataset.wideFrom) ? "wide" : "phone";
  }

  // Drawn over the static SVG, unseen, then both swapped in one go: the live chart has the
  // static one's height, so nothing moves.
  function embed(figure) {
    var wanted = layout(figure);
    if (figure.yearbookLayout === wanted) return Promise.resolve();
    figure.yearbookLayout = wanted;
    var live = figure.querySelector(".yearbook-chart__live");
    var still = figure.querySelector(".yearbook-chart__static");
    var script = figure.querySelector('.yearbook-chart__spec[data-layout="' + wanted + '"]');
    if (figure.yearbookView) figure.yearbookView.finalize();
    still.hidden = false;
    live.classList.add("yearbook-chart__live--drawing");
    live.hidden = false;
    var options = { renderer: "svg", actions: false, defaultStyle: false };
    return vegaEmbed(live, JSON.parse(script.textContent), options).then(function (result) {
      figure.yearbookView = result;
      live.classList.remove("yearbook-chart__live--drawing");
      still.hidden = true;
      figure.dataset.yearbookLive = "done";
    });
  }

  function draw(figure) {
    queue = queue
      .then(loadVega)
      .then(idle)
      .then(function () {
        return embed(figure).then(function () {
          if (window.ResizeObserver) resized.observe(figure);
        });
      })
      .catch(function (error) {
        console.error(error); // the static SVG stays
      });
  }

  // A live chart whose column crossed data-wide-from is drawn again in the other layout.
  var resized = window.ResizeObserver
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          var figure = entry.target;
          if (layout(figure) === figure.yearbookLayout) return;
          queue = queue.then(function () {
            return embed(figure);
          });
        });
      })
    : null;

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
