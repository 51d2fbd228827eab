// keten's browser editor (keten serve only): the preview follows the typing, a toolbar
// and a link picker help with Markdown, a file is added without leaving the page, and
// problems lead to their line. Everything also works without this script, by posting
// the forms; nothing here comes from another host.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // ---- the text box -------------------------------------------------------------------

  /** Replaces the selection of `area` with `text` (keeping undo where the browser can). */
  function insert(area, text, selectFrom, selectTo) {
    var start = area.selectionStart;
    area.focus();
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (e) {
      done = false;
    }
    if (!done) {
      area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
    }
    if (typeof selectFrom === "number") {
      area.setSelectionRange(start + selectFrom, start + (typeof selectTo === "number" ? selectTo : selectFrom));
    }
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /** The whole lines the selection touches: [start, end). */
  function selectedLines(area) {
    var value = area.value;
    var start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var end = value.indexOf("\n", area.selectionEnd);
    if (end === -1) end = value.length;
    return [start, end];
  }

  /** Starts every selected line with `prefix` (`## `, `- `), or takes it off again. */
  function prefixLines(area, prefix) {
    var range = selectedLines(area);
    var lines = area.value.slice(range[0], range[1]).split("\n");
    var all = lines.every(function (line) {
      return line.indexOf(prefix) === 0;
    });
    var changed = lines
      .map(function (line) {
        if (all) return line.slice(prefix.length);
        return prefix === "## " ? prefix + line.replace(/^#+ /, "") : prefix + line;
      })
      .join("\n");
    area.setSelectionRange(range[0], range[1]);
    insert(area, changed, 0, changed.length);
  }

  function wrap(area, before, after, placeholder) {
    var selected = area.value.slice(area.selectionStart, area.selectionEnd) || placeholder;
    insert(area, before + selected + after, before.length, before.length + selected.length);
  }

  /** Puts the cursor at the start of line `line` (counting from 1) and shows it. */
  function goToLine(area, line) {
    var lines = area.value.split("\n");
    var offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    var end = offset + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(offset, end);
    var height = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * height);
  }

  // ---- the editor of a file --------------------------------------------------------------

  function editorPage(form) {
    var area = document.getElementById("tekst");
    var frame = document.getElementById("voorbeeld");
    var status = document.getElementById("status");
    var textProblems = document.getElementById("tekst-problemen");
    var uploadForm = document.getElementById("upload");
    var dirty = false;
    var submitting = false;
    var asked = 0;
    var shownProblems = null;

    addToolbar(form, area);

    function showProblems(problems) {
      var byField = {};
      var inText = [];
      problems.forEach(function (p) {
        if (p.field) (byField[p.field] = byField[p.field] || []).push(p.message);
        else if (p.line) inText.push(p);
      });
      form.querySelectorAll("p.fout[data-veld]").forEach(function (slot) {
        var name = slot.getAttribute("data-veld");
        var messages = byField[name];
        var input = document.getElementById(slot.id.replace(/-fout$/, ""));
        slot.textContent = messages ? messages.join(" ") : "";
        slot.hidden = !messages;
        if (input) {
          if (messages) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
        }
      });
      textProblems.textContent = "";
      if (inText.length) {
        var list = el("ul", { class: "probleemlijst" });
        inText.forEach(function (p) {
          var item = el("li");
          var button = el("button", { type: "button", class: "naar-regel", "data-regel": String(p.line) }, "Regel " + p.line);
          item.appendChild(button);
          item.appendChild(document.createTextNode(": " + p.message));
          list.appendChild(item);
        });
        textProblems.appendChild(list);
      }
      var count = problems.length;
      var summary = count === 0 ? "Geen problemen gevonden." : count === 1 ? "1 probleem gevonden." : count + " problemen gevonden.";
      if (summary !== shownProblems) {
        status.textContent = summary;
        shownProblems = summary;
      }
    }

    function showPreview(address) {
      var scroll = 0;
      try {
        scroll = frame.contentWindow.scrollY || 0;
      } catch (e) {
        scroll = 0;
      }
      frame.addEventListener(
        "load",
        function restore() {
          try {
            frame.contentWindow.scrollTo(0, scroll);
          } catch (e) {
            /* nothing to restore */
          }
        },
        { once: true },
      );
      frame.src = address;
    }

    var refresh = debounce(function () {
      var number = ++asked;
      var started = performance.now();
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute("data-voorbeeld"), {
        method: "POST",
        headers: { Accept: "application/json" },
        body: body,
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (number !== asked) return;
          if (answer.adres) showPreview(answer.adres);
          showProblems(answer.problemen || []);
          form.setAttribute("data-voorbeeld-ms", String(Math.round(performance.now() - started)));
          form.setAttribute("data-voorbeeld-server-ms", String(answer.ms));
          form.setAttribute("data-voorbeeld-nummer", String(number));
        })
        .catch(function () {
          status.textContent = "Het voorbeeld kon niet worden bijgewerkt; draait keten serve nog?";
          shownProblems = null;
        });
    }, 250);

    form.addEventListener("input", function () {
      dirty = true;
      refresh();
    });
    form.addEventListener("change", function () {
      dirty = true;
      refresh();
    });
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
        event.preventDefault();
        var save = form.querySelector('button[value="opslaan"]');
        if (form.requestSubmit) form.requestSubmit(save);
        else save.click();
      }
    });
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element)) return;
      var line = target.closest(".naar-regel");
      if (line) {
        goToLine(area, Number(line.getAttribute("data-regel")));
        return;
      }
      var put = target.closest(".voeg-in");
      if (put) {
        area.focus();
        insert(area, put.getAttribute("data-invoegen"));
      }
    });

    if (uploadForm) {
      uploadForm.addEventListener("submit", function (event) {
        var input = uploadForm.querySelector('input[type="file"]');
        if (!input.files || !input.files.length) return;
        event.preventDefault();
        var data = new FormData(uploadForm);
        status.textContent = "Bezig met toevoegen…";
        shownProblems = null;
        fetch(uploadForm.getAttribute("action"), {
          method: "POST",
          headers: { Accept: "application/json" },
          body: data,
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.json();
          })
          .then(function (answer) {
            if (answer.fout) {
              status.textContent = answer.fout;
              return;
            }
            // A single-file page became a folder: the file has a new name from now on.
            form.setAttribute("action", answer.bewerk);
            form.setAttribute("data-voorbeeld", answer.voorbeeld);
            uploadForm.setAttribute("action", answer.upload);
            history.replaceState(null, "", answer.bewerk);
            addFile(answer.naam);
            input.value = "";
            status.textContent = answer.naam + " is toegevoegd. Zet het in de tekst met de knop in de lijst.";
          })
          .catch(function () {
            status.textContent = "Het bestand kon niet worden toegevoegd.";
          });
      });
    }

    function addFile(name) {
      var section = document.querySelector(".bijlagen");
      var list = section.querySelector("ul.bestanden");
      if (!list) {
        var none = section.querySelector("h2 + p");
        list = el("ul", { class: "bestanden" });
        if (none) none.replaceWith(list);
        else section.insertBefore(list, uploadForm);
      }
      var image = /\.(jpe?g|png|webp)$/i.test(name);
      var markdown = image ? "![Beschrijf wat op de afbeelding staat](" + name + ")" : "[" + name + "](" + name + ")";
      var item = el("li");
      item.appendChild(el("code", {}, name));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("button", { type: "button", class: "voeg-in", "data-invoegen": markdown }, "Zet in de tekst"));
      list.appendChild(item);
    }
  }

  function addToolbar(form, area) {
    var bar = el("div", { class: "opmaak", role: "group", "aria-label": "Opmaak van de tekst" });
    var buttons = [
      ["Kop", function () { prefixLines(area, "## "); }],
      ["Vet", function () { wrap(area, "**", "**", "vette tekst"); }],
      ["Lijst", function () { prefixLines(area, "- "); }],
      ["Link", function () {
        var selected = area.value.slice(area.selectionStart, area.selectionEnd) || "tekst van de link";
        var text = "[" + selected + "](https://)";
        insert(area, text, selected.length + 3, text.length - 1);
      }],
      ["Afbeelding", function () {
        insert(area, "![Beschrijf wat op de afbeelding staat](bestand.jpg)", 2, 39);
      }],
      ["Link naar pagina…", function () { openPicker(area); }],
    ];
    buttons.forEach(function (entry) {
      var button = el("button", { type: "button" }, entry[0]);
      button.addEventListener("click", entry[1]);
      bar.appendChild(button);
    });
    var explanation = document.getElementById("tekst-uitleg");
    explanation.parentNode.insertBefore(bar, area);
  }

  // ---- the link picker ------------------------------------------------------------------

  var pages = null;

  function openPicker(area) {
    var selection = [area.selectionStart, area.selectionEnd];
    var selected = area.value.slice(selection[0], selection[1]);
    var dialog = el("dialog", { class: "kiezer", "aria-labelledby": "kiezer-kop" });
    var close = el("button", { type: "button", class: "sluit" }, "Sluiten");
    var heading = el("h2", { id: "kiezer-kop" }, "Link naar een pagina");
    var label = el("label", { for: "kiezer-zoek" }, "Zoek een pagina of kop");
    var search = el("input", { type: "text", id: "kiezer-zoek", autocomplete: "off" });
    var count = el("p", { class: "uitleg", role: "status" });
    var list = el("ul");
    dialog.appendChild(close);
    dialog.appendChild(heading);
    dialog.appendChild(label);
    dialog.appendChild(search);
    dialog.appendChild(count);
    dialog.appendChild(list);
    document.body.appendChild(dialog);

    function done() {
      dialog.close();
      dialog.remove();
      area.focus();
      area.setSelectionRange(selection[0], selection[1]);
    }
    close.addEventListener("click", done);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      done();
    });

    function choose(page, heading) {
      var target = "@/" + page.sleutel + (heading ? "#" + heading.id : "");
      var text = selected || (heading ? heading.titel : page.titel);
      done();
      insert(area, "[" + text + "](" + target + ")");
    }

    function render() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var matches = function (text) {
        text = text.toLowerCase();
        return words.every(function (w) { return text.indexOf(w) !== -1; });
      };
      list.textContent = "";
      var shown = 0;
      (pages || []).forEach(function (page) {
        var pageText = page.titel + " " + page.sleutel;
        var headings = page.koppen.filter(function (h) { return matches(pageText + " " + h.titel); });
        if (!matches(pageText) && !headings.length) return;
        shown++;
        var item = el("li");
        var button = el("button", { type: "button" }, page.titel + " — " + page.sleutel);
        button.addEventListener("click", function () { choose(page, null); });
        item.appendChild(button);
        (matches(pageText) ? page.koppen : headings).forEach(function (h) {
          var sub = el("button", { type: "button", class: "kop-keuze" }, "Kop: " + h.titel);
          sub.addEventListener("click", function () { choose(page, h); });
          item.appendChild(sub);
        });
        list.appendChild(item);
      });
      count.textContent = shown === 1 ? "1 pagina" : shown + " pagina's";
    }
    search.addEventListener("input", render);

    dialog.showModal();
    search.focus();
    if (pages) {
      render();
    } else {
      count.textContent = "Pagina's laden…";
      fetch("/__keten/bewerk/links", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (list) {
          pages = list;
          render();
        })
        .catch(function () {
          count.textContent = "De lijst met pagina's kon niet worden geladen.";
        });
    }
  }

  // ---- a new page -----------------------------------------------------------------------

  function newPage(form) {
    var plan = document.getElementById("plan");
    var update = debounce(function () {
      var query = new URLSearchParams(new FormData(form));
      if (!query.get("titel").trim()) return;
      fetch("/__keten/bewerk/nieuw/plan?" + query.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          plan.textContent = "";
          if (answer.fout) {
            plan.appendChild(el("p", { class: "fout" }, answer.fout));
            return;
          }
          var list = el("dl", { class: "plan" });
          list.appendChild(el("dt", {}, "Bestand"));
          var file = el("dd");
          file.appendChild(el("code", {}, answer.bestand));
          list.appendChild(file);
          list.appendChild(el("dt", {}, "Adres"));
          var address = el("dd");
          address.appendChild(el("code", {}, answer.adres));
          list.appendChild(address);
          plan.appendChild(list);
        });
    }, 200);
    form.addEventListener("input", update);
    form.addEventListener("change", update);
  }

  var editForm = document.getElementById("bewerk");
  if (editForm) editorPage(editForm);
  var newForm = document.getElementById("nieuw");
  if (newForm) newPage(newForm);
})();
