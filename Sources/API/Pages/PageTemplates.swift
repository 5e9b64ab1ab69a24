import Foundation
import Log
import Mustache

/// The site's pages as Mustache templates (`templates/*.mustache`), read once at start, so a designer
/// changes the markup without touching Swift: a page template includes `{{> head}}` and `{{> foot}}`,
/// lists include `{{> post-card}}`. `{{x}}` is HTML-escaped; only HTML the server made safe
/// (`body_html`, `description_html`, search snippets) is inserted raw, with `{{{x}}}`.
struct PageTemplates: Sendable {
    let library: MustacheLibrary
    /// Template names found, for the log and for tests.
    let names: [String]

    /// Loads every `*.mustache` file in `directory`; a missing folder or a broken template is logged,
    /// and the pages that need it answer 500 rather than the server refusing to start.
    static func load(directory: String, logger: Logger) -> PageTemplates {
        var library = MustacheLibrary()
        var names: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if files.isEmpty { logger.warn("pages: no templates in \(directory)") }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            do {
                try library.register(String(decoding: data, as: UTF8.self), named: name)
                names.append(name)
            } catch {
                logger.error("pages: template \(file) cannot be parsed: \(error)")
            }
        }
        return PageTemplates(library: library, names: names)
    }

    /// The page `name` filled from `view`, or nil when there is no such template.
    func render(_ name: String, _ view: [String: Any]) -> [UInt8]? {
        guard let text = library.render(view, withTemplate: name) else { return nil }
        return Array(text.utf8)
    }
}
