extension SiteWriter {
    /// The site's script: math typeset by KaTeX, the menu on small screens,
    /// a copy button on each transcript, and the search (lunr over the
    /// documents of search-index.js; a plain word match when lunr is absent).
    static let script = #"""
    (function () {
      "use strict";
      // The way back to the site's root: "" or "../" repeated, nothing else.
      var root = document.body.getAttribute("data-root") || "";
      // The interface's words, in the page's language.
      function wording(name, fallback) { return document.body.getAttribute("data-" + name) || fallback; }
      // Accents folded, so that "retropropagation" finds "rétropropagation".
      function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
      if (!/^(\.\.\/)*$/.test(root)) root = "";

      // The address of a page of this site from a search document's id, or
      // null. The renderer writes ids as ./path/page.html#heading with every
      // character but letters, digits and -._~ percent-encoded; anything else
      // (a scheme such as javascript:, an absolute URL, a query, a ".." part)
      // is refused, and the address made must lie inside the site's folder
      // (which also keeps it in this page's origin and scheme).
      var pageId = /^\.\/(?:[A-Za-z0-9\-._~%]+\/)*[A-Za-z0-9\-._~%]+\.html(?:#[A-Za-z0-9\-._~%]*)?$/;
      function pageLink(id) {
        if (typeof id !== "string" || !pageId.test(id)) return null;
        var parts = id.split("#")[0].split("/").slice(1);
        if (parts.some(function (p) { return /^(?:\.|%2e)+$/i.test(p); })) return null;
        var url, site;
        try { url = new URL(root + id, document.baseURI); site = new URL(root || "./", document.baseURI); } catch (e) { return null; }
        if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "file:") return null;
        if (url.protocol !== location.protocol || url.href.indexOf(site.href) !== 0) return null;
        return url.href;
      }

      function typeset() {
        if (typeof katex === "undefined") return;
        document.querySelectorAll(".math").forEach(function (el) {
          try {
            katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
          } catch (e) { el.classList.add("math-error"); }
        });
      }

      function menu() {
        var button = document.querySelector("button.menu");
        var sidebar = document.getElementById("sidebar");
        if (!button || !sidebar) return;
        button.addEventListener("click", function () {
          var open = sidebar.classList.toggle("open");
          button.setAttribute("aria-expanded", open ? "true" : "false");
        });
      }

      function copyText(text, done) {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
        } else {
          fallback(text, done);
        }
      }

      function fallback(text, done) {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "absolute";
        area.style.left = "-9999px";
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } catch (e) { }
        document.body.removeChild(area);
      }

      // Each transcript gets a button that copies its commands, prompts included,
      // ready to paste into a notebook.
      function copyButtons() {
        document.querySelectorAll(".transcript").forEach(function (block) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "copy";
          button.textContent = wording("copy", "Copy");
          button.setAttribute("aria-label", wording("copy-label", "Copy the commands"));
          button.addEventListener("click", function () {
            var lines = [];
            block.querySelectorAll(".command").forEach(function (command) {
              var prompt = command.previousElementSibling;
              lines.push((prompt ? prompt.textContent : ">") + " " + command.textContent);
            });
            copyText(lines.join("\n") + "\n", function () {
              button.textContent = wording("copied", "Copied");
              setTimeout(function () { button.textContent = wording("copy", "Copy"); }, 1500);
            });
          });
          block.insertBefore(button, block.firstChild);
        });
      }

      var index = null;
      var documents = Object.create(null);

      function searchIndex() {
        if (index || !window.CAHIER_SEARCH) return index;
        window.CAHIER_SEARCH.forEach(function (d) { documents[d.id] = d; });
        if (typeof lunr !== "undefined") {
          // The page's language's pipeline (lunr-languages: its stop words and
          // stemmer) when the site has it, then accents folded on both sides.
          var language = document.documentElement.lang;
          var pipeline = language && language !== "en" && lunr[language] ? lunr[language] : null;
          var folding = function (token) { return token.update(fold); };
          lunr.Pipeline.registerFunction(folding, "cahier-fold");
          index = lunr(function () {
            if (pipeline) this.use(pipeline);
            this.pipeline.add(folding);
            this.searchPipeline.add(folding);
            this.ref("id");
            this.field("page", { boost: 4 });
            this.field("section", { boost: 2 });
            this.field("text");
            this.metadataWhitelist = ["position"];
            var builder = this;
            window.CAHIER_SEARCH.forEach(function (d) { builder.add(d); });
          });
        } else {
          index = { search: plainSearch };
        }
        return index;
      }

      // Without lunr: the sections holding every word typed.
      function plainSearch(query) {
        var words = fold(query.toLowerCase()).split(/\s+/).filter(function (w) { return w; });
        return window.CAHIER_SEARCH.filter(function (d) {
          var text = fold((d.page + " " + d.section + " " + d.text).toLowerCase());
          return words.every(function (w) { return text.indexOf(w) >= 0; });
        }).map(function (d) { return { ref: d.id }; });
      }

      function snippet(text, words) {
        var lower = text.toLowerCase();
        var at = -1;
        words.forEach(function (w) { var i = lower.indexOf(w); if (i >= 0 && (at < 0 || i < at)) at = i; });
        var start = Math.max(0, at - 60);
        return (start > 0 ? "…" : "") + text.substr(start, 160) + (start + 160 < text.length ? "…" : "");
      }

      function search() {
        var input = document.getElementById("search");
        var list = document.getElementById("results");
        if (!input || !list) return;
        var selected = -1;
        function show(query) {
          list.innerHTML = "";
          selected = -1;
          query = query.trim();
          if (query.length < 2 || !searchIndex()) { list.hidden = true; return; }
          var hits;
          try {
            hits = index.search(query);
            if (!hits.length && typeof lunr !== "undefined") {
              hits = index.search(query.split(/\s+/).map(function (w) { return w + "*"; }).join(" "));
            }
          } catch (e) { hits = plainSearch(query); }
          var words = query.toLowerCase().split(/\s+/);
          var shown = 0;
          hits.forEach(function (hit) {
            var d = shown < 12 && documents[hit.ref];
            if (!d) return;
            var href = pageLink(d.id);
            if (!href) return;
            shown += 1;
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = href;
            link.setAttribute("data-id", d.id);
            var title = document.createElement("span");
            title.className = "hit-title";
            title.textContent = d.page + (d.section ? " › " + d.section : "");
            var text = document.createElement("span");
            text.className = "hit-text";
            text.textContent = snippet(d.text, words);
            link.appendChild(title);
            link.appendChild(text);
            item.appendChild(link);
            list.appendChild(item);
          });
          if (!list.children.length) {
            var none = document.createElement("li");
            none.className = "none";
            none.textContent = wording("nothing", "Nothing found for “{query}”").split("{query}").join(query);
            list.appendChild(none);
          }
          list.hidden = false;
        }
        input.addEventListener("input", function () { show(input.value); });
        input.addEventListener("keydown", function (event) {
          var links = list.querySelectorAll("a");
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!links.length) return;
            event.preventDefault();
            selected = (selected + (event.key === "ArrowDown" ? 1 : links.length - 1)) % links.length;
            links.forEach(function (a, i) { a.classList.toggle("selected", i === selected); });
          } else if (event.key === "Enter") {
            var target = links[selected >= 0 ? selected : 0];
            var href = target && pageLink(target.getAttribute("data-id"));
            if (href) window.location.href = href;
          } else if (event.key === "Escape") {
            list.hidden = true;
          }
        });
        document.addEventListener("click", function (event) {
          if (!list.contains(event.target) && event.target !== input) list.hidden = true;
        });
      }

      document.addEventListener("DOMContentLoaded", function () {
        typeset();
        menu();
        copyButtons();
        search();
      });
    })();

    """#

    /// A readable style for course notes and transcripts, on a phone too, in
    /// print, and dark when the system is.
    static let styleSheet = """
    :root { --text: #1d2125; --muted: #5f6b76; --accent: #2b5fab; --code-bg: #f5f6f8; --rule: #dde1e6; --page: #fff;
      --panel: #fafbfc; --transcript: #f7f9fc; --command: #10243f; --output: #3c4650; --error: #a61b1b; --hit: #e8eef8; }
    @media (prefers-color-scheme: dark) {
      :root { --text: #dfe3e8; --muted: #9aa5b1; --accent: #8ab4f8; --code-bg: #22262b; --rule: #3a4048; --page: #16191d;
        --panel: #1b1f24; --transcript: #1e2329; --command: #e8eef6; --output: #c3cad2; --error: #ff8a80; --hit: #2a3340; }
    }
    * { box-sizing: border-box; }
    html { font-size: 18px; }
    body { margin: 0; color: var(--text); background: var(--page);
      font-family: "Charter", "Bitstream Charter", "Georgia", "DejaVu Serif", serif; line-height: 1.6; }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 1rem; top: 0.5rem; z-index: 10; background: var(--page); padding: 0.3rem 0.6rem; }
    header.top { position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: 1rem; padding: 0.5rem 1rem;
      background: var(--panel); border-bottom: 1px solid var(--rule);
      font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.9rem; }
    header.top .site { font-weight: 600; color: var(--text); text-decoration: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }
    button.menu { display: none; background: none; border: 1px solid var(--rule); border-radius: 4px; color: var(--text); font-size: 1rem; padding: 0.1rem 0.5rem; cursor: pointer; }
    .search { position: relative; margin-left: auto; width: min(22rem, 50vw); min-width: 0; flex: 0 0 auto; }
    nav.languages ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 0.75rem; }
    nav.languages a { font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.85rem; white-space: nowrap; }
    .search input { width: 100%; padding: 0.35rem 0.6rem; border: 1px solid var(--rule); border-radius: 4px; background: var(--page); color: var(--text); font: inherit; }
    #results { position: absolute; right: 0; top: 2.2rem; width: min(34rem, 92vw); max-height: 70vh; overflow-y: auto; margin: 0; padding: 0.3rem 0;
      list-style: none; background: var(--page); border: 1px solid var(--rule); border-radius: 6px; box-shadow: 0 6px 24px rgba(0,0,0,0.18); }
    #results a { display: block; padding: 0.4rem 0.8rem; text-decoration: none; color: var(--text); }
    #results a:hover, #results a.selected { background: var(--hit); }
    #results .hit-title { display: block; font-weight: 600; color: var(--accent); }
    #results .hit-text { display: block; font-size: 0.8rem; color: var(--muted); }
    #results .none { padding: 0.4rem 0.8rem; color: var(--muted); }
    .layout { display: grid; grid-template-columns: 15rem minmax(0, 42rem) 13rem; gap: 2rem; justify-content: center; }
    nav.sidebar, aside.toc { position: sticky; top: 3.2rem; align-self: start; max-height: calc(100vh - 3.5rem); overflow-y: auto; padding: 1rem 0;
      font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.82rem; line-height: 1.4; }
    nav.sidebar ol, nav.sidebar ul, aside.toc ol { list-style: none; margin: 0; padding: 0; }
    nav.sidebar li { margin: 0.15rem 0; }
    nav.sidebar a, aside.toc a { color: var(--muted); text-decoration: none; display: block; padding: 0.2rem 0.5rem; border-radius: 4px; }
    nav.sidebar a:hover, aside.toc a:hover { color: var(--accent); }
    nav.sidebar li.current > a { color: var(--accent); background: var(--hit); font-weight: 600; }
    nav.sidebar h2, aside.toc h2 { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border: 0; margin: 1.2rem 0.5rem 0.4rem; padding: 0; }
    aside.toc li.level3 a { padding-left: 1.2rem; }
    main { min-width: 0; padding: 0 0 2rem; }
    .page-tools { margin: 1rem 0 0; text-align: right; font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.8rem; }
    .page-tools a + a { margin-left: 1em; }
    section.how-to { margin: 1rem 0; padding: 0.2rem 1rem; border: 1px solid var(--rule); border-left: 4px solid var(--rule); border-radius: 6px; }
    section.how-to h2 { margin-top: 0.6rem; font-size: 1.1rem; }
    h1, h2, h3, h4 { font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; line-height: 1.25; margin: 2rem 0 0.75rem; scroll-margin-top: 3.5rem; }
    h1 { font-size: 2rem; margin-top: 1rem; }
    h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; }
    h3 { font-size: 1.15rem; }
    a.anchor { margin-left: 0.4rem; color: var(--rule); text-decoration: none; font-weight: normal; visibility: hidden; }
    h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, a.anchor:focus { visibility: visible; color: var(--muted); }
    a { color: var(--accent); }
    code, pre { font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: 0.8rem; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
    pre { background: var(--code-bg); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
    table { border-collapse: collapse; display: block; overflow-x: auto; }
    td, th { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
    .transcript { position: relative; }
    .transcript pre { background: var(--transcript); border-left: 4px solid var(--accent); white-space: pre-wrap; overflow-wrap: anywhere; }
    .transcript .prompt { color: var(--accent); font-weight: bold; user-select: none; }
    .transcript .command { color: var(--command); font-weight: 600; }
    .transcript .output { color: var(--output); }
    .transcript .output.error { color: var(--error); }
    button.copy { position: absolute; top: 0.35rem; right: 0.35rem; z-index: 1; font: 0.7rem "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
      padding: 0.15rem 0.5rem; border: 1px solid var(--rule); border-radius: 4px; background: var(--page); color: var(--muted); cursor: pointer; opacity: 0.8; }
    button.copy:hover { opacity: 1; color: var(--accent); }
    .math.display { display: block; text-align: center; margin: 1rem 0; overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
    nav.pager { display: flex; gap: 1.5rem; justify-content: space-between; padding: 2rem 0 1rem; border-top: 1px solid var(--rule); margin-top: 2rem;
      font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.85rem; }
    nav.pager a[rel="next"] { margin-left: auto; text-align: right; }
    ul.contents { list-style: none; padding-left: 0; }
    ul.contents li { margin: 0.9rem 0; font-size: 1.05rem; }
    ul.contents .summary { margin: 0.2rem 0 0; font-size: 0.85rem; color: var(--muted); }
    ul.sheets li { margin: 0.4rem 0; }
    img, svg { max-width: 100%; height: auto; }
    .transcript pre + pre { margin-top: -0.4rem; border-top-left-radius: 0; border-top-right-radius: 0; }
    figure.plot { margin: 0.6rem 0 1rem; padding: 0.5rem; border: 1px solid var(--rule); border-radius: 6px; text-align: center; background: #fff; }
    figure.plot svg { display: block; margin: 0 auto; }
    figure.plot figcaption { font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.8rem; color: #5f6b76; }
    @media (max-width: 1200px) {
      .layout { grid-template-columns: 14rem minmax(0, 42rem); }
      aside.toc { display: none; }
    }
    @media (max-width: 820px) {
      html { font-size: 16px; }
      .layout { display: block; padding: 0 1rem; }
      button.menu { display: inline-block; }
      nav.sidebar { display: none; position: static; max-height: none; border-bottom: 1px solid var(--rule); }
      nav.sidebar.open { display: block; }
      header.top .site { flex: 1 1 0; }
      .search { width: 10rem; flex: 0 0 10rem; }
      /* A figure keeps at least 90% of its drawn size, so its labels stay legible; a wider one scrolls in its box. */
      figure.plot { overflow-x: auto; }
      figure.plot svg { min-width: calc(var(--figure-width, 0px) * 0.9); }
    }
    @media print {
      html { font-size: 11pt; }
      header.top, nav.languages, nav.sidebar, aside.toc, nav.pager, .page-tools, button.copy, a.anchor, .skip { display: none !important; }
      .layout { display: block; }
      body { background: #fff; color: #000; }
      .transcript pre, pre { background: #fff; border: 1px solid #bbb; white-space: pre-wrap; }
      main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
      h2, h3 { break-after: avoid; }
      figure.plot, .transcript pre { break-inside: avoid; }
    }

    """
}
