public import DCMCCalendar

/// What a request's line and headers alone decide, before its body is read: a client that
/// sent `Expect: 100-continue` waits for `100 Continue` before it sends the body, and a
/// refusal queued instead (`HTTPDaemon`'s access handler, on its first call) spares it the
/// upload. Each screen refuses as the whole request would be refused, in the same order, and
/// changes nothing when it lets a request through: the request is then answered in full
/// (`respond`), which decides everything again.
extension API {
  /// The answer refusing `request` on its headers at `now` (a repeated header, no route, a
  /// method the path does not take, a token that does not act, a `Content-Length` over the
  /// limit); `nil` when its body is due.
  public func screen(_ request: HTTPRequest, at now: Instant) -> Answer? {
    do throws(Problem) {
      if let repeated = request.repetition { throw Self.repeated(repeated) }
      // OPTIONS is answered in full: it reads no body.
      guard case .route(let route, _) = try APIRoutes.route(request.method, request.path) else { return nil }
      if route.right == .user {
        // As `respond` authenticates: refused within the address's rate; the token's own
        // bucket is taken by the request in full, once.
        let token = try bearer(request, at: now)
        let versions = try readVersions()
        do throws(Problem) { _ = try authenticate(token, at: now, versions: versions) } catch {
          try admit(request.remoteAddress, by: perAddress, at: now)
          throw error
        }
      }
      if let length = request.declaredLength, length > Self.maximumBodyBytes { throw Self.tooLarge }
      return nil
    } catch {
      return Answer(response: error.response, user: nil)
    }
  }
}

extension Pages {
  /// The answer refusing a page's `request` on its headers at `now` (a repeated header, no
  /// page, a method the page does not take, a staff page without a session, a form whose
  /// `Content-Length` is over the limit); `nil` when its body is due.
  public func screen(_ request: HTTPRequest, at now: Instant) -> API.Answer? {
    if request.repetition != nil || request.method == "OPTIONS" { return answer(to: request, at: now) }
    switch PageRoute.routing(Self.routes, request.method, request.path) {
    case .found:
      guard let length = request.declaredLength, length > Self.maximumBodyBytes else { return nil }
      return API.Answer(response: FormPage.tooLarge, user: nil)
    case .notAllowed, .options: return answer(to: request, at: now)
    case .notFound:
      guard Self.servesStaff(request.path) else { return answer(to: request, at: now) }
      do { _ = try StaffSession(request, pages: self, at: now) } catch {
        return API.Answer(response: error.response, user: nil)
      }
      return nil
    }
  }
}

extension HTTPRequest {
  /// The body's length its `Content-Length` header gives; `nil` without one (or a chunked body).
  var declaredLength: Int? { headers["content-length"].flatMap { Int($0) } }
}
