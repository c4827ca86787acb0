import DCMCCalendar

/// The steps a page's request passes before its page runs, written once, in their one order:
/// a repeated header (400), the customers' anonymous rate on their pages (429), the route
/// (404, 405; OPTIONS answered), the body's length on a page of the table (413), and on a
/// staff page the session (the redirect to sign in). `respond` begins with them on the whole
/// request; `screen` runs them on the line and headers alone, so a refusal they decide is the
/// same answer either way (`AdmissionTests`).
extension Pages {
  /// What `admission` decided.
  enum Admission {
    /// Answered by a step: a refusal, or OPTIONS.
    case answered(HTTPResponse)
    /// Admitted on a page of `routes`.
    case route(PageRoute<Visit>, [String: String])
    /// Admitted on a staff page with the visitor's session (`respondSignedIn`).
    case staff(StaffSession)
  }

  /// The admission of `request` at `now`, whose body has `bodyBytes` (`nil`: not told);
  /// `taking` false: the rate is only looked at, nothing taken (`screen`'s first look).
  func admission(_ request: HTTPRequest, bodyBytes: Int?, at now: Instant, taking: Bool = true) -> Admission {
    if let repeated = request.repetition {
      return .answered(Page.message(400, "Bad request", "The request gives \(repeated) more than once."))
    }
    if Self.servesCustomers(request.path), let refusal = overRate(request, at: now, taking: taking) {
      return .answered(refusal)
    }
    switch PageRoute.routing(Self.routes, request.method, request.path) {
    case .found(let route, let parameters):
      // The daemon keeps one byte over the limit of a larger body.
      if let bodyBytes, bodyBytes > Self.maximumBodyBytes { return .answered(FormPage.tooLarge) }
      return .route(route, parameters)
    case .notAllowed(let methods): return .answered(Self.notAllowed(methods.joined(separator: ", ")))
    case .options(let methods): return .answered(HTTPResponse.options(methods))
    case .notFound:
      guard Self.servesStaff(request.path) else { return .answered(Self.notFound) }
      // Which methods a staff page takes is no secret (docs/server.md): told without a session.
      guard request.method != "OPTIONS" else { return .answered(Self.staffOptions(request.path)) }
      do { return .staff(try StaffSession(request, pages: self, at: now)) } catch {
        return .answered(error.response)
      }
    }
  }
}
