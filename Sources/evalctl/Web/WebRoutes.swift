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

    /// The route's `:id`, when it is a positive number.
    static func identifier(_ context: some RequestContext) -> Int64? {
        context.parameters.get("id").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
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
            Self.serve(request) {
                guard let id = Self.identifier(context) else {
                    return .problem(.badRequest, "'\(context.parameters.get("id")?.prefix(40) ?? "")' is not an alert id (a positive number)")
                }
                return try AlertPage.page(store: store, id: id)
            }
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
            Self.serve(request) {
                guard let id = Self.identifier(context) else {
                    return .problem(.badRequest, "'\(context.parameters.get("id")?.prefix(40) ?? "")' is not a sample id (a positive number)")
                }
                return try SamplePage.page(store: store, id: id)
            }
        }
        router.get("**") { request, _ in
            WebPage.problem(.notFound, "nothing is at \(request.uri.path.prefix(200))").response(for: request)
        }
    }
}
