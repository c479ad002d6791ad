extension SiteWriter {
    /// Typesets every math span the renderer emitted; the TeX is the span's text.
    static let script = """
    document.addEventListener("DOMContentLoaded", function () {
      if (typeof katex === "undefined") return;
      document.querySelectorAll(".math").forEach(function (el) {
        try {
          katex.render(el.textContent, el, {
            displayMode: el.classList.contains("display"),
            throwOnError: false
          });
        } catch (e) { el.classList.add("math-error"); }
      });
    });

    """

    /// A readable style for course notes and transcripts.
    static let styleSheet = """
    :root { --text: #1d2125; --muted: #5f6b76; --accent: #2b5fab; --code-bg: #f5f6f8; --rule: #dde1e6; }
    html { font-size: 18px; }
    body { margin: 0; color: var(--text); background: #fff;
      font-family: "Charter", "Bitstream Charter", "Georgia", "DejaVu Serif", serif; line-height: 1.6; }
    main, nav.pager { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
    main { padding-bottom: 2rem; }
    h1, h2, h3, h4 { font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1 { font-size: 2rem; margin-top: 1.5rem; }
    h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.25rem; }
    h3 { font-size: 1.15rem; }
    a { color: var(--accent); }
    code, pre { font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: 0.8rem; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 3px; }
    pre { background: var(--code-bg); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
    table { border-collapse: collapse; }
    td, th { border: 1px solid var(--rule); padding: 0.3rem 0.6rem; }
    .transcript pre { background: #f7f9fc; border-left: 4px solid var(--accent); white-space: pre-wrap; overflow-wrap: anywhere; }
    .transcript .prompt { color: var(--accent); font-weight: bold; user-select: none; }
    .transcript .command { color: #10243f; font-weight: 600; }
    .transcript .output { color: #3c4650; }
    .transcript .output.error { color: #a61b1b; }
    .math.display { display: block; text-align: center; margin: 1rem 0; overflow-x: auto; }
    nav.pager { display: flex; gap: 1.5rem; justify-content: space-between; padding-top: 1rem; padding-bottom: 1rem;
      font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.85rem; }
    ol.contents li { margin: 0.4rem 0; font-size: 1.1rem; }
    img, svg { max-width: 100%; height: auto; }
    .transcript pre + pre { margin-top: -0.4rem; border-top-left-radius: 0; border-top-right-radius: 0; }
    figure.plot { margin: 0.6rem 0 1rem; padding: 0.5rem; border: 1px solid var(--rule); border-radius: 6px; text-align: center; background: #fff; }
    figure.plot svg { display: block; margin: 0 auto; }
    figure.plot figcaption { font-family: "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; font-size: 0.8rem; color: var(--muted); }

    """
}
