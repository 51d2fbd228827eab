// keten serve: reloads this page after a rebuild that changed it, and refreshes the
// stylesheets when only CSS changed. Served by the development server only; never in
// `keten build`'s output.
//
// The page tells the server where it is and which generation of the site it shows, so
// a change made while it was loading still reaches it. Messages: `ok 7`, `css 7`,
// `reload 7 /agenda/ /nieuws/` (only those pages) and `reload 7 *` (every page).
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = (script && script.getAttribute("data-generation")) || "0";
  var here = window.location.pathname;
  var url = "/__keten/events?path=" + encodeURIComponent(here) + "&since=" + shown;
  var source = new EventSource(url);
  source.addEventListener("message", function (event) {
    var parts = String(event.data).split(" ");
    if (parts[0] === "css") {
      shown = parts[1];
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var link = new URL(links[i].href);
        if (link.pathname.indexOf("/__keten/") === 0) continue;
        link.searchParams.set("keten", shown);
        links[i].href = link.toString();
      }
    } else if (parts[0] === "reload") {
      var pages = parts.slice(2);
      if (pages.indexOf("*") !== -1 || pages.indexOf(here) !== -1) {
        source.close();
        window.location.reload();
      }
    }
  });
})();
