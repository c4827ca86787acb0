public import DCMCRuntime

extension CaseService {
  /// The largest file an attachment holds: 10 MiB.
  public static let maximumAttachmentBytes = 10 << 20

  /// Keeps a copy of a file as an attachment of case `id`. The copy is written, durably,
  /// before the event that records it, under a name that stands for its bytes
  /// (`AttachmentFile`); a copy whose event was never appended (a crash, a lost race) stays
  /// unrecorded. A `request` its user recorded on the case before (a retry) returns the case as
  /// it is, attaching nothing.
  public func attach(
    name: String, bytes: [UInt8], toCase id: String, by user: String?, request: CommandRequest? = nil
  ) throws(ServiceError) -> CaseState {
    let now = clock.now()
    let workgroups = try directory.workgroups()
    let permissions = Permissions(workgroups)
    let user = try permitted(user, permissions)
    if let reason = UserID.attachmentNameProblem(name) {
      throw .refused(.invalidID(name, reason: "invalid attachment name '\(UserID.printable(name))': \(reason)"))
    }
    guard bytes.count <= Self.maximumAttachmentBytes else {
      throw .refused(.attachmentTooLarge(name: name, size: bytes.count, limit: Self.maximumAttachmentBytes))
    }
    for _ in 0..<Self.attempts {
      let before = try load(id)
      if let request, try recorded(request, onCase: id, by: user) != nil { return try load(id) }
      let probe = Command.attach(Attachment(name: name, size: bytes.count, stored: ""))
      try permissions.check(probe, on: before, by: user)
      // Decided once without the copy, so a refused command writes nothing.
      _ = try decide(probe, on: before, by: user, at: now, workgroups)
      let file = AttachmentFile(number: before.attachments.count + 1, name: name, bytes: bytes)
      let stored = try ServiceError.wrap { () throws(RepositoryError) in
        try repository.storeAttachment(bytes, as: file, case: before.id)
      }
      let events = Self.stamped(
        try decide(
          .attach(Attachment(name: name, size: bytes.count, stored: stored)), on: before, by: user, at: now, workgroups),
        with: request)
      let after = Self.applying(events, to: before)
      let change = CaseChangeSet(before: before, events: events, after: after, request: request?.id)
      if try append([change]) == [.appended] { return after }
    }
    throw .refused(.busy(case: id))
  }
}

extension CaseService {
  /// Attachment `number` (1-based, in the order attached) of case `id` and its kept bytes, for
  /// `user` (who, as for `case show`, needs only to be in the directory); `nil` when the case
  /// has no such attachment or its copy is not kept.
  public func attachment(_ number: Int, ofCase id: String, by user: String?) throws(ServiceError)
    -> (attachment: Attachment, bytes: [UInt8])?
  {
    _ = try permitted(user, Permissions(try directory.workgroups()))
    let state = try load(id)
    guard state.attachments.indices.contains(number - 1) else { return nil }
    let attachment = state.attachments[number - 1]
    let bytes = try ServiceError.wrap { () throws(RepositoryError) in try repository.attachment(at: attachment.stored) }
    return bytes.map { (attachment, $0) }
  }
}
