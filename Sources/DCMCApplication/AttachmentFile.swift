import DCMCBundle

/// The name an attachment's copy is kept under in its case: its number in the case, the first
/// 16 hex digits of the SHA-256 of its bytes, and the name it was given (`3-1f0c...-scan.pdf`).
///
/// A name stands for one content only, so writing it again (a retry, or another attachment
/// of the same name decided on the same state) never replaces a recorded copy with other
/// bytes: two `case attach` of files named alike at the same moment keep two copies, and the
/// one whose event lost the race is an unrecorded copy.
public struct AttachmentFile: Sendable, Equatable {
  public let name: String

  /// `name` is an id a user gave (`UserID`); `number` the attachment's number in its case.
  public init(number: Int, name: String, bytes: [UInt8]) {
    self.name = "\(number)-\(SHA256.hexDigest(of: bytes).prefix(16))-\(name)"
  }
}
