import DCMCApplication
import DCMCRuntime

/// `store verify` of the attachments a case's history records, kept in `dcmc_attachments`, by
/// the rule the file store checks its copies with (`Attachment.damage(ofKept:)`): present, as
/// many bytes as the event recorded, the content the name's digest stands for. Nothing derives
/// them, so a rebuild leaves them as they are and verify says to restore them from a backup.
extension PostgresStoreCheck {
  mutating func checkAttachments(of state: CaseState, _ connection: PostgresConnection) throws(PostgresError) {
    for recorded in state.attachments {
      let kept = try connection.query(
        "SELECT bytes FROM dcmc_attachments WHERE place = $1", [.string(recorded.stored)], format: .binary
      ).bytes(0, 0)
      guard let damage = recorded.damage(ofKept: kept) else { continue }
      let line =
        "case '\(state.id)': attachment '\(recorded.stored)' in 'dcmc_attachments' \(damage); restore it from a backup"
      problems.append(line)
      unmended[line] = .byHand
    }
  }
}
