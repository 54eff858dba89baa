import EvalCore
import EvalStore
import Foundation
import Hummingbird

/// The routes of `evalctl serve`: the pages of the live UI beside `/metrics` and `/healthz`.
///
/// Every route only reads the store; an unknown path or id is a 404 page, a bad query value a 400 page,
/// a store that fails a 500 page naming the error, never a crash.
enum WebRoutes {
    /// A page, or the 500 page when the store fails.
    static func serve(_ request: Request, _ page: () throws -> WebPage) -> Response {
        do {
            return try page().response(for: request)
        } catch {
            return WebPage.problem(.internalServerError, "the store could not be read: \(StoreError.classifying(error) ?? error)").response(
                for: request)
        }
    }

    /// A page of one record named by the route's `:id`: a 400 page when the id is not a positive number.
    static func serve(_ request: Request, id context: some RequestContext, of kind: String, _ page: (Int64) throws -> WebPage) -> Response {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            return WebPage.problem(.badRequest, "'\(text.prefix(40))' is not \(kind) id (a positive number)").response(for: request)
        }
        return serve(request) { try page(id) }
    }

    static func add(to router: Router<some RequestContext>, store: ResultStore, policy: DecisionPolicy) {
        router.get("/") { request, _ in Self.serve(request) { try OverviewPage.page(store: store) } }
        router.get("/platforms/:name") { request, context in
            // Path parameters arrive percent-encoded.
            let name = context.parameters.get("name").map { $0.removingPercentEncoding ?? $0 } ?? ""
            return Self.serve(request) { try PlatformPage.page(store: store, platform: name) }
        }
        router.get("/alerts") { request, _ in
            Self.serve(request) {
                try AlertsPage.page(
                    store: store, platform: request.uri.queryParameters["platform"].map(String.init),
                    status: request.uri.queryParameters["status"].map(String.init))
            }
        }
        router.get("/alerts/:id") { request, context in
            Self.serve(request, id: context, of: "an alert") { try AlertPage.page(store: store, id: $0) }
        }
        router.get("/compare") { request, _ in
            Self.serve(request) {
                let query = request.uri.queryParameters
                let a = query["a"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
                let b = query["b"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
                return try ComparePage.page(store: store, a: a, b: b, policy: policy)
            }
        }
        router.get("/samples/:id") { request, context in
            Self.serve(request, id: context, of: "a sample") { try SamplePage.page(store: store, id: $0) }
        }
        router.get("**") { request, _ in
            WebPage.problem(.notFound, "nothing is at \(request.uri.path.prefix(200))").response(for: request)
        }
    }
}
