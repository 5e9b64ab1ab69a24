import GoodNews
import SQLite

extension ContentRef {
    /// `<alias>.id = ?` or `<alias>.slug = ?`, for a statement that binds `bind(to:at:)` there.
    func condition(alias: String) -> String {
        switch self {
        case .id: alias + ".id = ?"
        case .slug: alias + ".slug = ?"
        }
    }

    func bind(to statement: Statement, at index: Int32) throws {
        switch self {
        case .id(let id): try statement.bind(id, at: index)
        case .slug(let slug): try statement.bind(slug, at: index)
        }
    }
}
