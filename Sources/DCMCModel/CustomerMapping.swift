public import DCMCDiagnostics

/// A case type's `customer:` mapping (SPEC section 14): the case fields that identify the
/// customer (`email`, `phone`) and fill a new customer's record (`name` too). The linker
/// checks that each names a field of the case type with a fitting type (`CustomerMappingRule`).
public struct CustomerMapping: Sendable {
  /// The mapping's keys that were written, in the order written, each with its field id.
  public var entries: [Entry]
  /// Where the mapping is written, for a problem with the whole of it.
  public var range: SourceRange

  public struct Entry: Sendable {
    /// `name`, `email` or `phone`.
    public var key: String
    public var field: Located<String>

    public init(key: String, field: Located<String>) {
      self.key = key
      self.field = field
    }
  }

  public init(entries: [Entry], range: SourceRange) {
    self.entries = entries
    self.range = range
  }

  /// The field id given for `key`, if written.
  public func field(for key: String) -> String? { entries.first { $0.key == key }?.field.value }
}

/// One override of `customer_status:` (or one entry of `customer_next_step:`): a case status
/// or resolution and the words the customer reads for it.
public struct CustomerStatusOverride: Sendable {
  /// `open`, `in_progress`, `pending`, `escalated`, `closed`, `cancelled` or a resolution.
  public var status: Located<String>
  public var words: Located<String>

  public init(status: Located<String>, words: Located<String>) {
    self.status = status
    self.words = words
  }
}
