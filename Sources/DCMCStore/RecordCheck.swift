import DCMCApplication
import DCMCJSON

/// The checksum an API token's record (in `tokens.json`) and a status link's record (under
/// `status-links/`) carry since 7 December 2026 (audit36 M4): member `check`,
/// `crc32c:` and 8 lowercase hex digits, the CRC-32C of the record's other members as one
/// compact JSON object, members sorted by name. It covers every member (the user a token acts
/// as, the customer a link shows, the hash, the times), so a record edited by hand or damaged
/// on the disk reads as damage rather than as another owner's record. A CRC is no signature:
/// it finds an edit or damage, not someone who recomputes it on purpose.
enum RecordCheck {
  static let member = "check"

  /// A record as read back: checked, written before records carried a checksum (no `check`
  /// member: accepted, and `store rebuild` writes it again with one), or not holding its
  /// checksum. `checked` and `unchecked` carry the record without its `check` member.
  enum Read {
    case checked(JSONValue)
    case unchecked(JSONValue)
    case broken
  }

  /// `record` (an object) with its `check` member (written in the canonical form, `compact()`,
  /// which sorts the members by name).
  static func sealed(_ record: JSONValue) -> JSONValue {
    guard case .object(let members) = record else { return record }
    let kept = members.filter { $0.key != member }
    return .object(kept + [(key: member, value: JSONValue.string(text(of: kept)))])
  }

  /// `value` read as a record that may carry a checksum; `broken` when its `check` member is
  /// not the checksum of its other members (or not text).
  static func read(_ value: JSONValue) -> Read {
    guard case .object(let members) = value else { return .unchecked(value) }
    guard let check = members.first(where: { $0.key == member })?.value else { return .unchecked(value) }
    let kept = members.filter { $0.key != member }
    guard case .string(let text) = check, text == Self.text(of: kept) else {
      return .broken
    }
    return .checked(.object(kept))
  }

  /// ` (KIND 'ID')` when `record` has an `id` member of text (its first 16 characters), for a
  /// message naming a broken record; else nothing.
  static func naming(_ record: JSONValue, as kind: String) -> String {
    guard case .object(let members) = record, case .string(let id)? = members.first(where: { $0.key == "id" })?.value
    else { return "" }
    return " (\(kind) '\(id.prefix(16))')"
  }

  /// `crc32c:` and the CRC-32C of `members` as one object in the canonical form (members
  /// sorted by name, whatever their order here), in 8 hex digits.
  private static func text(of members: [(key: String, value: JSONValue)]) -> String {
    "crc32c:" + String(decoding: HistoryRecord.hex(CRC32C.checksum(JSONValue.object(members).compact())), as: UTF8.self)
  }
}

extension RecordCheck {
  /// How verify and rebuild name `count` records written without a checksum.
  static func unchecked(_ count: Int) -> String {
    "\(count) record\(count == 1 ? "" : "s") written before records carried a checksum (before 7 December 2026)"
  }
}
