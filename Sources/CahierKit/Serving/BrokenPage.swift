/// The page `cahier serve` shows in place of a notebook that does not parse:
/// its diagnostics, and a word that the page reloads once the file is fixed.
public enum BrokenPage {
    /// The whole HTML document for the notebook at `path`, served at `page`.
    public static func html(path: String, page: String, diagnostics: [Diagnostic]) -> String {
        let list = diagnostics.map { HTML.escape($0.formatted) }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(page)): does not parse</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#fff4f4;border-left:4px solid #c00;padding:1rem;overflow-x:auto}</style></head>
            <body><h1>\(HTML.escape(path)) does not parse</h1>
            <pre>\(list)</pre>
            <p>Fix it and save: this page reloads itself.</p></body></html>

            """
    }
}
