// keten serve: reloads the page after each successful rebuild, refreshes stylesheets
// when only CSS changed. Served by the development server only; never in `keten build`.
// The server sends a generation number: on connecting, the current one, so a page that
// was loading while the site changed still reloads; later, each new one.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? script.getAttribute("data-generation") : null;
  var source = new EventSource("/__keten/events");
  source.addEventListener("message", function (event) {
    var data = String(event.data);
    if (data.indexOf("css ") === 0) {
      shown = data.slice(4);
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var url = new URL(links[i].href);
        if (url.pathname.indexOf("/__keten/") === 0) continue;
        url.searchParams.set("keten", shown);
        links[i].href = url.toString();
      }
    } else if (data !== shown) {
      source.close();
      window.location.reload();
    }
  });
})();
