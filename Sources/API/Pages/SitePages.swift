import GoodNews
import HTTP

/// Each page: what it reads, the view it fills, how it is cached. Keys start with `page`, and name the
/// base URL when the page carries absolute links (canonical URL, Open Graph).
struct SitePages: Sendable {
    let context: AppContext
    let templates: PageTemplates
    /// `GOODNEWS_PUBLIC_URL`, checked once (nil: links are built from each request, see `BaseURL`).
    let publicURL: String?
    /// Stories on the feed, a tag's page and a case's page.
    static let pageSize = 10

    var posts: PostService { PostService(storage: context.storage) }

    // MARK: pages

    func feed(_ request: Request) -> Reply {
        let cursor = request.query.first { $0.name == "cursor" }?.value
        let key = CacheKey.make("page-feed", [cursor ?? ""])
        return cached(key, [.content, .tallies]) { now in
            let page = try listPage(cursor: cursor, filter: nil, now: now)
            let stats = try TallyService(storage: context.storage).siteStats(now: now)
            var view = base(title: "Good News", description: "Good news from human-rights campaigns: people "
                            + "freed, cases won, supporters heard.")
            view["heading"] = cursor == nil ? "Latest good news" : "More good news"
            view["stats"] = ["actions": PageViews.large(stats.actionsTotal), "posts": PageViews.count(stats.postsPublished),
                             "resolved": PageViews.count(stats.casesResolved), "active": PageViews.count(stats.casesActive)]
            view["posts"] = page.page.items.map(PageViews.post)
            if let next = page.page.nextCursor { view["next"] = "/?cursor=" + PagePaths.escapeSegment(next) }
            return (try render("feed", view), min(page.expiresAt, stats.nextPublication ?? .max))
        }
    }

    func tag(_ request: Request) -> Reply {
        let tag = request.parameters["tag"] ?? ""
        let cursor = request.query.first { $0.name == "cursor" }?.value
        // A tag no post could carry (too long, control characters) has no stories: the 404 page, not a 400.
        guard (1...FieldRules.maxTagLength).contains(tag.count), FieldRules.controlIssue(tag, .short) == nil else {
            return .now(errorPage(.notFound("No story is tagged “\(tag)”.")))
        }
        let key = CacheKey.make("page-tag", [tag, cursor ?? ""])
        return cached(key, .content) { now in
            let page = try listPage(cursor: cursor, filter: ("tag", tag), now: now)
            guard !page.page.items.isEmpty || cursor != nil else {
                throw PageError.notFound("No story is tagged “\(tag)”.")
            }
            var view = base(title: "Stories tagged “\(tag)” · Good News", description: "Good news tagged \(tag).")
            view["heading"] = "Stories tagged “\(tag)”"
            view["posts"] = page.page.items.map(PageViews.post)
            if let next = page.page.nextCursor {
                view["next"] = "/tags/" + PagePaths.escapeSegment(tag) + "?cursor=" + PagePaths.escapeSegment(next)
            }
            return (try render("feed", view), page.expiresAt)
        }
    }

    func post(_ request: Request) -> Reply {
        let slug = request.parameters["slug"] ?? ""
        let baseURL = self.baseURL(request)
        let key = CacheKey.make("page-post", [baseURL, slug])
        return cached(key, .content) { now in
            guard let ref = ContentRef(checking: slug) else { throw PageError.notFound() }
            let (post, cases) = try context.storage.read { tx -> (Post?, [Case]) in
                guard let post = try tx.posts.post(ref, publicAt: now) else { return (nil, []) }
                return (post, try post.cases.compactMap { try tx.cases.case(ContentRef($0)) })
            }
            guard let post else { throw PageError.notFound("There is no story at this address.") }
            let url = baseURL + "/posts/" + post.slug
            var view = base(title: post.title + " · Good News", description: post.summary)
            view["canonical"] = url
            view["og"] = openGraph(type: "article", title: post.title, description: post.summary, url: url,
                                   image: post.image)
            view["post"] = PageViews.post(post)
            if !cases.isEmpty {
                view["has_cases"] = true
                view["cases"] = cases.map { ["slug": $0.slug, "name": $0.name, "status": $0.status.rawValue,
                                             "status_label": PageViews.statusLabel($0.status)] }
            }
            // A public post stays public until a write, which empties the cache: no expiry.
            return (try render("post", view), .max)
        }
    }

    func casePage(_ request: Request) -> Reply {
        let slug = request.parameters["slug"] ?? ""
        let baseURL = self.baseURL(request)
        let key = CacheKey.make("page-case", [baseURL, slug])
        return cached(key, [.content, .tallies]) { now in
            guard let ref = ContentRef(checking: slug) else { throw PageError.notFound() }
            let found = try context.storage.snapshot { tx -> (Case, CaseTally)? in
                guard let item = try tx.cases.case(ref) else { return nil }
                return (item, try tx.actions.tally(caseID: item.id))
            }
            guard let (item, tally) = found else { throw PageError.notFound("There is no case at this address.") }
            let related = try listPage(cursor: nil, filter: ("case", item.slug), now: now)
            let url = baseURL + "/cases/" + item.slug
            var view = base(title: item.name + " · Good News", description: item.summary)
            view["canonical"] = url
            view["og"] = openGraph(type: "website", title: item.name, description: item.summary, url: url, image: nil)
            view["script"] = "/assets/case.js"
            view["case"] = PageViews.case(item)
            view["tally"] = PageViews.tally(tally, goal: item.actionGoal)
            if !related.page.items.isEmpty {
                view["has_posts"] = true
                view["posts"] = related.page.items.map(PageViews.post)
            }
            return (try render("case", view), related.expiresAt)
        }
    }

    func search(_ request: Request) -> Reply {
        let text = request.query.first { $0.name == "q" }?.value ?? ""
        guard text.contains(where: { $0 != " " && $0 != "\t" }) else {
            return .later {
                var view = base(title: "Search · Good News", description: "Search the good news.")
                view["heading"] = "Search"
                guard let body = templates.render("search", view) else { return missingTemplate() }
                return PageResponse.page(body, etag: nil)
            }
        }
        let key = CacheKey.make("page-search", [text])
        return cached(key, .content) { now in
            let query: SearchQuery
            do {
                query = try SearchQuery(text)
            } catch let error as SearchQueryError {
                throw PageError(status: 400, heading: "Search", message: "That search cannot be run: \(error.message).")
            }
            let (hits, expiresAt) = try SearchService(storage: context.storage)
                .search(query, kind: nil, limit: ListParameters.defaultLimit, now: now)
            var view = base(title: "“\(text)” · Search · Good News", description: "Search results for \(text).")
            view["search_value"] = text
            view["heading"] = hits.isEmpty ? "No results for “\(text)”" : "Results for “\(text)”"
            view["has_query"] = true
            view["query"] = text
            if !hits.isEmpty { view["has_results"] = true; view["results"] = hits.map(PageViews.hit) }
            return (try render("search", view), expiresAt)
        }
    }

    // MARK: shared

    /// A public list page of posts, optionally filtered (`tag`, `case`), from a cursor; a bad cursor is a 400 page.
    func listPage(cursor: String?, filter: (String, String)?, now: Int64) throws
        -> (page: ListPage<Post>, expiresAt: Int64) {
        var items: [(name: String, value: String)] = [("limit", String(Self.pageSize))]
        if let cursor { items.append(("cursor", cursor)) }
        if let filter { items.append(filter) }
        let query: PostListQuery
        do {
            query = try PostListQuery(items)
        } catch {
            throw PageError(status: 400, heading: "This link is broken",
                            message: "The address asks for a page of stories that cannot be found. Start again from the first page.")
        }
        return try posts.page(query, scope: .publicFeed, now: now)
    }

    func base(title: String, description: String) -> [String: Any] {
        ["page_title": title, "meta_description": description]
    }

    func openGraph(type: String, title: String, description: String, url: String, image: PostImage?) -> [String: Any] {
        var og: [String: Any] = ["type": type, "title": title, "description": description, "url": url]
        if let image = PageViews.image(image, title: title) { og["image"] = image }
        return og
    }

    func baseURL(_ request: Request) -> String {
        BaseURL.of(request, trustProxy: context.configuration.trustProxy, publicURL: publicURL)
    }

    func render(_ template: String, _ view: [String: Any]) throws -> [UInt8] {
        guard let body = templates.render(template, view) else { throw PageError.missingTemplate(template) }
        return body
    }

    /// Answers from the cache, or makes the page (a `PageError` becomes that error's page, uncached).
    func cached(_ key: String, _ dependencies: AnswerCache.Dependencies,
                _ make: @escaping @Sendable (Int64) throws -> (body: [UInt8], expiresAt: Int64)) -> Reply {
        let cache = context.cache
        if let hit = cache.lookup(key, now: context.clock.seconds) { return .now(PageResponse.page(hit.body, etag: hit.etag)) }
        return .later {
            let stamp = cache.stamp()
            do {
                let (body, expiresAt) = try make(context.clock.seconds)
                let answer = cache.store(key, body: body, dependencies: dependencies, stamp: stamp, expiresAt: expiresAt)
                return PageResponse.page(answer.body, etag: answer.etag)
            } catch let error as PageError {
                return errorPage(error)
            }
        }
    }

    func errorPage(_ error: PageError) -> Response {
        var view = base(title: error.heading + " · Good News", description: error.message)
        view["heading"] = error.heading
        view["message"] = error.message
        guard let body = templates.render("error", view) else { return missingTemplate() }
        return PageResponse.page(body, etag: nil, status: error.status)
    }

    func missingTemplate() -> Response {
        Problem(status: 500, detail: "the site's templates are not installed (templates/)").response
    }
}

extension PageError {
    static func missingTemplate(_ name: String) -> PageError {
        PageError(status: 500, heading: "This page cannot be shown", message: "Its template (\(name)) is missing.")
    }
}
