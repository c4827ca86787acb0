import DCMCApplication
import DCMCJSON

/// The format of `customers/heads/<id>.json`: how far customer `id`'s history went
/// (`HistoryChain`), written after each append to it, under the same lock (`docs/store.md`,
/// "How far a history went"). One line `{"chain":"crc32c:…","sequence":N}`, the state cache's
/// `history` member, then the line `{"crc32c":"xxxxxxxx"}` with the CRC-32C of the first, as in a
/// state cache: the head is rewritten in place, unflushed, and a crash can leave it torn.
///
/// A head is evidence, as a state cache is: it is written only after the events it counts were
/// flushed, so a history shorter than its head, or other than the one it counted, lost or
/// changed acknowledged events; a head missing, torn or counting fewer events is behind (a
/// store made before heads, a crash between the append and the head), which loses nothing.
enum CustomerHead {
  static func encode(_ chain: HistoryChain) -> [UInt8] {
    let line = StateCache.historyJSON(chain).compact()
    return line + [10] + StateCache.checksumLine(of: line)
  }

  /// The chain a whole head records; `nil` when it is torn, mixed or not a head.
  static func read(_ bytes: [UInt8]) -> HistoryChain? { StateCache.chain(StateCache.stateLine(bytes)) }

  /// A head as read from the store.
  enum Found: Equatable {
    case absent
    /// Torn, not a head, or not a regular file.
    case unreadable
    case chain(HistoryChain)
  }
}

/// A customer record whose history lost or changed events its head recorded (`CustomerHead`):
/// a change to it is refused, so that its append does not bury the evidence; `store verify`
/// names it and `store rebuild --accept-loss` rebuilds it from what its history holds.
struct CustomerHistoryDamage: Error, Sendable, CustomStringConvertible {
  var id: String
  var problem: String

  var description: String {
    "customer '\(id)': \(problem) ('dcmc store verify' names it; 'dcmc store rebuild --accept-loss' "
      + "rebuilds it from what its history holds)"
  }
}
