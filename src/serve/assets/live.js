// keten serve: reloads the page after each successful rebuild, refreshes stylesheets
// when only CSS changed. Served by the development server only; never in `keten build`.
(function () {
  "use strict";
  var source = new EventSource("/__keten/events");
  source.addEventListener("message", function (event) {
    if (event.data === "css") {
      var links = document.querySelectorAll('link[rel="stylesheet"]');
      for (var i = 0; i < links.length; i++) {
        var url = new URL(links[i].href);
        if (url.pathname.indexOf("/__keten/") === 0) continue;
        url.searchParams.set("keten", Date.now());
        links[i].href = url.toString();
      }
    } else if (event.data === "reload") {
      window.location.reload();
    }
  });
})();
