import GoodNews

/// The columns of a post as both engines select them (`SQLitePostStore.Column.list`,
/// `PostgreSQLPostStore.Column.list` write the SQL in this order), and the post read from them.
public enum PostColumn: Int32 {
    case id, slug, title, summary, body, status, publishedAt, imageURL, imageCaption, createdAt, updatedAt
    case tags, cases, bodyHTML

    public static func post(_ row: some ColumnReader) -> Post {
        let image = row.isNull(imageURL.rawValue)
            ? nil : PostImage(url: row.string(imageURL.rawValue), caption: row.optionalString(imageCaption.rawValue))
        return Post(id: row.int64(id.rawValue), slug: row.string(slug.rawValue), title: row.string(title.rawValue),
                    summary: row.string(summary.rawValue), body: row.string(body.rawValue),
                    bodyHTML: row.optionalString(bodyHTML.rawValue) ?? "",
                    status: PostStatus(rawValue: row.string(status.rawValue)) ?? .draft,
                    publishedAt: row.optionalInt64(publishedAt.rawValue), image: image, tags: row.list(tags.rawValue),
                    cases: row.list(cases.rawValue), createdAt: row.int64(createdAt.rawValue),
                    updatedAt: row.int64(updatedAt.rawValue))
    }
}

/// The columns of a case (tally and its kinds included), and the case read from them.
public enum CaseColumn: Int32 {
    case id, slug, name, country, summary, description, status, outcome, campaign, actionGoal, createdAt
    case updatedAt, tags, tallyTotal, tallyByKind, descriptionHTML

    public static func `case`(_ row: some ColumnReader) -> Case {
        Case(id: row.int64(id.rawValue), slug: row.string(slug.rawValue), name: row.string(name.rawValue),
             country: row.string(country.rawValue), summary: row.string(summary.rawValue),
             description: row.string(description.rawValue),
             descriptionHTML: row.optionalString(descriptionHTML.rawValue) ?? "",
             status: CaseStatus(rawValue: row.string(status.rawValue)) ?? .active,
             outcome: row.optionalString(outcome.rawValue), campaign: row.optionalString(campaign.rawValue),
             tags: row.list(tags.rawValue), actionGoal: row.optionalInt64(actionGoal.rawValue),
             tallyTotal: row.int64(tallyTotal.rawValue),
             tallyByKind: row.keyedTotals(tallyByKind.rawValue).map { Case.KindTotal(kind: $0.0, total: $0.1) },
             createdAt: row.int64(createdAt.rawValue), updatedAt: row.int64(updatedAt.rawValue))
    }
}

/// The columns of an Atom feed entry, and the entry read from them.
public enum FeedColumn: Int32 {
    case id, slug, title, summary, body, publishedAt, createdAt, updatedAt, tags

    public static func entry(_ row: some ColumnReader) -> FeedEntry {
        FeedEntry(id: row.int64(id.rawValue), slug: row.string(slug.rawValue), title: row.string(title.rawValue),
                  summary: row.string(summary.rawValue), body: row.string(body.rawValue),
                  publishedAt: row.int64(publishedAt.rawValue), createdAt: row.int64(createdAt.rawValue),
                  updatedAt: row.int64(updatedAt.rawValue), tags: row.list(tags.rawValue))
    }
}
