public import DCMCBundle

extension RuntimeDefinitions {
  /// How `task` reaches the members of `target`, key by key: the task's own mode and
  /// time-out, else the workgroup's (from the latest deployment, like its members), else pull
  /// and `BundleTask.defaultOfferTimeoutSeconds`.
  public func dispatch(of task: BundleTask, in target: String) -> TaskDispatch {
    let group = workgroups[target]
    return TaskDispatch(
      mode: task.mode ?? group?.mode ?? .pull,
      offerTimeoutSeconds: task.offerTimeoutSeconds ?? group?.offerTimeoutSeconds
        ?? BundleTask.defaultOfferTimeoutSeconds)
  }

  /// How much work `user` may hold at once in `target`; `nil` when they are no member of it.
  public func capacity(of user: String, in target: String) -> Int? {
    workgroups[target]?.members.first { $0.user == user }?.capacity
  }

  /// The reasons a user may give for being not ready: the declared ones in the order
  /// written, then the built-in `RONA`.
  public var notReadyReasons: [String] {
    (bundle.presence?.notReady ?? []) + [BundlePresence.builtinReason]
  }

  /// How long a user stays in wrap-up after a pushed task, in clock seconds.
  public var wrapUpSeconds: Int {
    bundle.presence?.wrapUpSeconds ?? BundlePresence.defaultWrapUpSeconds
  }
}
