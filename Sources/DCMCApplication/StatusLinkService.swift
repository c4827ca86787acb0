import DCMCBundle
internal import DCMCText

/// The customers' status page links (SPEC section 17, `docs/server.md`, "Pages"): made for a
/// customer record (the secret shown once, only a salted hash kept, as API tokens are),
/// revoked all at once, and read back from a link's text to the cases its page shows.
///
/// Each link made is another valid link of the record (the public form makes one per case
/// created, `customer status-link` one each time) until the record's links are revoked.
public struct StatusLinkService: Sendable {
  public let links: any StatusLinkRepository
  public let cases: CaseService

  public init(links: any StatusLinkRepository, cases: CaseService) {
    self.links = links
    self.cases = cases
  }

  /// The bytes of randomness `issue` takes: 8 for the id, 16 for the salt, 32 (256 bits) for
  /// the secret. The shell draws them from the system's generator.
  public static let entropyBytes = TokenService.entropyBytes

  /// A new link to the page of customer record `customer` (following merges), as `user`, who
  /// must be in the directory; returns the link's text, `ID-SECRET`, shown once.
  public func issue(for customer: String, entropy: [UInt8], by user: String?) throws(ServiceError) -> String {
    precondition(entropy.count == Self.entropyBytes, "a status link is made of \(Self.entropyBytes) random bytes")
    let service = try cases.customerService(for: customer)
    _ = try service.acting(user)
    let record = try service.resolved(customer)
    let (id, salt) = (SHA256.hex(entropy[0..<8]), SHA256.hex(entropy[8..<24]))
    let secret = SHA256.hex(entropy[24...])
    let link = StatusLinkRecord(
      id: id, customer: record.id, salt: salt, hash: TokenService.digest(salt: salt, secret: secret),
      created: cases.clock.now(), revoked: nil)
    try ServiceError.wrap { () throws(RepositoryError) in try links.addStatusLink(link) }
    return "\(id)-\(secret)"
  }

  /// Why `url` cannot be the server's public address a link starts with (`serve --public-url`,
  /// `customer status-link --url`, the API's `url`); `nil` when it can: an `http://` or
  /// `https://` address without blanks or control characters. A link is sent to customers:
  /// `javascript:` or a line break in it would reach them as given.
  public static func publicURLProblem(_ url: String) -> String? {
    let scheme = url.hasPrefix("https://") || url.hasPrefix("http://")
    guard !scheme || url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.isControlCharacter })
    else { return nil }
    return "an http:// or https:// address without blanks is needed, not '\(UserID.printable(String(url.prefix(60))))'"
  }

  /// The address of link `issued` (`issue`'s text): the status page's path under `publicURL`
  /// (its trailing slashes dropped), or alone without one.
  public static func address(of issued: String, at publicURL: String?) -> String {
    (publicURL.map { String($0.reversed().drop { $0 == "/" }.reversed()) } ?? "") + "/status/" + issued
  }

  /// Revokes every link of customer record `customer` and of the records merged into it, as
  /// `user`; returns how many were revoked now.
  public func revoke(for customer: String, by user: String?) throws(ServiceError) -> Int {
    let service = try cases.customerService(for: customer)
    _ = try service.acting(user)
    let kept = try service.resolved(customer)
    let records = Set(try cases.records(mergedInto: kept.id) + [customer])
    let now = cases.clock.now()
    return try ServiceError.wrap { () throws(RepositoryError) in try links.revokeStatusLinks(of: records, at: now) }
  }

  /// The customer record link `text` shows, following merges; `nil` when the text is no
  /// link, an unknown one or a revoked one (the page cannot tell these apart, so nor does this).
  public func customer(ofLink text: String) throws(ServiceError) -> String? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, StoredSecret.isID(String(parts[0])), parts[1].utf8.count == 64 else { return nil }
    let record = try ServiceError.wrap { () throws(RepositoryError) in try links.statusLink(String(parts[0])) }
    guard let record, record.revoked == nil,
      TokenService.equal(TokenService.digest(salt: record.salt, secret: String(parts[1])), record.hash)
    else { return nil }
    return try cases.customerService(for: record.customer).resolved(record.customer).id
  }
}
