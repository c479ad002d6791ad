import Ccmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A code block as cmark parsed it, with positions in the text cmark was given.
public struct CodeBlockNode: Sendable, Hashable {
    /// The kinds of container block that can hold a code block.
    public enum Container: Sendable, Hashable {
        case blockQuote
        case listItem
    }

    /// The info string after the opening fence (empty for indented blocks).
    public var info: String
    /// The content with container prefixes and fences removed.
    public var literal: String
    /// The first line (the opening fence for a fenced block), 1-based.
    public var startLine: Int
    /// The byte column of the first character of the block (the fence), 1-based.
    public var startColumn: Int
    /// The last line cmark assigns to the block, 1-based.
    public var endLine: Int
    /// The enclosing containers, outermost first.
    public var containers: [Container]
}

/// Raw HTML as cmark parsed it: an HTML block or an inline piece of HTML,
/// where it starts in the text cmark was given, and its text.
///
/// Only the start is given: cmark 0.30 reports wrong ends for HTML blocks and
/// for inline HTML over several lines. The text of a block is its lines, each
/// after its container prefix, each ended by a newline; that of an inline
/// piece is the HTML from its start, its later lines without their container
/// prefix and leading spaces.
public struct HTMLNode: Sendable, Hashable {
    public var isBlock: Bool
    /// The first line, 1-based.
    public var startLine: Int
    /// The byte column of its first byte (for a block, of the first byte after
    /// its indentation), 1-based.
    public var startColumn: Int
    public var literal: String
}

/// What one parse of a document gives.
public struct ParsedDocument: Sendable {
    /// Every code block, in document order.
    public var codeBlocks: [CodeBlockNode]
    /// The plain text of the first heading, if there is one.
    public var firstHeading: String?
    /// The document as HTML, when asked for.
    public var html: String?
}

/// The one place that talks to cmark. It owns every cmark pointer, frees it
/// before returning, and hands out Swift values only.
public enum CommonMark {
    /// How to render HTML in the same parse: safe mode unless `unsafe`; each
    /// code block for which `replacement(ordinal, node)` returns HTML is
    /// replaced by that HTML, emitted verbatim (the caller escapes it).
    public struct HTMLRendering {
        public var unsafe: Bool
        public var replacement: (_ ordinal: Int, CodeBlockNode) -> String?

        public init(unsafe: Bool, replacement: @escaping (_ ordinal: Int, CodeBlockNode) -> String?) {
            self.unsafe = unsafe
            self.replacement = replacement
        }
    }

    /// Parses `text` once: its code blocks, its first heading and, with `html`, its HTML.
    public static func parse(_ text: [UInt8], html rendering: HTMLRendering? = nil) -> ParsedDocument {
        let options = CMARK_OPT_SOURCEPOS | (rendering?.unsafe == true ? CMARK_OPT_UNSAFE : 0)
        return withDocument(text, options: options, empty: ParsedDocument(codeBlocks: [], firstHeading: nil, html: rendering == nil ? nil : "")) { root in
            let pointers = codeBlockPointers(under: root)
            let nodes = pointers.map(node)
            var document = ParsedDocument(codeBlocks: nodes, firstHeading: firstHeading(under: root), html: nil)
            guard let rendering else { return document }
            for (ordinal, pointer) in pointers.enumerated() {
                guard let html = rendering.replacement(ordinal, nodes[ordinal]) else { continue }
                guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, cahier_arena_mem()) else { continue }
                cmark_node_set_on_enter(custom, html)
                cmark_node_insert_before(pointer, custom)
                cmark_node_unlink(pointer)
            }
            // The HTML is allocated from the document's arena, released after this.
            if let rendered = cmark_render_html(root, options & ~CMARK_OPT_SOURCEPOS) {
                document.html = String(cString: rendered)
            } else {
                document.html = ""
            }
            return document
        }
    }

    /// Every HTML block and inline piece of HTML in `text`, in document order.
    public static func htmlNodes(_ text: [UInt8]) -> [HTMLNode] {
        withDocument(text, options: CMARK_OPT_SOURCEPOS, empty: []) { root in
            guard let iterator = cmark_iter_new(root) else { return [] }
            defer { cmark_iter_free(iterator) }
            var found: [HTMLNode] = []
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(current)
                guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
                found.append(HTMLNode(isBlock: type == CMARK_NODE_HTML_BLOCK, startLine: Int(cmark_node_get_start_line(current)),
                                      startColumn: Int(cmark_node_get_start_column(current)), literal: string(cmark_node_get_literal(current))))
            }
            return found
        }
    }

    /// The plain text of the first heading below `root`.
    private static func firstHeading(under root: OpaquePointer) -> String? {
        // Headings are children of the document or of containers; only those are walked.
        var stack: [OpaquePointer] = [root]
        while let node = stack.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING { return plainText(of: node) }
            var children: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                switch cmark_node_get_type(current) {
                case CMARK_NODE_HEADING, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM: children.append(current)
                default: break
                }
                child = cmark_node_next(current)
            }
            stack.append(contentsOf: children.reversed())
        }
        return nil
    }

    /// The text and code spans inside a node, concatenated.
    private static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { text += string(cmark_node_get_literal(current)) }
        }
        return text
    }

    /// Parses `text` and hands the document to `body`, then frees it. Every
    /// node and buffer of the parse comes from this thread's arena
    /// (`cahier_arena_mem` in the Ccmark shim), released at once at the end:
    /// cmark's one allocation per inline, freed one by one, was a third of
    /// checking a large notebook. cmark aborts when it cannot allocate; should
    /// it ever return no document, the text is taken as empty (`empty`).
    private static func withDocument<T>(_ text: [UInt8], options: Int32, empty: T, _ body: (OpaquePointer) -> T) -> T {
        defer { cahier_arena_release() }
        guard let parser = cmark_parser_new_with_mem(options, cahier_arena_mem()) else { return empty }
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return }
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
        }
        let root = cmark_parser_finish(parser)
        guard let root else { return empty }
        return body(root)
    }

    /// The code blocks below `root`, in document order. Only container blocks
    /// are descended into: code blocks never sit inside inline content, and
    /// skipping the inline nodes makes this walk a small part of a large file's cost.
    private static func codeBlockPointers(under root: OpaquePointer) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var stack: [OpaquePointer] = [root]
        while let node = stack.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK {
                found.append(node)
                continue
            }
            var children: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                switch cmark_node_get_type(current) {
                case CMARK_NODE_CODE_BLOCK, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
                    children.append(current)
                default:
                    break
                }
                child = cmark_node_next(current)
            }
            stack.append(contentsOf: children.reversed())
        }
        return found
    }

    private static func node(_ pointer: OpaquePointer) -> CodeBlockNode {
        var containers: [CodeBlockNode.Container] = []
        var parent = cmark_node_parent(pointer)
        while let current = parent {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_BLOCK_QUOTE: containers.insert(.blockQuote, at: 0)
            case CMARK_NODE_ITEM: containers.insert(.listItem, at: 0)
            default: break
            }
            parent = cmark_node_parent(current)
        }
        return CodeBlockNode(
            info: string(cmark_node_get_fence_info(pointer)),
            literal: string(cmark_node_get_literal(pointer)),
            startLine: Int(cmark_node_get_start_line(pointer)),
            startColumn: Int(cmark_node_get_start_column(pointer)),
            endLine: Int(cmark_node_get_end_line(pointer)),
            containers: containers
        )
    }

    /// cmark's getters return NULL on nodes without text.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
