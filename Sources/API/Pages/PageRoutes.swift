import GoodNews
import HTTP

/// The public site: `/`, `/posts/{slug}`, `/cases/{slug}`, `/search`, `/tags/{tag}`, `/sitemap.xml`,
/// `/robots.txt`, and the 404 page for any other address a browser asks for. Server-rendered from
/// `templates/` (readable without JavaScript), and cached in the same answer cache as the JSON with the
/// same rule: an answer made from data a commit has since changed is never served.
struct PageRoutes: Feature {
    let context: AppContext

    func register(on router: inout Router) {
        let site = SitePages(context: context,
                             templates: PageTemplates.load(directory: context.assets.templates, logger: context.logger),
                             publicURL: context.configuration.publicURL.flatMap(BaseURL.canonical))
        router.get("/") { site.feed($0) }
        router.get("/posts/{slug}") { site.post($0) }
        router.get("/cases/{slug}") { site.casePage($0) }
        router.get("/search") { site.search($0) }
        router.get("/tags/{tag}") { site.tag($0) }
        router.get("/sitemap.xml") { site.sitemap($0) }
        router.get("/robots.txt") { site.robots($0) }
        // A browser (it asks for text/html) gets the site's 404 page; API clients keep problem+json.
        router.notFound = { request in
            guard !request.path.hasPrefix("/v1/"), request.headers["Accept"]?.contains("text/html") == true else {
                return Problem(status: 404, detail: "No resource at this path.").response
            }
            return site.errorPage(.notFound())
        }
    }
}
