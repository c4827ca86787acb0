/// Where a request's method and path lead in a table of routes: the API's (`APIRoutes`) and
/// the pages' (`PageRoute`) are routed the same way, so a 405's `Allow` is always computed
/// from the table, never written by hand. A template's `{name}` matches one non-empty path
/// segment; any other segment matches itself.
enum Routing<Entry> {
  /// The first entry whose template and method match, with the path's parameters.
  case found(Entry, [String: String])
  /// Templates match the path, none with the request's method: the methods that do, in the
  /// table's order, each once (the 405's `Allow`).
  case notAllowed([String])
  /// No template matches the path.
  case notFound

  init(_ table: [Entry], method: String, path: String, by key: (Entry) -> (method: String, template: String)) {
    var allowed: [String] = []
    for entry in table {
      let (entryMethod, template) = key(entry)
      guard let parameters = Self.match(template, path) else { continue }
      if entryMethod == method {
        self = .found(entry, parameters)
        return
      }
      if !allowed.contains(entryMethod) { allowed.append(entryMethod) }
    }
    self = allowed.isEmpty ? .notFound : .notAllowed(allowed)
  }

  /// The path parameters when `path` matches `template`; `nil` when it does not.
  static func match(_ template: String, _ path: String) -> [String: String]? {
    let patterns = template.split(separator: "/", omittingEmptySubsequences: false)
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    guard patterns.count == segments.count else { return nil }
    var parameters: [String: String] = [:]
    for (pattern, segment) in zip(patterns, segments) {
      if pattern.hasPrefix("{") {
        guard !segment.isEmpty else { return nil }
        parameters[String(pattern.dropFirst().dropLast())] = String(segment)
      } else if pattern != segment {
        return nil
      }
    }
    return parameters
  }
}

/// One route of the pages: a method, a path template (`/desk/cases/{id}`) and the handler
/// that answers it in `Context` (the desk's, the supervisor's). A table of them routes a
/// request and computes a 405's `Allow` (`respond`), as `APIRoutes` does for the API.
struct PageRoute<Context>: Sendable {
  var method: String
  var template: String
  var handle: @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse

  static func get(
    _ template: String, _ handle: @escaping @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse
  ) -> PageRoute {
    PageRoute(method: "GET", template: template, handle: handle)
  }

  static func post(
    _ template: String, _ handle: @escaping @Sendable (Context, HTTPRequest, [String: String]) -> HTTPResponse
  ) -> PageRoute {
    PageRoute(method: "POST", template: template, handle: handle)
  }

  /// The answer of `table`'s route for `request` in `context`: its handler's, else 405 with
  /// the methods the path has, else 404.
  static func respond(_ table: [PageRoute], _ request: HTTPRequest, in context: Context) -> HTTPResponse {
    switch Routing(table, method: request.method, path: request.path, by: { ($0.method, $0.template) }) {
    case .found(let route, let parameters): route.handle(context, request, parameters)
    case .notAllowed(let methods): Pages.notAllowed(methods.joined(separator: ", "))
    case .notFound: Pages.notFound
    }
  }
}
